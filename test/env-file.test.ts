import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { serverFile, tempConfigDir, writeServer } from "./helpers/config-dir.js";
import { runCli } from "./helpers/run-cli.js";
import { strictSimulator } from "./helpers/strict-simulator.js";

const sim = strictSimulator("token-from-dotenv");

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, serverFile("oncall", "t1"), "oncall.json");
});
afterEach(() => dir.cleanup());

test(".env in the working directory is read; a variable set in the environment wins", async () => {
  await writeFile(
    join(dir.root, ".env"),
    [
      "# PagerDuty stand-in for this test",
      `PAGERDUTY_BASE_URL=${sim.url}`,
      'PAGERDUTY_API_TOKEN="token-from-dotenv"',
      "PAGERDUTY_FROM_EMAIL=nobody@example.com",
      "",
    ].join("\n"),
  );
  const run = await runCli(["doctor", "--json"], dir, {
    PAGERDUTY_FROM_EMAIL: "carol@example.com",
  });
  const checks = (
    JSON.parse(run.stdout) as { checks: Array<{ name: string; status: string; message: string }> }
  ).checks;
  expect(checks.find((c) => c.name === "account default credentials")).toMatchObject({
    status: "ok",
    message: `API token accepted by ${new URL(sim.url).host}`,
  });
  expect(checks.find((c) => c.name === "account default From user")).toMatchObject({
    status: "ok",
    message: "carol@example.com is a PagerDuty user",
  });
  expect(run.code).toBe(0);
});

test("without .env nothing is read (the simulator would serve)", async () => {
  const run = await runCli(["doctor", "--json"], dir);
  const checks = (JSON.parse(run.stdout) as { checks: Array<{ name: string; status: string }> })
    .checks;
  expect(checks.find((c) => c.name === "account default credentials")?.status).toBe("warn");
});

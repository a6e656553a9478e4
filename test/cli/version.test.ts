import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { REPO_ROOT, tempConfigDir } from "../helpers/config-dir.js";
import { runCli } from "../helpers/run-cli.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
});
afterEach(() => dir.cleanup());

test.each([["--version"], ["-V"]])("pd-mcp %s prints package.json's version", async (flag) => {
  const { version } = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8"));
  const run = await runCli([flag], dir);
  expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
});

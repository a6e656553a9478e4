import { readdir } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { runCli } from "../helpers/run-cli.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
});
afterEach(() => dir.cleanup());

/** Runs pd-mcp with a command line written as one string (no argument holds a space). */
const cli = (line: string) => runCli(line.split(" "), dir);
/** The problem lines of a refused create, without the headline. */
const problemLines = (stderr: string) =>
  stderr
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.trim());

const NAME_ADVICE =
  "must be 1-63 lowercase letters, digits and dashes, starting with a letter or digit (like incident-bot)";
const DATE_ADVICE =
  "cannot be read as a moment in time: write it like 2026-12-31T17:00:00Z (ISO 8601; seconds 00-59, no leap second)";

describe("servers create reports every problem in one pass", () => {
  test("name, method, tag and date are refused together, each once, saying how to fix it", async () => {
    const run = await cli(
      "servers create --name Bad_Name --methods read,frob --tags incidentz --expires-at tomorrow",
    );
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe("Not created: 4 problem(s)");
    const lines = problemLines(run.stderr);
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(
      expect.arrayContaining([
        `servers.d/Bad_Name.json: /name ${NAME_ADVICE}`,
        `servers.d/Bad_Name.json: /expires_at ${DATE_ADVICE}`,
        expect.stringMatching(
          /^servers\.d\/Bad_Name\.json: \/config\/methods\/1 must be one of .*\bread\b.*\bwrite\b/,
        ),
        expect.stringMatching(
          /^servers\.d\/Bad_Name\.json: \/config\/tags\/0 must be one of .*\bincidents\b/,
        ),
      ]),
    );
    expect(await readdir(dir.serversDir)).toEqual([]);
  });

  test("a value both the schema and the meaning check refuse is reported once, in the clearer words", async () => {
    const run = await cli("servers create --name ok --methods Read --json");
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).problems).toEqual([
      expect.objectContaining({
        pointer: "/config/methods/0",
        message: expect.stringMatching(/^must be one of .*\bread\b/),
      }),
    ]);
  });

  test("an unknown account is reported with the schema's problems", async () => {
    const run = await cli("servers create --name ok --account nobody --tool-exposure some");
    expect(run.code).toBe(2);
    expect(problemLines(run.stderr)).toEqual([
      "servers.d/ok.json: /config/tool_exposure must be one of auto, all, discovery",
      "servers.d/ok.json: /account names no configured account: known are default; add it to the accounts file (ACCOUNTS_FILE)",
    ]);
  });

  test("a bad --write-limit and a taken name do not hide the file's own problems", async () => {
    await writeServer(dir.serversDir, serverFile("taken", "taken-token"));
    const run = await cli("servers create --name taken --write-limit lots --tags incidentz");
    expect(run.code).toBe(2);
    expect(problemLines(run.stderr)).toEqual([
      "servers.d/taken.json: /config/write_limits --write-limit lots must look like 10/h, 50/d, 5/m or create_a_pager_duty_incident=3/h",
      "servers.d/taken.json: / already exists: choose another --name, or use servers rotate to get a new URL",
      expect.stringMatching(/^servers\.d\/taken\.json: \/config\/tags\/0 must be one of /),
    ]);
    expect(await readdir(dir.serversDir)).toEqual(["taken.json"]);
  });
});

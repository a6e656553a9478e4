import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createApiToken } from "../../src/config/api-tokens/index.js";
import { createLogger } from "../../src/logger.js";
import { startService, type RunningService } from "../../src/service.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { collectingLogger, settingsFor } from "../helpers/service-settings.js";

/**
 * A token-like secret written next to a JSON syntax error (a value whose quotes were forgotten):
 * V8's parse error quotes the ten characters at the error, so no piece of it may reach a log line
 * or an answer.
 */
const SECRET = "QXJZvKWqPLmRTWyH";
const PIECES = Array.from({ length: SECRET.length - 3 }, (_, i) => SECRET.slice(i, i + 4));
/** Fails naming the first 4-character piece of the secret that `text` contains. */
function expectNoPieceOfSecret(text: string): void {
  expect(PIECES.filter((p) => text.includes(p))).toEqual([]);
}
const brokenServerFile = `{\n  "version": 1,\n  "token_sha256": ${SECRET}\n}\n`;
const brokenApiTokensFile = `{\n  "version": 1,\n  "tokens": [{ "id": "t1", "sha256": ${SECRET} }]\n}\n`;

let service: RunningService;
let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let admin: string;
let logs: string[];
beforeAll(async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, serverFile("edge", "edge-token"));
  const created = await createApiToken(join(dir.root, "api-tokens.json"), {
    name: "admin",
    scopes: ["admin"],
  });
  if (!created.ok) throw new Error("fixture");
  admin = created.value.token;
  const collected = collectingLogger();
  logs = collected.lines;
  service = await startService(settingsFor(dir, { PAGERDUTY_API_TOKEN: "pd" }), collected.logger);
});
afterAll(async () => {
  await service.close();
  await dir.cleanup();
});

const adminCall = (method: string, path: string, body?: object) =>
  fetch(`${service.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
    body: body && JSON.stringify(body),
  });
const eventually = (check: () => Promise<void> | void) =>
  vi.waitFor(check, { timeout: 15_000, interval: 100 });

describe("JSON errors of files that may hold secrets: line, column and kind, never content", () => {
  test("a broken server file: the reload log, /healthz and the admin API's 409s", async () => {
    await writeFile(join(dir.serversDir, "leaky.json"), brokenServerFile);
    await eventually(async () => {
      const health = await (await fetch(`${service.url}/healthz`)).json();
      expect(health.rejected_files).toEqual([expect.stringMatching(/servers\.d\/leaky\.json$/)]);
    });

    const change = await adminCall("PATCH", "/integrated-account/default/mcp/leaky", {
      config: {},
    });
    const create = await adminCall("POST", "/integrated-account/default/mcp", {
      name: "leaky",
      config: {},
    });
    const bodies = [await change.text(), await create.text()];
    expectNoPieceOfSecret([...bodies, await (await fetch(`${service.url}/healthz`)).text()].join());
    expectNoPieceOfSecret(logs.join(""));
    const problem = /leaky\.json: \/ is not valid JSON: Unexpected character at line 3, column 19/;
    expect(logs.join("")).toMatch(problem);
    expect([change.status, create.status]).toEqual([409, 409]);
    for (const body of bodies) expect(JSON.parse(body).error.message).toMatch(problem);
  });

  test("a broken API tokens file, read while running: the log and the refused caller", async () => {
    const file = join(dir.root, "api-tokens.json");
    const good = await readFile(file, "utf8");
    await writeFile(file, brokenApiTokensFile);
    const answers: string[] = [];
    await eventually(async () => {
      const res = await adminCall("GET", "/integrated-account/default/mcp");
      answers.push(await res.text());
      expect(res.status).toBe(401);
      expect(logs.join("")).toMatch(/api_tokens_reload/);
    });
    await writeFile(file, good);
    // The verifier looks at the file again at most once a second: wait until it took the fix.
    await eventually(async () =>
      expect((await adminCall("GET", "/integrated-account/default/mcp")).status).toBe(200),
    );
    expectNoPieceOfSecret(answers.join());
    expectNoPieceOfSecret(logs.join(""));
    const line = logs.find((l) => l.includes("api_tokens_reload"))!;
    expect(JSON.parse(line).problems).toEqual([
      expect.objectContaining({
        pointer: "",
        message: "is not valid JSON: Unexpected character at line 3, column 38",
      }),
    ]);
  });

  test.each([
    ["a server file", "servers.d/leaky.json", brokenServerFile, /line 3, column 19/],
    ["the API tokens file", "api-tokens.json", brokenApiTokensFile, /line 3, column 38/],
  ])(
    "%s that is broken at start: the refusal names the place only",
    async (_i, at, text, where) => {
      const d = await tempConfigDir();
      await writeFile(join(d.root, at), text);
      const error = await startService(
        settingsFor(d, { PAGERDUTY_API_TOKEN: "pd" }),
        createLogger("silent"),
      ).catch((e: unknown) => e as Error);
      await d.cleanup();
      expect(error).toBeInstanceOf(Error);
      expectNoPieceOfSecret((error as Error).message);
      expect((error as Error).message).toMatch(where);
    },
  );
});

describe("a path that does not percent-decode is the caller's mistake", () => {
  test.each([
    [
      "the admin API",
      "GET",
      "/integrated-account/%ZZ/mcp",
      {
        error: {
          code: "bad_request",
          message:
            "The URL is not valid: a part of its path is not correctly percent-encoded (%XX).",
        },
      },
    ],
    [
      "an MCP URL",
      "POST",
      "/mcp/%ZZ",
      {
        jsonrpc: "2.0",
        id: null,
        error: {
          code: -32600,
          message:
            "The URL is not valid: a part of its path is not correctly percent-encoded (%XX).",
        },
      },
    ],
  ])("%s: 400 with a JSON error, no stack in the log", async (_intent, method, path, expected) => {
    const before = logs.length;
    const res = await adminCall(method, path, method === "GET" ? undefined : {});
    expect(logs.slice(before).join("")).not.toMatch(/URIError|"stack"|\n\s+at /);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(expected);
  });
});

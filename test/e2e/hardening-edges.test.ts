import http from "node:http";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiToken } from "../../src/config/api-tokens/index.js";
import { loadAccounts } from "../../src/config/load-accounts.js";
import { loadConfig } from "../../src/config/load-config.js";
import { ServerNameTakenError, writeServerFile } from "../../src/config/server-files.js";
import { createLogger } from "../../src/logger.js";
import { startService, type RunningService } from "../../src/service.js";
import { readSettings } from "../../src/settings.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";

let service: RunningService;
let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let admin: string;
beforeAll(async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, serverFile("edge", "edge-token"));
  const tokensFile = join(dir.root, "api-tokens.json");
  const created = await createApiToken(tokensFile, { name: "admin", scopes: ["admin"] });
  if (!created.ok) throw new Error("fixture");
  admin = created.value.token;
  service = await startService(
    readSettings({
      PORT: "0",
      PAGERDUTY_API_TOKEN: "pd",
      INTEGRATIONS_DIR: dir.integrationsDir,
      SERVERS_DIR: dir.serversDir,
      ACCOUNTS_FILE: join(dir.root, "accounts.json"),
      API_TOKENS_FILE: tokensFile,
    }),
    createLogger("silent"),
  );
});
afterAll(async () => {
  await service.close();
  await dir.cleanup();
});

/** A raw request with full control of Host and the other headers. */
function send(method: string, path: string, headers: Record<string, string>, body?: string) {
  const url = new URL(service.url);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>(
    (resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method,
          headers: { Host: url.host, ...headers },
        },
        (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    },
  );
}

describe("the Host allow-list guards every route", () => {
  test.each([["/healthz"], ["/metrics"], ["/integrated-account/default/mcp"], ["/nope"]])(
    "%s refuses a foreign Host with 403",
    async (path) => {
      const res = await send("GET", path, {
        Host: "attacker.example",
        Authorization: `Bearer ${admin}`,
      });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text)).toEqual({
        error: {
          code: "forbidden",
          message:
            'Host "attacker.example" is not allowed: set PUBLIC_URL or ALLOWED_HOSTS to the name clients use.',
        },
      });
    },
  );

  test("an IP address is no DNS rebinding: a probe by pod IP gets /healthz", async () => {
    expect((await send("GET", "/healthz", { Host: "10.1.2.3:3000" })).status).toBe(200);
  });

  test("Origin: null is not reflected in Access-Control-Allow-Origin", async () => {
    const res = await send(
      "POST",
      "/mcp/edge-token",
      { Origin: "null", "Content-Type": "application/json" },
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    );
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("admin API edges", () => {
  test("a path that does not percent-decode is a 400, not a 500", async () => {
    const res = await send("GET", "/integrated-account/%ZZ/mcp", {
      Authorization: `Bearer ${admin}`,
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({
      error: {
        code: "bad_request",
        message: "The URL is not valid: a part of its path is not correctly percent-encoded (%XX).",
      },
    });
  });

  test("the answer carrying a new URL is Cache-Control: no-store", async () => {
    const res = await send(
      "POST",
      "/integrated-account/default/mcp",
      { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
      JSON.stringify({ name: "fresh", config: {} }),
    );
    expect(res.status).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
  });
});

describe("files", () => {
  test("a JSON error in the accounts file never quotes the file (it holds tokens)", async () => {
    const file = join(dir.root, "broken-accounts.json");
    await writeFile(
      file,
      '{\n  "accounts": {\n    "acme": { "api_token": "u+SeCrEtToKeNvAlUe" x }\n  }\n}\n',
    );
    const { problems } = await loadAccounts(file, {});
    expect(problems.map((p) => p.message)).toEqual([
      "is not valid JSON: Expected ',' or '}' after property value at line 3, column 49",
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/SeCrEt|u\+/);
  });

  test("an expires_at that cannot be read (a leap second) is refused, with the format to use", async () => {
    const d = await tempConfigDir();
    await writeServer(
      d.serversDir,
      serverFile("leap", "leap-token", { expires_at: "2026-12-31T23:59:60Z" }),
    );
    const loaded = await loadConfig({
      integrationsDir: d.integrationsDir,
      serversDir: d.serversDir,
    });
    await d.cleanup();
    expect(loaded.ok ? [] : loaded.problems.map((p) => `${p.pointer} ${p.message}`)).toEqual([
      "/expires_at cannot be read as a moment in time: write it like 2026-12-31T17:00:00Z (ISO 8601; seconds 00-59, no leap second)",
    ]);
  });

  test("two creators of the same name at the same moment: exactly one wins, the other is told", async () => {
    const results = await Promise.allSettled([
      writeServerFile(dir.serversDir, serverFile("race", "token-a"), { create: true }),
      writeServerFile(dir.serversDir, serverFile("race", "token-b"), { create: true }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ServerNameTakenError);
  });
});

import { readFile, writeFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { formatProblem } from "../../src/errors.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
});
afterEach(() => dir.cleanup());

async function problems(): Promise<string[]> {
  const result = await loadConfig({
    integrationsDir: dir.integrationsDir,
    serversDir: dir.serversDir,
  });
  if (result.ok) return [];
  // Paths in messages are relative to the working directory; compare from the temp root on.
  return result.problems.map((p) =>
    formatProblem({
      ...p,
      file: p.file.slice(
        p.file.indexOf(dir.root.split("/").pop()!) + dir.root.split("/").pop()!.length + 1,
      ),
    }),
  );
}

describe("server files", () => {
  test("a known-good server loads with its tools", async () => {
    await writeServer(dir.serversDir, serverFile("good", "t0k"));
    const result = await loadConfig({
      integrationsDir: dir.integrationsDir,
      serversDir: dir.serversDir,
    });
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.snapshot.serversByName.get("good")!.tools.map((t) => t.name)).toContain(
        "list_all_pager_duty_incidents",
      );
  });

  test.each([
    [
      "unknown method group",
      { config: { methods: ["read", "admin"] } },
      "servers.d/s.json: /config/methods/1 must be one of",
    ],
    [
      "unknown tag",
      { config: { tags: ["nope"] } },
      "servers.d/s.json: /config/tags/0 must be one of",
    ],
    [
      "bad token hash",
      { token_sha256: "abc" },
      "servers.d/s.json: /token_sha256 must match the pattern ^[0-9a-f]{64}$",
    ],
    [
      "unknown account",
      { account: "acme-prod" },
      "servers.d/s.json: /account names no configured account: known are default",
    ],
    [
      "unknown integration",
      { integration: "opsgenie" },
      "servers.d/s.json: /integration names no known integration: known are pagerduty",
    ],
    [
      "invalid expiry",
      { expires_at: "next friday" },
      "servers.d/s.json: /expires_at cannot be read as a moment in time: write it like 2026-12-31T17:00:00Z",
    ],
    ["wrong version", { version: 2 }, "servers.d/s.json: /version must be 1"],
    [
      "unknown property",
      { colour: "red" },
      "servers.d/s.json: /colour is not a known property: remove it or check its spelling",
    ],
    [
      "name differs from file",
      { name: "other" },
      'servers.d/s.json: /name must equal the file name "s"',
    ],
  ])("%s", async (_intent, change, expected) => {
    await writeServer(dir.serversDir, { ...serverFile("s", "t"), ...change }, "s.json");
    const found = await problems();
    expect(
      found.some((p) => p.startsWith(expected)),
      `got:\n${found.join("\n")}`,
    ).toBe(true);
  });

  test("every problem in every file is reported at once", async () => {
    await writeServer(
      dir.serversDir,
      { ...serverFile("a", "1"), config: { methods: ["nope"] } },
      "a.json",
    );
    await writeServer(dir.serversDir, "{ not json", "b.json");
    await writeServer(dir.serversDir, { ...serverFile("c", "3"), account: "missing" }, "c.json");
    const found = await problems();
    expect(found).toHaveLength(3);
    expect(found[1]).toMatch(/^servers\.d\/b\.json: \/ is not valid JSON: /);
  });

  test("two servers with the same token are refused", async () => {
    await writeServer(dir.serversDir, serverFile("a", "same"));
    await writeServer(dir.serversDir, serverFile("b", "same"));
    const found = await problems();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^servers\.d\/b\.json: \/token_sha256 is the same as in .*servers\.d\/a\.json: rotate one of them/,
    );
  });
});

describe("resource files", () => {
  const incidents = () => join(dir.integrationsDir, "pagerduty/resources/incidents.json");
  async function editIncidents(edit: (doc: any) => void): Promise<void> {
    const doc = JSON.parse(await readFile(incidents(), "utf8"));
    edit(doc);
    await writeFile(incidents(), JSON.stringify(doc));
  }

  test.each([
    [
      "JSONata syntax error",
      (d: any) => (d.methods.list.response.mapping = "incidents.{"),
      "integrations/pagerduty/resources/incidents.json: /methods/list/response/mapping is not a valid JSONata expression at character",
    ],
    [
      "path placeholder without parameter",
      (d: any) => (d.methods.get.http.path = "/incidents/{incident_id}"),
      "integrations/pagerduty/resources/incidents.json: /methods/get/http/path has {incident_id} but no parameter with in: path supplies it",
    ],
    [
      "reserved argument name",
      (d: any) =>
        (d.methods.list.parameters.limit = {
          in: "query",
          description: "page size",
          schema: { type: "integer" },
        }),
      "integrations/pagerduty/resources/incidents.json: /methods/list/parameters/limit uses a reserved argument name",
    ],
    [
      "tool name too long",
      (d: any) => (d.methods.acknowledge_every_single_open_incident_right_now = d.methods.get),
      "integrations/pagerduty/resources/incidents.json: /methods/acknowledge_every_single_open_incident_right_now makes the tool name",
    ],
    [
      "unknown parameter location",
      (d: any) => (d.methods.list.parameters.statuses.in = "cookie"),
      "integrations/pagerduty/resources/incidents.json: /methods/list/parameters/statuses/in must be one of path, query, body",
    ],
    [
      "description missing",
      (d: any) => delete d.methods.get.description,
      'integrations/pagerduty/resources/incidents.json: /methods/get must have property "description"',
    ],
  ])("%s", async (_intent, edit, expected) => {
    await editIncidents(edit);
    const found = await problems();
    expect(
      found.some((p) => p.startsWith(expected)),
      `got:\n${found.join("\n")}`,
    ).toBe(true);
  });

  test("a second file defining the same tool is refused", async () => {
    await writeFile(
      join(dir.integrationsDir, "pagerduty/resources/zz-copy.json"),
      await readFile(incidents(), "utf8"),
    );
    const found = await problems();
    expect(
      found.some((p) =>
        /zz-copy\.json: \/methods\/list makes the tool name "list_all_pager_duty_incidents", which .*incidents\.json already defines/.test(
          p,
        ),
      ),
    ).toBe(true);
  });

  test("a missing integration.json leaves the integration out and servers naming it invalid", async () => {
    await rm(join(dir.integrationsDir, "pagerduty/integration.json"));
    await writeServer(dir.serversDir, serverFile("s", "t"));
    const found = await problems();
    expect(
      found.some((p) =>
        p.includes("integration.json: / is missing: every integration folder needs one"),
      ),
    ).toBe(true);
  });
});

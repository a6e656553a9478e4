import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { loadIntegrations } from "../../src/config/load-integrations.js";
import type { CompiledTool } from "../../src/interpreter/compiled-tool.js";
import { withDerivedKey } from "../../src/interpreter/idempotency-key.js";
import { SHIPPED_INTEGRATIONS, tempConfigDir } from "../helpers/config-dir.js";

let create: CompiledTool;
beforeAll(async () => {
  const { integrations } = await loadIntegrations(SHIPPED_INTEGRATIONS);
  create = integrations.get("pagerduty")!.tools.get("create_a_pager_duty_incident")!;
});

const at = Date.parse("2026-11-25T09:01:00Z");
const args = { title: "Disk full", service_id: "SAUTH1" };

describe("withDerivedKey", () => {
  test("the same server, arguments and 5-minute window give the same key", () => {
    const a = withDerivedKey(create, args, { server: "s", at });
    const b = withDerivedKey(
      create,
      { ...args, details: "more" },
      { server: "s", at: at + 180_000 },
    );
    expect(a.incident_key).toMatch(/^mcp-[0-9a-f]{32}$/);
    expect(b.incident_key).toBe(a.incident_key);
  });

  test.each([
    ["another server", { ...args }, { server: "t", at }],
    ["another title", { ...args, title: "Disk fuller" }, { server: "s", at }],
    ["another service", { ...args, service_id: "SPAYMT1" }, { server: "s", at }],
    ["the next window", { ...args }, { server: "s", at: at + 240_000 }],
  ])("%s gives another key", (_intent, other, scope) => {
    const base = withDerivedKey(create, args, { server: "s", at }).incident_key;
    expect(withDerivedKey(create, other, scope).incident_key).not.toBe(base);
  });

  test("a key the caller gives, or no scope, leaves the arguments alone", () => {
    const given = { ...args, incident_key: "mine" };
    expect(withDerivedKey(create, given, { server: "s", at })).toBe(given);
    expect(withDerivedKey(create, args, undefined)).toBe(args);
  });
});

describe("a method's idempotency_key is checked at load", () => {
  test.each([
    [
      "a required argument",
      { argument: "title", from: ["service_id"], window_seconds: 300 },
      "/methods/create/idempotency_key/argument must name an optional string parameter of the method (it is filled in when left out)",
    ],
    [
      "an argument that does not exist",
      { argument: "dedup", from: ["title"], window_seconds: 300 },
      "/methods/create/idempotency_key/argument must name an optional string parameter of the method (it is filled in when left out)",
    ],
    [
      "a source that does not exist",
      { argument: "incident_key", from: ["title", "summary"], window_seconds: 300 },
      '/methods/create/idempotency_key/from/1 names no parameter of the method: add it or remove "summary"',
    ],
  ])("%s is a problem at its pointer", async (_intent, spec, expected) => {
    const dir = await tempConfigDir();
    try {
      const file = join(dir.integrationsDir, "pagerduty/resources/incidents.json");
      const doc = JSON.parse(await readFile(file, "utf8"));
      doc.methods.create.idempotency_key = spec;
      await writeFile(file, JSON.stringify(doc));
      const { problems } = await loadIntegrations(dir.integrationsDir);
      expect(problems.map((p) => `${p.pointer} ${p.message}`)).toEqual([expected]);
    } finally {
      await dir.cleanup();
    }
  });
});

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { toolMatches } from "../src/config/server-filter.js";
import type { ToolFilter } from "../src/config/types/server.js";
import type { CompiledTool } from "../src/interpreter/compiled-tool.js";
import { REPO_ROOT } from "./helpers/config-dir.js";
import { shippedTools } from "./helpers/shipped-tools.js";

/** What the seed's two workflows call: triage and on-call lookup, then open an incident and add a note. */
const WORKFLOW_TOOLS = [
  "list_all_pager_duty_incidents",
  "get_single_pager_duty_incident_by_id",
  "list_all_pager_duty_schedules",
  "list_all_pager_duty_on_calls",
  "list_all_pager_duty_services",
  "create_a_pager_duty_incident",
  "create_a_pager_duty_incident_note",
];

let tools: CompiledTool[];
beforeAll(async () => {
  tools = [...(await shippedTools()).values()];
});

const exposed = (filter: ToolFilter) =>
  tools.filter((t) => toolMatches(t, filter)).map((t) => t.name);

describe("the examples a newcomer copies work end to end", () => {
  test("every `servers create` example of the README exposes the tools of both workflows", async () => {
    const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
    const examples = [
      ...readme.matchAll(/pd-mcp servers create --name \S+ --methods (\S+) --tags (\S+)/g),
    ];
    expect(examples.length).toBeGreaterThan(0);
    for (const [, methods, tags] of examples)
      expect(exposed({ methods: methods.split(","), tags: tags.split(",") })).toEqual(
        expect.arrayContaining(WORKFLOW_TOOLS),
      );
  });

  test("the shipped incident-response-agent server exposes the tools of both workflows", async () => {
    const file = JSON.parse(
      await readFile(join(REPO_ROOT, "servers.d", "incident-response-agent.json"), "utf8"),
    );
    expect(exposed(file.config)).toEqual(expect.arrayContaining(WORKFLOW_TOOLS));
  });
});

import { beforeAll, describe, expect, test } from "vitest";
import { toolMatches } from "../../src/config/server-filter.js";
import type { CompiledTool } from "../../src/interpreter/compiled-tool.js";
import {
  AUTO_DISCOVERY_ABOVE,
  renderServerTools,
  resolveExposure,
  type ServerToolOptions,
} from "../../src/interpreter/server-tools.js";
import { shippedTools } from "../helpers/shipped-tools.js";

let all: CompiledTool[];
beforeAll(async () => {
  all = [...(await shippedTools()).values()];
});

const view = (tags: string[], options: Partial<ServerToolOptions> = {}) =>
  renderServerTools(
    all.filter((t) => toolMatches(t, { tags })),
    { exposure: "all", infix: "pager_duty", defaultFromEmail: "bot@example.com", ...options },
  );
const tool = (tools: CompiledTool[], name: string) => tools.find((t) => t.name === name)!;
const everyText = (t: CompiledTool) =>
  [
    t.definition.description,
    ...Object.values(t.definition.inputSchema.properties ?? {}).map(
      (p) => (p as { description: string }).description,
    ),
  ].join("\n");

describe("resolveExposure", () => {
  test.each([
    [undefined, AUTO_DISCOVERY_ABOVE, "all"],
    [undefined, AUTO_DISCOVERY_ABOVE + 1, "discovery"],
    ["auto", 500, "discovery"],
    ["all", 500, "all"],
    ["discovery", 3, "discovery"],
  ] as const)("%s with %i tools is %s", (setting, count, expected) => {
    expect(resolveExposure(setting, count)).toBe(expected);
  });
});

describe("renderServerTools", () => {
  test("a server without services never tells the model to list services", () => {
    const tools = view(["incidents"]);
    const create = tool(tools, "create_a_pager_duty_incident");
    expect(create.definition.description).toContain(
      "Needs the service ID, which the user can give.",
    );
    for (const t of tools) {
      const text = everyText(t);
      expect(text).not.toContain("{{");
      for (const other of all)
        if (!tools.includes(other) && !tools.some((v) => v.name === other.name))
          expect(text, `${t.name} mentions hidden ${other.name}`).not.toContain(other.name);
    }
  });

  test("with every tool visible, references are plain names", () => {
    const create = tool(view([]), "create_a_pager_duty_incident");
    expect(create.definition.description).toContain(
      "Needs the service ID (find it with list_all_pager_duty_services).",
    );
  });

  test("in discovery mode, references to tools that are not listed give the route", () => {
    const tools = view([], { exposure: "discovery" });
    expect(tool(tools, "create_a_pager_duty_incident").definition.description).toContain(
      "(find it with list_all_pager_duty_services via call_pager_duty_read_tool)",
    );
    expect(tool(tools, "list_all_pager_duty_incidents").definition.description).not.toContain("{{");
    expect(tool(tools, "update_a_pager_duty_service_by_id").definition.description).toContain(
      "maintenance window (create_a_pager_duty_maintenance_window via call_pager_duty_write_tool)",
    );
  });

  test("tools without references or From needs are shared, not copied", () => {
    const integrationTool = all.find((t) => t.name === "list_all_pager_duty_priorities")!;
    expect(tool(view([]), "list_all_pager_duty_priorities")).toBe(integrationTool);
  });

  test("from_email is required in the schema when the account has no default From", () => {
    const withDefault = tool(view([]), "create_a_pager_duty_incident").definition.inputSchema;
    const without = tool(view([], { defaultFromEmail: undefined }), "create_a_pager_duty_incident")
      .definition.inputSchema;
    expect(withDefault.required).not.toContain("from_email");
    expect(without.required).toEqual(["title", "service_id", "from_email"]);
    expect((without.properties!.from_email as { description: string }).description).toContain(
      "Required: this server's account has no default user.",
    );
    // Reads and tools whose From is optional are unchanged.
    const list = tool(view([], { defaultFromEmail: undefined }), "list_all_pager_duty_incidents");
    expect(list.definition.inputSchema.required).toBeUndefined();
  });
});

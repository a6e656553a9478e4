import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildSnapshot, loadConfig } from "../../src/config/load-config.js";
import type { Snapshot } from "../../src/config/snapshot.js";
import { formatProblem } from "../../src/errors.js";
import { tempConfigDir } from "../helpers/config-dir.js";
import { widgetMethod, widgetResource } from "../helpers/resource-fixture.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
});
afterEach(() => dir.cleanup());

const folder = (sub: string) => join(dir.integrationsDir, "pagerduty", sub);
async function write(sub: string, name: string, doc: unknown): Promise<void> {
  await mkdir(folder(sub), { recursive: true });
  await writeFile(join(folder(sub), name), JSON.stringify(doc, null, 2));
}
async function load() {
  const result = await loadConfig({
    integrationsDir: dir.integrationsDir,
    serversDir: dir.serversDir,
  });
  return {
    result,
    problems: result.ok
      ? []
      : result.problems.map((p) => formatProblem(p).replaceAll(/\S*?pd-mcp-test-[^/]+\//g, "")),
  };
}

describe("resource files from resources/ and generated/", () => {
  test("generated files are loaded beside curated ones", async () => {
    await write("generated", "widgets.json", widgetResource({ list: widgetMethod() }));
    const { result, problems } = await load();
    expect(problems).toEqual([]);
    expect(
      result.ok &&
        result.snapshot.integrations.get("pagerduty")!.tools.has("list_all_pager_duty_widgets"),
    ).toBe(true);
  });

  test("a generated method claiming a curated operation is refused, naming both places", async () => {
    await write(
      "generated",
      "a-incidents.json",
      widgetResource({ list: widgetMethod({ operation_id: "listIncidents" }) }),
    );
    const { problems } = await load();
    expect(problems).toEqual([
      "integrations/pagerduty/generated/a-incidents.json: /methods/list/operation_id claims operation listIncidents, which integrations/pagerduty/resources/incidents.json /methods/list already describes: one operation has one method (remove one, or curate it in resources/ and regenerate)",
    ]);
  });

  test("two curated methods claiming one operation are refused", async () => {
    await write(
      "resources",
      "widgets.json",
      widgetResource({
        list: widgetMethod({ operation_id: "listWidgets" }),
        search: widgetMethod({ operation_id: "listWidgets" }),
      }),
    );
    const { problems } = await load();
    expect(problems).toEqual([
      "integrations/pagerduty/resources/widgets.json: /methods/search/operation_id claims operation listWidgets, which integrations/pagerduty/resources/widgets.json /methods/list already describes: one operation has one method (remove one, or curate it in resources/ and regenerate)",
    ]);
  });

  test("curated files load first whatever the names: a clash is reported in the generated file", async () => {
    // "0-…" sorts before "incidents.json", and "generated" before "resources": order is by folder.
    const incidents = JSON.parse(
      await readFile(join(folder("resources"), "incidents.json"), "utf8"),
    );
    delete incidents.methods.list.operation_id;
    await write("generated", "0-incidents.json", {
      ...incidents,
      methods: { list: incidents.methods.list },
    });
    const { problems } = await load();
    expect(problems).toEqual([
      'integrations/pagerduty/generated/0-incidents.json: /methods/list makes the tool name "list_all_pager_duty_incidents", which integrations/pagerduty/resources/incidents.json already defines: rename the resource or method, or set tool_name',
    ]);
  });

  test("tool_name replaces the rule's name, and a clash with it is refused", async () => {
    await write(
      "resources",
      "widgets.json",
      widgetResource({
        list: widgetMethod({ tool_name: "list_widgets" }),
        search: widgetMethod({ tool_name: "list_widgets" }),
      }),
    );
    const { problems } = await load();
    expect(problems).toEqual([
      'integrations/pagerduty/resources/widgets.json: /methods/search makes the tool name "list_widgets", which integrations/pagerduty/resources/widgets.json already defines: rename the resource or method, or set tool_name',
    ]);
  });

  test.each([
    [
      "a tool_name longer than 64",
      { tool_name: "a".repeat(65) },
      "/methods/list/tool_name must NOT have more than 64 characters",
    ],
    ["an unknown kind", { kind: "admin" }, "/methods/list/kind must be one of read, write, custom"],
    [
      "an operation_id that is not an identifier",
      { operation_id: "list widgets" },
      "/methods/list/operation_id must match the pattern ^[A-Za-z][A-Za-z0-9_]*$",
    ],
    [
      "an Authorization header",
      { http: { method: "GET", path: "/widgets", headers: { Authorization: "Token token=x" } } },
      "/methods/list/http/headers/Authorization is set by the server (credentials, from_email): remove it from the resource file",
    ],
    [
      "a From header",
      { http: { method: "GET", path: "/widgets", headers: { from: "a@example.com" } } },
      "/methods/list/http/headers/from is set by the server (credentials, from_email): remove it from the resource file",
    ],
    [
      "a parameter without in, description or schema and no use",
      { parameters: { q: { in: "query" } } },
      '/methods/list/parameters/q must have property "description"',
    ],
    [
      "an unknown array style",
      {
        parameters: {
          q: { in: "query", description: "Q.", style: "pipes", schema: { type: "array" } },
        },
      },
      "/methods/list/parameters/q/style must be one of brackets, comma, repeat",
    ],
  ])("%s is a problem", async (_intent, change, expected) => {
    await write(
      "resources",
      "widgets.json",
      widgetResource({ list: widgetMethod(change as never) }),
    );
    const { problems } = await load();
    expect(problems).toContain(`integrations/pagerduty/resources/widgets.json: ${expected}`);
  });
});

describe("a reload compiles only the resource files that changed", () => {
  const sources = () => ({ integrationsDir: dir.integrationsDir, serversDir: dir.serversDir });
  const toolsOf = (snapshot: Snapshot) => snapshot.integrations.get("pagerduty")!.tools;

  test("unchanged files keep their compiled tools; the changed file's tools are new", async () => {
    await write("generated", "widgets.json", widgetResource({ list: widgetMethod() }));
    const first = await buildSnapshot(sources());
    await write(
      "generated",
      "widgets.json",
      widgetResource({ list: widgetMethod({ description: "List widgets, changed." }) }),
    );
    const second = await buildSnapshot(sources(), first.snapshot);
    expect(second.snapshot.problems).toEqual([]);
    const [before, after] = [toolsOf(first.snapshot), toolsOf(second.snapshot)];
    expect(after.get("get_single_pager_duty_incident_by_id")).toBe(
      before.get("get_single_pager_duty_incident_by_id"),
    );
    expect(after.get("list_all_pager_duty_widgets")).not.toBe(
      before.get("list_all_pager_duty_widgets"),
    );
    expect(after.get("list_all_pager_duty_widgets")!.definition.description).toBe(
      "List widgets, changed.",
    );
  });

  test("a change to integration.json compiles every file again", async () => {
    const first = await buildSnapshot(sources());
    const path = join(dir.integrationsDir, "pagerduty", "integration.json");
    const integration = JSON.parse(await readFile(path, "utf8"));
    await writeFile(path, JSON.stringify({ ...integration, title: "PagerDuty, changed" }));
    const second = await buildSnapshot(sources(), first.snapshot);
    expect(second.snapshot.problems).toEqual([]);
    expect(toolsOf(second.snapshot).get("get_single_pager_duty_incident_by_id")).not.toBe(
      toolsOf(first.snapshot).get("get_single_pager_duty_incident_by_id"),
    );
  });

  test("a file that breaks is reported again at every reload, and a deleted file's tools go", async () => {
    await write("generated", "widgets.json", widgetResource({ list: widgetMethod() }));
    await write("generated", "gadgets.json", { type: "resource" });
    const first = await buildSnapshot(sources());
    const second = await buildSnapshot(sources(), first.snapshot);
    expect(second.snapshot.problems.map((p) => p.file)).toEqual(
      first.snapshot.problems.map((p) => p.file),
    );
    expect(second.snapshot.problems.length).toBeGreaterThan(0);
    await rm(join(folder("generated"), "gadgets.json"));
    const third = await buildSnapshot(sources(), second.snapshot);
    expect(third.snapshot.problems).toEqual([]);
    await rm(join(folder("generated"), "widgets.json"));
    const fourth = await buildSnapshot(sources(), third.snapshot);
    expect(toolsOf(fourth.snapshot).has("list_all_pager_duty_widgets")).toBe(false);
  });
});

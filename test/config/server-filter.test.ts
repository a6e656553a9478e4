import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { toolMatches } from "../../src/config/server-filter.js";
import { formatProblem } from "../../src/errors.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { compileWidget, widgetMethod, widgetResource } from "../helpers/resource-fixture.js";

const current = compileWidget(widgetMethod({ kind: "read" }), "get_current");
const old = compileWidget(widgetMethod({ deprecated: true }), "list");

describe("toolMatches", () => {
  test.each([
    ["a custom key made a read is shown by methods [read]", current, { methods: ["read"] }, true],
    ["a custom key made a read is not custom", current, { methods: ["custom"] }, false],
    ["a deprecated tool is hidden from an unfiltered server", old, {}, false],
    ["a deprecated tool is hidden even when its kind matches", old, { methods: ["read"] }, false],
    [
      "a deprecated tool named in tools is shown",
      old,
      { methods: ["write"], tools: [old.name] },
      true,
    ],
    [
      "tools adds to what methods and tags select",
      current,
      { tags: ["x"], tools: [current.name] },
      true,
    ],
  ])("%s", (_intent, tool, filter, expected) => {
    expect(toolMatches(tool, filter)).toBe(expected);
  });

  test("a deprecated tool says so first in its description", () => {
    expect(old.definition.description).toBe("Deprecated. List widgets for the test, whole.");
    expect(old.deprecated).toBe(true);
    expect(current.deprecated).toBe(false);
  });
});

describe("servers with config.tools", () => {
  let dir: Awaited<ReturnType<typeof tempConfigDir>>;
  beforeAll(async () => {
    dir = await tempConfigDir();
    await mkdir(join(dir.integrationsDir, "pagerduty/generated"), { recursive: true });
    await writeFile(
      join(dir.integrationsDir, "pagerduty/generated/widgets.json"),
      JSON.stringify(widgetResource({ list: widgetMethod({ deprecated: true }) })),
    );
  });
  afterAll(() => dir.cleanup());
  const load = () =>
    loadConfig({ integrationsDir: dir.integrationsDir, serversDir: dir.serversDir });

  test("a server sees a deprecated tool only when it names it", async () => {
    await writeServer(dir.serversDir, serverFile("all", "t1"));
    await writeServer(
      dir.serversDir,
      serverFile("named", "t2", {
        config: { methods: ["write"], tools: ["list_all_pager_duty_widgets"] },
      }),
    );
    const result = await load();
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    const names = (server: string) =>
      result.snapshot.serversByName.get(server)!.tools.map((t) => t.name);
    expect(names("all")).not.toContain("list_all_pager_duty_widgets");
    expect(names("named")).toContain("list_all_pager_duty_widgets");
    expect(names("named").filter((n) => n.startsWith("list_"))).toEqual([
      "list_all_pager_duty_widgets",
    ]);
  });

  test("a methods [read] server shows the current user (get_current is a read)", async () => {
    await writeServer(
      dir.serversDir,
      serverFile("reader", "t4", { config: { methods: ["read"] } }),
    );
    const result = await load();
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    expect(result.snapshot.serversByName.get("reader")!.tools.map((t) => t.name)).toContain(
      "get_current_a_pager_duty_user",
    );
  });

  test("a server naming an unknown tool is refused", async () => {
    await writeServer(
      dir.serversDir,
      serverFile("typo", "t3", { config: { tools: ["list_all_pager_duty_widget"] } }),
    );
    const result = await load();
    expect(result.ok ? [] : result.problems.map(formatProblem)).toContainEqual(
      expect.stringMatching(
        /servers\.d\/typo\.json: \/config\/tools\/0 names no tool of integration pagerduty: list them with npx pd-mcp tools$/,
      ),
    );
  });
});

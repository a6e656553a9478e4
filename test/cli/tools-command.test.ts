import { afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { CompiledTool } from "../../src/interpreter/compiled-tool.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { runCli } from "../helpers/run-cli.js";
import { shippedTools } from "../helpers/shipped-tools.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let tools: CompiledTool[];
beforeAll(async () => {
  tools = [...(await shippedTools()).values()];
});
beforeEach(async () => {
  dir = await tempConfigDir();
  await writeServer(
    dir.serversDir,
    serverFile("reader", "t", { config: { methods: ["read"], tags: ["incidents"] } }),
  );
});
afterEach(() => dir.cleanup());

const cli = (...args: string[]) => runCli(args, dir);

describe("pd-mcp tools", () => {
  test("--server lists exactly what the server exposes, with titles and hints", async () => {
    const run = await cli("tools", "--server", "reader", "--json");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.server).toBe("reader");
    expect(out.integration).toBe("pagerduty");
    const expected = tools
      .filter((t) => t.kind === "read" && t.tags.includes("incidents") && !t.deprecated)
      .map((t) => t.name)
      .sort();
    expect(out.tools.map((t: { name: string }) => t.name)).toEqual(expected);
    expect(out.tools).toContainEqual({
      name: "list_all_pager_duty_incidents",
      title: "List incidents",
      readOnlyHint: true,
      destructiveHint: false,
      openWorldHint: false,
    });
  });

  test("the human form has one line per tool after a count", async () => {
    const run = await cli("tools", "--server", "reader");
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^reader: \d+ tool\(s\)$/);
    expect(lines[2]).toMatch(/^NAME +TITLE +HINTS$/);
    expect(lines.find((l) => l.startsWith("list_all_pager_duty_incidents "))).toMatch(
      /List incidents +read-only$/,
    );
  });

  test("without --server it lists every tool; deletes are destructive", async () => {
    const run = await cli("tools", "--json");
    const out = JSON.parse(run.stdout);
    expect(out.server).toBeNull();
    expect(out.tools).toHaveLength(tools.length);
    const deletes = out.tools.filter((t: { name: string }) => t.name.startsWith("delete_"));
    expect(deletes.length).toBeGreaterThan(0);
    for (const t of deletes)
      expect(t).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });

  test("an unknown server exits 2", async () => {
    const run = await cli("tools", "--server", "nope");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no server is named "nope"');
  });
});

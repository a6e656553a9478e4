import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import type { LoadedIntegration } from "../../../src/config/snapshot.js";
import { renderServerTools } from "../../../src/interpreter/server-tools.js";
import { createToolSearch, type ToolSearch } from "../../../src/mcp/discovery/tool-search.js";
import { REPO_ROOT } from "../../helpers/config-dir.js";

interface SearchTask {
  task: string;
  /** Tools that do it; one of them must rank in the top 3. */
  expected: string[];
}

/** Share of tasks whose expected tool must rank in the top 3. */
const REQUIRED_TOP3_SHARE = 0.9;

let tasks: SearchTask[];
let integration: LoadedIntegration;
let search: ToolSearch;
beforeAll(async () => {
  tasks = JSON.parse(await readFile(new URL("./search-tasks.json", import.meta.url), "utf8")).tasks;
  const loaded = await loadConfig({
    integrationsDir: join(REPO_ROOT, "integrations"),
    serversDir: join(REPO_ROOT, "does-not-exist"),
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  integration = loaded.snapshot.integrations.get("pagerduty")!;
  // A discovery server exposing every shipped tool, as search_pager_duty_tools sees it.
  const tools = renderServerTools([...integration.tools.values()], {
    exposure: "discovery",
    infix: "pager_duty",
    defaultFromEmail: "sre-bot@example.com",
  });
  search = createToolSearch(tools, integration.config.discovery?.synonyms);
});

describe("search quality over every shipped tool", () => {
  test("the task set is realistic in size and names tools that exist", () => {
    expect(tasks.length).toBeGreaterThanOrEqual(40);
    for (const t of tasks)
      expect(
        t.expected.some((name) => integration.tools.has(name)),
        `no expected tool of "${t.task}" exists`,
      ).toBe(true);
  });

  test(`the expected tool is in the top 3 for at least ${REQUIRED_TOP3_SHARE * 100}% of the tasks`, () => {
    const misses: string[] = [];
    for (const t of tasks) {
      const top = search.search(t.task, 3).map((tool) => tool.name);
      if (!top.some((name) => t.expected.includes(name)))
        misses.push(`"${t.task}": expected ${t.expected.join(" or ")}, got ${top.join(", ")}`);
    }
    const share = (tasks.length - misses.length) / tasks.length;
    console.log(
      `search quality: ${tasks.length - misses.length}/${tasks.length} tasks in the top 3 (${(share * 100).toFixed(1)}%) over ${integration.tools.size} tools${misses.length ? `; misses:\n  ${misses.join("\n  ")}` : ""}`,
    );
    expect(share).toBeGreaterThanOrEqual(REQUIRED_TOP3_SHARE);
  });
});

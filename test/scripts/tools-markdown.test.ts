import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import {
  GENERATED_TOOLS_DOC,
  renderGeneratedToolsDoc,
  renderToolsMarkdown,
  REPO_ROOT,
  spliceReadme,
} from "../../scripts/tools-markdown.js";

test("the README's tool list is generated from the resource files (run npm run docs:tools if not)", async () => {
  const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
  expect(readme).toBe(spliceReadme(readme, await renderToolsMarkdown()));
});

test(`${GENERATED_TOOLS_DOC} lists every generated tool (run npm run docs:tools if not)`, async () => {
  const doc = await readFile(join(REPO_ROOT, GENERATED_TOOLS_DOC), "utf8");
  expect(doc).toBe(`${await renderGeneratedToolsDoc()}\n`);
});

test("the README keeps curated tools in tables and only counts the generated ones", async () => {
  const section = await renderToolsMarkdown();
  expect(section).toContain("| `list_all_pager_duty_incidents` | read |");
  expect(section).not.toContain("`list_all_pager_duty_addons`");
  expect(section).toMatch(
    /\*\*Generated\*\* \(\d+ tools, full list in \[docs\/generated-tools\.md\]/,
  );
  expect(await renderGeneratedToolsDoc()).toContain("| `list_all_pager_duty_addons` | read |");
});

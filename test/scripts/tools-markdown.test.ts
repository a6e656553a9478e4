import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { renderToolsMarkdown, REPO_ROOT, spliceReadme } from "../../scripts/tools-markdown.js";

test("the README's tool list is generated from the resource files (run npm run docs:tools if not)", async () => {
  const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
  expect(readme).toBe(spliceReadme(readme, await renderToolsMarkdown()));
});

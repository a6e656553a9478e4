import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { renderValidators, VALIDATORS_FILE } from "../../src/config/generate-validators.js";

test("src/config/generated/file-validators.ts matches the schemas (run npm run generate:types if not)", async () => {
  expect(await readFile(VALIDATORS_FILE, "utf8")).toBe(await renderValidators());
});

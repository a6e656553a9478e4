import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderTypes, SCHEMA_NAMES, TYPES_DIR } from "../../src/config/generate-types.js";

describe("generated config types", () => {
  test.each(SCHEMA_NAMES)(
    "src/config/types/%s.ts matches its schema (run npm run generate:types if not)",
    async (name) => {
      const committed = await readFile(join(TYPES_DIR, `${name}.ts`), "utf8");
      expect(committed).toBe(await renderTypes(name));
    },
  );
});

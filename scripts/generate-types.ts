import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderTypes, SCHEMA_NAMES, TYPES_DIR } from "../src/config/generate-types.js";

for (const name of SCHEMA_NAMES) {
  const file = join(TYPES_DIR, `${name}.ts`);
  await writeFile(file, await renderTypes(name));
  console.log(`wrote ${file}`);
}

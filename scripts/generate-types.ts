import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderTypes, SCHEMA_NAMES, TYPES_DIR } from "../src/config/generate-types.js";
import { renderValidators, VALIDATORS_FILE } from "../src/config/generate-validators.js";

for (const name of SCHEMA_NAMES) {
  const file = join(TYPES_DIR, `${name}.ts`);
  await writeFile(file, await renderTypes(name));
  console.log(`wrote ${file}`);
}
await writeFile(VALIDATORS_FILE, await renderValidators());
console.log(`wrote ${VALIDATORS_FILE}`);

import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import { createAjv, describeAjvErrors, type SchemaProblem } from "./ajv.js";

/** The three config file kinds, each with a JSON Schema in ./schemas. */
export type FileKind = "integration" | "resource" | "server";

const ajv = createAjv();
const validators = new Map<FileKind, ValidateFunction>();

/** Returns the compiled validator of one file kind (compiled once per process). */
function validatorFor(kind: FileKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    const url = new URL(`./schemas/${kind}.schema.json`, import.meta.url);
    v = ajv.compile(JSON.parse(readFileSync(url, "utf8")));
    validators.set(kind, v);
  }
  return v;
}

/** Structural validation (pass one): every problem of the document against its kind's schema. */
export function validateStructure(kind: FileKind, doc: unknown): SchemaProblem[] {
  const validate = validatorFor(kind);
  return validate(doc) ? [] : describeAjvErrors(validate.errors);
}

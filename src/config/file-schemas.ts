import type { ValidateFunction } from "ajv";
import { createAjv, describeAjvErrors, type SchemaProblem } from "./ajv.js";
// Imported (not read from disk) so the build carries them into dist/.
import integrationSchema from "./schemas/integration.schema.json" with { type: "json" };
import resourceSchema from "./schemas/resource.schema.json" with { type: "json" };
import serverSchema from "./schemas/server.schema.json" with { type: "json" };

/** The three config file kinds, each with a JSON Schema in ./schemas. */
export type FileKind = "integration" | "resource" | "server";

const SCHEMAS: Record<FileKind, object> = {
  integration: integrationSchema,
  resource: resourceSchema,
  server: serverSchema,
};
const ajv = createAjv();
const validators = new Map<FileKind, ValidateFunction>();

/** Returns the compiled validator of one file kind (compiled once per process). */
function validatorFor(kind: FileKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    v = ajv.compile(SCHEMAS[kind]);
    validators.set(kind, v);
  }
  return v;
}

/** Structural validation (pass one): every problem of the document against its kind's schema. */
export function validateStructure(kind: FileKind, doc: unknown): SchemaProblem[] {
  const validate = validatorFor(kind);
  return validate(doc) ? [] : describeAjvErrors(validate.errors);
}

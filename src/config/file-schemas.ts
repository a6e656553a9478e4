import type { ErrorObject } from "ajv";
import { describeAjvErrors, type SchemaProblem } from "./ajv.js";
import * as validators from "./generated/file-validators.js";

/** The three config file kinds, each with a JSON Schema in ./schemas. */
export type FileKind = "integration" | "resource" | "server";

type Validator = ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Structural validation (pass one): every problem of the document against its kind's schema.
 * The validators are ajv's standalone code, generated from the schemas at build time
 * (`npm run generate:types`), so start-up compiles nothing.
 */
export function validateStructure(kind: FileKind, doc: unknown): SchemaProblem[] {
  const validate = (validators as Record<FileKind, Validator>)[kind];
  return validate(doc) ? [] : describeAjvErrors(validate.errors);
}

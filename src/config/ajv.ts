import type { Ajv, ErrorObject } from "ajv";

/**
 * Creates the project's ajv instance: every error at once, formats checked, unknown keywords
 * such as `examples` and `title` allowed. ajv is imported on first use: the config files are
 * checked by precompiled validators, so start-up needs no ajv at all.
 */
export async function createAjv(): Promise<Ajv> {
  const [{ Ajv: AjvClass }, formats] = await Promise.all([import("ajv"), import("ajv-formats")]);
  // ajv-formats ships CommonJS; under NodeNext its default export is the module object.
  type AddFormats = (ajv: Ajv) => Ajv;
  const addFormats: AddFormats =
    (formats.default as unknown as { default?: AddFormats }).default ??
    (formats.default as unknown as AddFormats);
  const ajv = new AjvClass({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

/** A validation problem at a JSON pointer, phrased for people. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

/**
 * Turns ajv errors into one readable problem each. Errors from the branches of a `oneOf` are
 * reduced to the one that names the offending value, so a reader sees what to change.
 */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    const problem = describeOne(e);
    if (!problem) continue;
    const key = `${problem.pointer} ${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function describeOne(e: ErrorObject): SchemaProblem | undefined {
  const pointer = e.instancePath || "";
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { pointer, message: `must have property "${p.missingProperty}"` };
    case "additionalProperties":
      return {
        pointer: `${pointer}/${escapePointer(String(p.additionalProperty))}`,
        message: "is not a known property: remove it or check its spelling",
      };
    case "enum":
      return {
        pointer,
        message: `must be one of ${(p.allowedValues as unknown[]).map(String).join(", ")}`,
      };
    case "const":
      return { pointer, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case "type":
      return { pointer, message: `must be ${String(p.type).replace(",", " or ")}` };
    case "pattern":
      return { pointer, message: `must match the pattern ${p.pattern}` };
    case "format":
      return { pointer, message: `must be a valid ${p.format}` };
    case "propertyNames":
      return undefined; // reported by the nested pattern error that names the property
    case "if":
      return undefined; // reported by the then/else branch's own errors (e.g. a missing property)
    case "oneOf":
    case "anyOf":
      return { pointer, message: "does not match any of the allowed forms" };
    default:
      return { pointer, message: e.message ?? e.keyword };
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

import type { ResolvedMethod } from "../config/expand-definitions.js";
import type { Paginator } from "./pagination/index.js";
import { toToolSchema } from "./value-schema.js";

/** One property of a tool's flat input schema. */
export interface JsonSchemaProperty {
  /** A JSON type, or [type, "null"] for a nullable value. */
  type: string | string[];
  description: string;
  [keyword: string]: unknown;
}

/** A tool's input schema: an object of described arguments (objects nest at most 3 deep), no $ref. */
export interface ToolInputSchema {
  type: "object";
  properties: Record<string, JsonSchemaProperty>;
  required?: string[];
  additionalProperties: false;
  [keyword: string]: unknown;
}

export const FROM_EMAIL_ARGUMENT = "from_email";

/** Names the interpreter adds itself; a resource file may not declare them. */
export const RESERVED_ARGUMENTS = ["limit", "cursor", FROM_EMAIL_ARGUMENT];

/** Builds the flat input schema of one method from its parameters, paginator and From needs. */
export function buildInputSchema(method: ResolvedMethod, paginator: Paginator): ToolInputSchema {
  const properties: Record<string, JsonSchemaProperty> = {};
  const required: string[] = [];
  for (const [arg, param] of Object.entries(method.parameters)) {
    properties[arg] = toToolSchema(param.schema, param.description);
    if (param.required) required.push(arg);
  }
  Object.assign(properties, paginator.inputProperties);
  if (method.from_header === "required" || method.from_header === "optional") {
    properties[FROM_EMAIL_ARGUMENT] = {
      type: "string",
      format: "email",
      description:
        "Email of the PagerDuty user acting (From header). Defaults to the account's default user.",
    };
  }
  for (const [arg, property] of Object.entries(properties))
    properties[arg] = withLengthBounds(arg, property);
  const schema: ToolInputSchema = { type: "object", properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  return schema;
}

/** maxLength given to ID arguments (id, *_id, items of *_ids) whose resource file sets none. */
export const ID_MAX_LENGTH = 64;
/** maxLength given to other free-text arguments whose resource file sets none. */
export const TEXT_MAX_LENGTH = 65535;
const EMAIL_MAX_LENGTH = 254;
const CURSOR_MAX_LENGTH = 4096;
const DATE_TIME_MAX_LENGTH = 64;

/**
 * Every string argument gets a maxLength (the resource file's, else one by kind: IDs, emails,
 * date-times, free text), in arrays' items and objects' properties too, so no argument is
 * unbounded and the model sees the bound in the schema.
 */
export function withLengthBounds<T extends Record<string, unknown>>(name: string, schema: T): T {
  const out: Record<string, unknown> = { ...schema };
  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (
    types.includes("string") &&
    out.maxLength === undefined &&
    !("enum" in out) &&
    !("const" in out)
  ) {
    out.maxLength = defaultMaxLength(name, out.format);
  }
  if (isSchema(out.items)) out.items = withLengthBounds(name, out.items);
  if (isSchema(out.properties))
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([k, v]) => [k, isSchema(v) ? withLengthBounds(k, v) : v]),
    );
  return out as T;
}

function defaultMaxLength(name: string, format: unknown): number {
  if (/(^|_)ids?$/.test(name)) return ID_MAX_LENGTH;
  if (name === "cursor") return CURSOR_MAX_LENGTH;
  if (format === "email") return EMAIL_MAX_LENGTH;
  if (format === "date-time") return DATE_TIME_MAX_LENGTH;
  return TEXT_MAX_LENGTH;
}

function isSchema(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

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
        "Email of the PagerDuty user this action is taken as (sent as the From header). Defaults to the account's default user.",
    };
  }
  const schema: ToolInputSchema = { type: "object", properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  return schema;
}

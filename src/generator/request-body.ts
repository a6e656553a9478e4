import { describeField } from "./field-descriptions.js";
import type { Json, SpecOperation } from "./openapi-document.js";
import type { ListToolFinder, ParameterDoc } from "./parameters.js";
import { referenceTypes, type Shape } from "./schema-resolve.js";
import {
  ID_MAX_LENGTH,
  ID_PATTERN,
  SERVER_FIELDS,
  TEXT_MAX_LENGTH,
  toValueSchema,
  variantHint,
  type ConvertContext,
  type VariantHint,
} from "./value-schema.js";
import { humanize, plural, singular } from "./words.js";

/** How a tool's flat arguments become the upstream body. */
export interface BodyPlan {
  params: Record<string, ParameterDoc>;
  /** JSONata building the body from the arguments. */
  expression?: string;
  /** Media type when the body is not JSON (the expression then yields a string). */
  contentType?: string;
  /** Body fields no argument can carry (free-form objects), by path. */
  dropped: string[];
  /** Required body fields that no argument carries: the tool could not build a valid body. */
  unfillable: string[];
  /** When the body is a union: what each variant requires, for the example. */
  hint?: VariantHint;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
const JSONATA_WORDS = new Set(["and", "or", "in", "true", "false", "null", "function"]);
/** An argument name as a JSONata path. */
export const ref = (arg: string) =>
  IDENT.test(arg) && !JSONATA_WORDS.has(arg) ? arg : `\`${arg}\``;

/**
 * Flattens the request body into arguments. A body that is one object under one key
 * ({"escalation_policy": {…}}) is unwrapped; constant `type` values are baked into the body;
 * references become `<field>_id` and lists of references `<field>_ids`; other fields keep their
 * names, nested objects included (described, depth-limited).
 */
export function flattenBody(
  op: SpecOperation,
  resolveShape: (n: unknown) => Shape,
  ctx: ConvertContext,
  taken: Set<string>,
  listToolFor: ListToolFinder,
  skip: Set<string> = new Set(),
): BodyPlan | undefined {
  const content = (op.requestBody?.content ?? {}) as Record<string, Json>;
  const json = content["application/json"];
  if (!json) {
    const csv = content["text/csv"];
    if (!csv) return undefined;
    return {
      params: {
        csv: {
          in: "body",
          required: true,
          description: "The records as CSV text, a header row first.",
          schema: { type: "string", minLength: 1, maxLength: 10_000_000 },
        },
      },
      expression: "csv",
      contentType: "text/csv",
      dropped: [],
      unfillable: [],
    };
  }
  const root = resolveShape(json.schema ?? {});
  const rootProps = Object.entries(root.properties ?? {}).filter(([, s]) => !s.readOnly);
  let wrapper: string | undefined;
  let inner = root;
  if (rootProps.length === 1) {
    const [key, shape] = rootProps[0];
    if ((shape.type === "object" || shape.properties) && !referenceTypes(shape)) {
      wrapper = key;
      inner = shape;
    }
  }

  const params: Record<string, ParameterDoc> = {};
  const fields: string[] = [];
  const unfillable: string[] = [];
  const required = new Set(inner.required ?? []);
  const argOf: Record<string, string> = {};
  const argName = (name: string) => {
    let arg = name.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
    if (taken.has(arg) || ["limit", "cursor", "from_email"].includes(arg))
      arg = `${wrapper ?? "body"}_${arg}`;
    taken.add(arg);
    argOf[name] = arg;
    return arg;
  };

  for (const [key, shape] of Object.entries(inner.properties ?? {})) {
    if (skip.has(key)) continue;
    // Read-only fields are the server's (never sent); OpenAPI applies their "required" to
    // answers only.
    if (shape.readOnly || SERVER_FIELDS.has(key)) continue;
    const constant = constantOf(shape);
    if (constant !== undefined && (key === "type" || required.has(key))) {
      fields.push(`${JSON.stringify(key)}: ${JSON.stringify(constant)}`);
      continue;
    }
    if (wrapper && key === "id" && !required.has(key)) continue;
    const isRequired = required.has(key);
    const refTypes = referenceTypes(shape);
    const itemRefTypes =
      shape.type === "array" && shape.items ? referenceTypes(shape.items) : undefined;
    if (refTypes?.length === 1) {
      const arg = argName(`${key}_id`);
      params[arg] = idParam(arg, refTypes[0], isRequired, false, listToolFor);
      fields.push(
        `${JSON.stringify(key)}: ${isRequired ? "" : `${ref(arg)} ? `}{"id": ${ref(arg)}, "type": ${JSON.stringify(refTypes[0])}}`,
      );
      continue;
    }
    if (itemRefTypes?.length === 1) {
      const arg = argName(`${singular(key)}_ids`);
      params[arg] = idParam(arg, itemRefTypes[0], isRequired, true, listToolFor);
      fields.push(
        `${JSON.stringify(key)}: ${isRequired ? "" : `$exists(${ref(arg)}) ? `}[${ref(arg)}.{"id": $, "type": ${JSON.stringify(itemRefTypes[0])}}]`,
      );
      continue;
    }
    if (isFreeForm(shape)) {
      const arg = argName(key);
      params[arg] = mapParam(key, isRequired);
      ctx.needs.nested = true;
      fields.push(
        `${JSON.stringify(key)}: ${isRequired ? "" : `$exists(${ref(arg)}) ? `}$merge(${ref(arg)}.{key: value})`,
      );
      continue;
    }
    const schema = toValueSchema(shape, key, ctx);
    if (!schema) {
      if (isRequired) unfillable.push(key);
      continue;
    }
    const arg = argName(key);
    params[arg] = {
      in: "body",
      ...(isRequired ? { required: true } : {}),
      description: describeField(key, shape, schema, inner),
      schema,
    };
    fields.push(`${JSON.stringify(key)}: ${ref(arg)}`);
  }
  // Fields the body requires without declaring them (the description's own gaps) are text.
  for (const key of required) {
    if (inner.properties?.[key] || skip.has(key)) continue;
    const arg = argName(key);
    params[arg] = {
      in: "body",
      required: true,
      description: `${describeField(key, {}, { type: "string" })}`,
      schema: { type: "string", maxLength: TEXT_MAX_LENGTH },
    };
    fields.push(`${JSON.stringify(key)}: ${ref(arg)}`);
  }
  const object = `{${fields.join(", ")}}`;
  return {
    params,
    expression: wrapper ? `{${JSON.stringify(wrapper)}: ${object}}` : object,
    dropped: ctx.dropped,
    unfillable,
    hint: variantHint(inner, (k) => argOf[k] ?? k),
  };
}

/** An object whose fields the description does not declare (custom details, secrets…). */
function isFreeForm(shape: Shape): boolean {
  return (
    (shape.type === "object" || shape.additional !== undefined) &&
    Object.keys(shape.properties ?? {}).length === 0
  );
}

/** A free-form object as a list of key/value pairs: the one shape strict schemas allow. */
function mapParam(key: string, required: boolean): ParameterDoc {
  return {
    in: "body",
    ...(required ? { required: true } : {}),
    description: `${describeField(key, {}, { type: "object" }).replace(/: an object\.$/, "")}, as key/value pairs (each key once; values are text).`,
    schema: {
      type: "array",
      items: {
        type: "object",
        properties: {
          key: { type: "string", minLength: 1, maxLength: 255, description: "Field name." },
          value: {
            type: "string",
            maxLength: TEXT_MAX_LENGTH,
            description: "Field value, as text.",
          },
        },
        required: ["key", "value"],
        additionalProperties: false,
      },
    },
  };
}

/** A single-valued enum (or a const-like default on a required field) is baked in. */
function constantOf(shape: Shape): unknown {
  if (Array.isArray(shape.enum) && shape.enum.length === 1) return shape.enum[0];
  return undefined;
}

function idParam(
  arg: string,
  referenceType: string,
  required: boolean,
  many: boolean,
  listToolFor: ListToolFinder,
): ParameterDoc {
  const what = referenceType.replace(/_reference$/, "");
  const finder = listToolFor(`/${plural(what)}`);
  // Declared references: each server shows them only when it shows the list tool.
  const find = (them: string) => (finder ? `{{tool:${finder}|; find ${them} with {}}}` : "");
  const id = { type: "string", pattern: ID_PATTERN };
  return {
    in: "body",
    ...(required ? { required: true } : {}),
    description: many
      ? `IDs of the ${humanize(plural(what))} (PagerDuty IDs${find("them")}).`
      : `ID of the ${humanize(what)} (a PagerDuty ID${find("it")}).`,
    schema: many
      ? { type: "array", uniqueItems: true, items: id }
      : { ...id, maxLength: ID_MAX_LENGTH },
  };
}

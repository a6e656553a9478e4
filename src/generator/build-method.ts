import { exampleArguments } from "./examples.js";
import { annotationsFor, kindOverride } from "./method-behaviour.js";
import { describeMethod, titleOf } from "./method-description.js";
import { paginationFor } from "./pagination.js";
import {
  pathParameters,
  queryParameters,
  type ListToolFinder,
  type ParameterDoc,
} from "./parameters.js";
import { flattenBody, ref } from "./request-body.js";
import type { PlannedMethod } from "./resource-plan.js";
import { envelopeOf, successResponse } from "./response-shape.js";
import type { Shape } from "./schema-resolve.js";
import { newContext } from "./value-schema.js";

/** Format features a generated method uses beyond the seed's format (see 10-contract.md). */
export type Feature =
  | "operation_id"
  | "tool_name"
  | "kind"
  | "deprecated"
  | "headers"
  | "content_type"
  | "nested"
  | "nullable"
  | "repeat_style"
  | `pagination:${string}`
  | "undeclared_paging";

/** One generated method, or why the operation cannot be generated. */
export type BuiltMethod =
  { doc: Record<string, unknown>; needs: Set<Feature> } | { excluded: string };

/** Builds the resource-file method of one planned operation. */
export function buildMethod(
  plan: PlannedMethod,
  resolveShape: (n: unknown) => Shape,
  listToolFor: ListToolFinder,
): BuiltMethod {
  const { op } = plan;
  const needs = new Set<Feature>(["operation_id"]);
  const ctx = newContext();
  const response = successResponse(op, resolveShape);
  const envelope = envelopeOf(response?.schema);
  const isList = plan.key === "list";
  const paging = isList ? paginationFor(op, response?.schema) : undefined;

  const parameters: Record<string, ParameterDoc> = {
    ...pathParameters(op, plan.key !== "list", resolveShape, listToolFor),
    ...queryParameters(op, paging?.query ?? new Set(), resolveShape, ctx, listToolFor),
  };
  const taken = new Set(Object.keys(parameters));
  const body = op.requestBody
    ? flattenBody(op, resolveShape, ctx, taken, listToolFor, paging?.body)
    : undefined;
  if (op.requestBody && !body) return { excluded: "its request body has no JSON or CSV form" };
  if (body && body.unfillable.length > 0)
    return {
      excluded: `its body requires ${body.unfillable.join(", ")}, which no flat argument can carry`,
    };
  Object.assign(parameters, body?.params);

  const from = op.parameters.find((p) => p.in === "header" && p.name === "From");
  const fromHeader = from ? (from.required ? "required" : "optional") : undefined;
  const headers: Record<string, string> = {};
  for (const h of op.parameters.filter((p) => p.in === "header" && p.name.startsWith("X-"))) {
    const value = h.schema?.enum?.[0] ?? h.schema?.default;
    if (typeof value === "string" && h.required) headers[h.name] = value;
  }

  if (plan.toolName) needs.add("tool_name");
  const kind = kindOverride(plan);
  if (kind) needs.add("kind");
  if (op.deprecated) needs.add("deprecated");
  if (Object.keys(headers).length > 0) needs.add("headers");
  if (body?.contentType) needs.add("content_type");
  if (ctx.needs.nested) needs.add("nested");
  if (ctx.needs.nullable) needs.add("nullable");
  if (Object.values(parameters).some((p) => p.style === "repeat")) needs.add("repeat_style");
  const pagination = paging?.doc;
  if (pagination) {
    if (!["offset", "cursor"].includes(String(pagination.type)))
      needs.add(`pagination:${String(pagination.type)}`);
    if (pagination.declared === false) needs.add("undeclared_paging");
  }

  const doc: Record<string, unknown> = {
    type: "method",
    operation_id: op.operationId,
    ...(plan.toolName ? { tool_name: plan.toolName } : {}),
    ...(kind ? { kind } : {}),
    ...(op.deprecated ? { deprecated: true } : {}),
    title: titleOf(plan),
    http: {
      method: op.method,
      path: op.path,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(body?.contentType ? { content_type: body.contentType } : {}),
    },
    description: describeMethod({
      plan,
      parameters,
      paginated: !!pagination,
      fromHeader,
      dropped: ctx.dropped,
      listTool: listToolFor(collectionOf(op.path)),
    }),
    parameters,
    ...(fromHeader ? { from_header: fromHeader } : {}),
    ...(body?.expression ? { body: body.expression } : {}),
    ...(pagination ? { pagination } : {}),
    response: responseMapping(envelope, response?.schema === undefined, op.method),
    ...(annotationsFor(plan) ? { annotations: annotationsFor(plan) } : {}),
    examples: [
      { title: "Required arguments only", arguments: exampleArguments(parameters, body?.hint) },
    ],
  };
  return { doc, needs };
}

/** The pass-through mapping: the envelope's data key, or the whole body. */
function responseMapping(
  envelope: ReturnType<typeof envelopeOf>,
  noBody: boolean,
  method: string,
): Record<string, unknown> {
  let mapping = "$";
  if (envelope.key) {
    const keys = [envelope.key, ...(envelope.alsoKeys ?? [])].map(ref);
    // Several data arrays (tags by entity type) are one list: the constructor concatenates them.
    mapping = keys.length === 1 ? keys[0] : `[${keys.join(", ")}]`;
  }
  if (!noBody) return { mapping };
  return { mapping, empty: method === "DELETE" ? { deleted: true } : { done: true } };
}

/** The collection a path's last `{id}` is taken from (/users/{id} -> /users). */
function collectionOf(path: string): string {
  return path.replace(/\/\{[^}]+\}$/, "");
}

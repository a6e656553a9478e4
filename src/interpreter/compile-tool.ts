import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import { createAjv } from "../config/ajv.js";
import type { IntegrationFile } from "../config/types/integration.js";
import type { ResolvedMethod } from "../config/expand-definitions.js";
import type { ResourceFile } from "../config/types/resource.js";
import type { ConfigProblem } from "../errors.js";
import { compileExpression } from "./compile-expression.js";
import { derivedKeyNote } from "./idempotency-key.js";
import type { Ajv, ValidateFunction } from "ajv";
import type {
  ArgumentValidator,
  CompiledTool,
  QueryTarget,
  ArgumentTarget,
} from "./compiled-tool.js";
import { buildInputSchema, FROM_EMAIL_ARGUMENT, RESERVED_ARGUMENTS } from "./input-schema.js";
import { checkValueSchema } from "./value-schema.js";
import { paginatorFor } from "./pagination/index.js";
import { DEFAULT_TOOL_INFIX, MAX_TOOL_NAME_LENGTH, methodKind, toolName } from "./tool-name.js";
import { referencedTools } from "./tool-references.js";

/** Validators of tool arguments share one ajv instance (compiled schemas are per tool). */
let argumentsAjv: Ajv | undefined;
let loadingAjv: Promise<Ajv> | undefined;

/** Loads ajv for argument validation; planRequest awaits it before the first validation. */
export async function ensureArgumentValidation(): Promise<void> {
  if (argumentsAjv) return;
  loadingAjv ??= createAjv();
  argumentsAjv = await loadingAjv;
}

/** Where the method sits in its file, for error pointers. */
export interface MethodLocation {
  file: string;
  pointer: string;
}

/**
 * Compiles one resource method into a tool, checking what the schema cannot: the name rule and
 * length, path placeholders versus path parameters, reserved argument names, JSONata syntax.
 * Returns every problem found instead of a tool when there is any.
 */
export function compileTool(
  integration: IntegrationFile,
  resource: ResourceFile,
  methodKey: string,
  method: ResolvedMethod,
  at: MethodLocation,
): { tool: CompiledTool } | { problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const problem = (pointer: string, message: string) =>
    problems.push({ file: at.file, pointer: `${at.pointer}${pointer}`, message });

  const infix = integration.tool_prefix ?? DEFAULT_TOOL_INFIX;
  const name = method.tool_name ?? toolName(infix, resource, methodKey);
  if (name.length > MAX_TOOL_NAME_LENGTH) {
    problem(
      "",
      `makes the tool name "${name}" (${name.length} characters), longer than ${MAX_TOOL_NAME_LENGTH}: shorten the resource name or method key, or set tool_name`,
    );
  }
  const host = method.http.host;
  if (host !== undefined && !integration.hosts?.[host]) {
    const known = Object.keys(integration.hosts ?? {});
    problem(
      "/http/host",
      `names no host of integration.json: ${known.length > 0 ? `known are ${known.join(", ")}` : "declare it under hosts"}`,
    );
  }
  const headers = method.http.headers ?? {};
  for (const header of Object.keys(headers)) {
    const lower = header.toLowerCase();
    if (lower === "authorization" || lower === (integration.from_header ?? "From").toLowerCase())
      problem(
        `/http/headers/${header}`,
        "is set by the server (credentials, from_email): remove it from the resource file",
      );
  }
  const paged = method.pagination !== undefined && method.pagination.type !== "none";
  const isList = methodKey === "list" || paged;
  const pagingIn =
    method.pagination && "in" in method.pagination ? method.pagination.in : undefined;
  if (pagingIn === "body" && !["POST", "PUT", "PATCH"].includes(method.http.method))
    problem(
      "/pagination/in",
      `is body, but a ${method.http.method} request has no body: use query`,
    );

  const paginator = paginatorFor(method.pagination);
  const pathParams: ArgumentTarget[] = [];
  const queryParams: QueryTarget[] = [];
  const placeholders = [...method.http.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  for (const [arg, param] of Object.entries(method.parameters)) {
    const pointer = `/parameters/${arg}`;
    // limit and cursor are reserved where the paginator adds them, from_email where From is sent.
    const added =
      arg in paginator.inputProperties ||
      (arg === FROM_EMAIL_ARGUMENT && (method.from_header ?? "none") !== "none");
    if (added)
      problem(
        pointer,
        `uses a reserved argument name (${RESERVED_ARGUMENTS.join(", ")} are added by the interpreter): rename it`,
      );
    const upstreamName = param.name ?? arg;
    if (param.in === "path") {
      if (!placeholders.includes(upstreamName))
        problem(pointer, `is a path parameter but http.path has no {${upstreamName}}`);
      if (param.schema.type !== "string" && param.schema.type !== "integer")
        problem(`${pointer}/schema/type`, "must be string or integer for a path parameter");
      if (!param.required) problem(`${pointer}/required`, "must be true for a path parameter");
      pathParams.push({ arg, name: upstreamName });
    } else if (param.in === "query") {
      queryParams.push({
        arg,
        name: upstreamName,
        isArray: param.schema.type === "array",
        style: param.style ?? "brackets",
      });
    }
  }
  for (const placeholder of placeholders) {
    if (!pathParams.some((p) => p.name === placeholder))
      problem("/http/path", `has {${placeholder}} but no parameter with in: path supplies it`);
  }
  const hasBodyParams = Object.values(method.parameters).some((p) => p.in === "body");
  if (hasBodyParams && !method.body)
    problem(
      "/body",
      "is required when a parameter has in: body (it builds the upstream body from the arguments)",
    );

  const mapping = compileExpression(method.response.mapping);
  if ("problem" in mapping) problem("/response/mapping", mapping.problem);
  const body = method.body === undefined ? undefined : compileExpression(method.body);
  if (body && "problem" in body) problem("/body", body.problem);

  for (const [arg, param] of Object.entries(method.parameters)) {
    const pointer = `/parameters/${arg}/schema`;
    for (const [where, message] of checkValueSchema(param.schema))
      problem(`${pointer}${where}`, message);
    if (param.in === "path" && param.schema.nullable)
      problem(
        `${pointer}/nullable`,
        "is not allowed on a path parameter: a path value cannot be null",
      );
    if (param.in === "query" && param.schema.type === "object")
      problem(
        `${pointer}/type`,
        "cannot be object for a query parameter: put the object in the body",
      );
  }
  const contentType = method.http.content_type;
  if (contentType !== undefined && !method.body)
    problem("/http/content_type", "needs a body mapping that produces the request text");
  const inputSchema = buildInputSchema(method, paginator);
  const idempotencyKey = method.idempotency_key && {
    argument: method.idempotency_key.argument,
    from: method.idempotency_key.from,
    windowSeconds: method.idempotency_key.window_seconds,
  };
  if (idempotencyKey) {
    const keyParam = method.parameters[idempotencyKey.argument];
    if (!keyParam || keyParam.schema.type !== "string" || keyParam.required)
      problem(
        "/idempotency_key/argument",
        "must name an optional string parameter of the method (it is filled in when left out)",
      );
    else
      inputSchema.properties[idempotencyKey.argument].description += derivedKeyNote(idempotencyKey);
    idempotencyKey.from.forEach((f, i) => {
      if (!method.parameters[f])
        problem(
          `/idempotency_key/from/${i}`,
          `names no parameter of the method: add it or remove "${f}"`,
        );
    });
  }

  if (problems.length > 0 || "problem" in mapping || (body && "problem" in body))
    return { problems };

  const kind = method.kind ?? methodKind(methodKey);
  const deprecated = method.deprecated === true;
  return {
    tool: {
      name,
      integration: integration.name,
      resource: resource.name,
      method: methodKey,
      kind,
      operationId: method.operation_id,
      deprecated,
      tags: resource.tags,
      core: method.core ?? false,
      references: referencedTools(
        [method.description, ...Object.values(method.parameters).map((p) => p.description)].join(
          "\n",
        ),
      ),
      definition: {
        name,
        title: method.title,
        description: deprecated ? `Deprecated. ${method.description}` : method.description,
        inputSchema,
        annotations: annotationsFor(methodKey, method, kind),
      },
      validate: lazyValidator(inputSchema),
      httpMethod: method.http.method,
      host,
      pathTemplate: method.http.path,
      headers,
      contentType,
      pathParams,
      queryParams,
      body: body?.expression,
      mapping: mapping.expression,
      emptyResult: method.response.empty,
      isList,
      paginator,
      fromHeader: method.from_header ?? "none",
      idempotencyKey,
      examples: method.examples as unknown as CompiledTool["examples"],
    },
  };
}

/**
 * Compiling an ajv validator costs about a millisecond; done for every tool at load it dominates
 * start-up and reload time. The schema is built from already-validated parts (and its patterns
 * checked above), so compiling on first use loses no load-time error.
 */
function lazyValidator(schema: object): ArgumentValidator {
  let compiled: ValidateFunction | undefined;
  const validate: ArgumentValidator = (data: unknown) => {
    if (!argumentsAjv)
      throw new Error("ensureArgumentValidation() must finish before the first validation");
    compiled ??= argumentsAjv.compile(schema);
    const ok = compiled(data) as boolean;
    validate.errors = compiled.errors;
    return ok;
  };
  return validate;
}

/** Hints from the method kind, overridden by the file: reads are read-only, deletes destructive. */
function annotationsFor(methodKey: string, method: ResolvedMethod, kind: string): ToolAnnotations {
  const defaults: ToolAnnotations =
    kind === "read"
      ? { readOnlyHint: true, openWorldHint: false } // destructiveHint only means something for writes
      : { readOnlyHint: false, destructiveHint: methodKey === "delete", openWorldHint: false };
  return { ...defaults, ...method.annotations };
}

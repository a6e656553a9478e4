import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** A JSON value of the OpenAPI document, read loosely. */
export type Json = Record<string, any>;

/** Environment variable naming PagerDuty's OpenAPI description. */
export const OPENAPI_PATH_ENV = "PAGERDUTY_OPENAPI_PATH";

/** The HTTP methods an OpenAPI path item can hold, in the order the report lists them. */
export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Where the description sits relative to a folder beside the repository. */
const SHARED_SPEC = "shared/pagerduty/openapiv3.json";

/**
 * Where PagerDuty's OpenAPI description is read from: PAGERDUTY_OPENAPI_PATH, else
 * shared/pagerduty/openapiv3.json in the folder holding the repository (`root`, default the
 * working directory) or in a folder above it (a git worktree nested one level deeper finds the
 * same copy). When there is none, the answer is ../shared/… for messages.
 */
export function openApiPath(root = process.cwd(), env = process.env): string {
  if (env[OPENAPI_PATH_ENV]) return resolve(env[OPENAPI_PATH_ENV]);
  for (let dir = dirname(resolve(root)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, SHARED_SPEC))) return join(dir, SHARED_SPEC);
    if (dirname(dir) === dir) break;
  }
  return resolve(root, "..", SHARED_SPEC);
}

/** Reads the description, or returns undefined when there is no file at `path`. */
export function readOpenApi(path: string): Json | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

/** The sentence every spec-dependent command prints when the description is missing. */
export function missingSpecMessage(path: string): string {
  return `PagerDuty's OpenAPI description was not found at ${path}: set ${OPENAPI_PATH_ENV} to the file (reference/REST/openapiv3.json of github.com/PagerDuty/api-schema), or put it at ../${SHARED_SPEC} beside the repository.`;
}

/** One operation of the description, with path-level and operation parameters merged and resolved. */
export interface SpecOperation {
  operationId: string;
  /** Upper case, as resource files write it. */
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  tags: string[];
  deprecated: boolean;
  parameters: Json[];
  /** The resolved request body object, if any. */
  requestBody?: Json;
  /** The resolved responses by status code. */
  responses: Record<string, Json>;
}

/** Follows $ref chains inside the document. */
export function createResolver(spec: Json) {
  const resolveRef = (node: unknown): Json => {
    let n = node as Json;
    for (let hops = 0; n && typeof n.$ref === "string"; hops++) {
      if (hops > 50) throw new Error(`$ref cycle at ${n.$ref}`);
      n = (n.$ref as string)
        .slice(2)
        .split("/")
        .reduce(
          (o: Json, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")],
          spec,
        ) as Json;
    }
    return n;
  };
  return resolveRef;
}

/** Every operation of the description in document order (paths, then get/post/put/patch/delete). */
export function listOperations(spec: Json): SpecOperation[] {
  const deref = createResolver(spec);
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries<Json>(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const byKey = new Map<string, Json>();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const param = deref(p);
        byKey.set(`${param.in} ${param.name}`, param);
      }
      const responses: Record<string, Json> = {};
      for (const [code, response] of Object.entries(op.responses ?? {}))
        responses[code] = deref(response);
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase() as SpecOperation["method"],
        path,
        tags: op.tags ?? [],
        deprecated: op.deprecated === true,
        parameters: [...byKey.values()],
        requestBody: op.requestBody ? deref(op.requestBody) : undefined,
        responses,
      });
    }
  }
  return operations;
}

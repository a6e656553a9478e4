import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ErrorObject } from "ajv";
import type { Expression } from "./compile-expression.js";
import type { Paginator } from "./pagination/index.js";
import type { MethodKind } from "./tool-name.js";

/** Checks tool arguments; after a false return, `errors` says why (ajv's errors). */
export interface ArgumentValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Where one argument goes in the upstream request. */
export interface ArgumentTarget {
  arg: string;
  /** Upstream name (path placeholder or query key). */
  name: string;
}

export interface QueryTarget extends ArgumentTarget {
  isArray: boolean;
  style: "brackets" | "comma" | "repeat";
}

/**
 * A tool ready to list and call: everything derived from the resource file (schema validator,
 * JSONata expressions, request plan) is built once per config snapshot, never per call.
 */
export interface CompiledTool {
  name: string;
  integration: string;
  resource: string;
  method: string;
  kind: MethodKind;
  /** operationId of the upstream operation, when the method names it. */
  operationId?: string;
  /** Deprecated upstream: exposed only by servers that name the tool in config.tools. */
  deprecated: boolean;
  tags: readonly string[];
  /** Listed even in discovery mode (the resource method is marked core). */
  core: boolean;
  /** Tools named by {{tool:…}} references in the descriptions, rendered per server. */
  references: readonly string[];
  /**
   * The MCP tool definition sent in tools/list. In an integration's tool map its descriptions hold
   * unrendered tool references; a server entry's tools have them rendered for that server.
   */
  definition: Tool;
  validate: ArgumentValidator;
  httpMethod: string;
  /** Named host of integration.json the request goes to; undefined for the REST API. */
  host?: string;
  /** Path template with upstream placeholders, e.g. /incidents/{id}/notes. */
  pathTemplate: string;
  /** Constant headers of the operation (http.headers). */
  headers: Readonly<Record<string, string>>;
  /** Media type of a body that is not JSON (http.content_type): the body mapping yields its text. */
  contentType?: string;
  pathParams: ArgumentTarget[];
  queryParams: QueryTarget[];
  body?: Expression;
  mapping: Expression;
  emptyResult?: unknown;
  isList: boolean;
  paginator: Paginator;
  fromHeader: "required" | "optional" | "none";
  /** An argument filled with a derived key when left out (see idempotency-key.ts). */
  idempotencyKey?: { argument: string; from: string[]; windowSeconds: number };
  /** Example arguments from the resource file, for contract tests and docs. */
  examples: Array<{ title: string; arguments: Record<string, unknown> }>;
}

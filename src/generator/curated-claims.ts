import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { toolName } from "../interpreter/tool-name.js";
import type { SpecOperation } from "./openapi-document.js";

/** A method of a resource file, as far as coverage cares. */
export interface ClaimedMethod {
  /** File path relative to the integration folder, e.g. resources/users.json. */
  file: string;
  key: string;
  tool: string;
  operationId?: string;
  httpMethod: string;
  path: string;
  deprecated: boolean;
}

interface MethodLike {
  operation_id?: string;
  tool_name?: string;
  deprecated?: boolean;
  http: { method: string; path: string };
}

/** Every method of the JSON resource files in `integrationDir/<folder>`. */
export function readClaims(integrationDir: string, folder: string, infix: string): ClaimedMethod[] {
  let names: string[];
  try {
    names = readdirSync(join(integrationDir, folder)).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  const claims: ClaimedMethod[] = [];
  for (const name of names.sort()) {
    const doc = JSON.parse(readFileSync(join(integrationDir, folder, name), "utf8")) as {
      name: string;
      plural: string;
      methods: Record<string, MethodLike>;
    };
    for (const [key, m] of Object.entries(doc.methods ?? {})) {
      claims.push({
        file: `${folder}/${name}`,
        key,
        tool: m.tool_name ?? toolName(infix, doc, key),
        operationId: m.operation_id,
        httpMethod: m.http.method,
        path: m.http.path,
        deprecated: m.deprecated === true,
      });
    }
  }
  return claims;
}

/**
 * The claim on an operation: by operation_id when the method names one, else by HTTP method and
 * path (methods written before operation_id existed).
 */
export function claimOf(op: SpecOperation, claims: ClaimedMethod[]): ClaimedMethod | undefined {
  return (
    claims.find((c) => c.operationId === op.operationId) ??
    claims.find((c) => !c.operationId && c.httpMethod === op.method && c.path === op.path)
  );
}

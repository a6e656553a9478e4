import type { ServerEntry, Snapshot } from "../config/snapshot.js";
import { createMcpEndpoint, type McpDeps, type McpEndpoint } from "./mcp-server.js";

/**
 * One MCP endpoint per server entry, built on first use. Keyed weakly by the entry: a reload makes
 * new entries, so the old snapshot's endpoints are collected once its requests finish.
 */
export function createEndpointCache(deps: McpDeps) {
  const endpoints = new WeakMap<ServerEntry, Promise<McpEndpoint>>();
  return (entry: ServerEntry, snapshot: Snapshot): Promise<McpEndpoint> => {
    let endpoint = endpoints.get(entry);
    if (!endpoint) {
      endpoint = createMcpEndpoint(entry, snapshot, deps);
      endpoints.set(entry, endpoint);
    }
    return endpoint;
  };
}

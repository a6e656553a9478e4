import type { CompiledTool } from "../interpreter/compiled-tool.js";
import type { ToolFilter } from "./types/server.js";

export const METHOD_GROUPS = ["read", "write", "custom"] as const;

/**
 * Does one tool pass a server's filter? A tool named in `tools` always does; otherwise methods
 * and tags combine with AND (empty means all) and deprecated tools never pass.
 */
export function toolMatches(tool: CompiledTool, filter: ToolFilter): boolean {
  if (filter.tools?.includes(tool.name)) return true;
  if (tool.deprecated) return false;
  const methods = filter.methods ?? [];
  const tags = filter.tags ?? [];
  const methodOk =
    methods.length === 0 || methods.some((m) => m === tool.kind || m === tool.method);
  const tagOk = tags.length === 0 || tool.tags.some((t) => tags.includes(t));
  return methodOk && tagOk;
}

/** Methods and tags a filter may name, given the tools an integration has. */
export function knownFilterValues(tools: Iterable<CompiledTool>): {
  methods: string[];
  tags: string[];
} {
  const methods = new Set<string>(METHOD_GROUPS);
  const tags = new Set<string>();
  for (const tool of tools) {
    methods.add(tool.method);
    for (const t of tool.tags) tags.add(t);
  }
  return { methods: [...methods].sort(), tags: [...tags].sort() };
}

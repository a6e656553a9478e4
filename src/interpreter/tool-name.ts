/** The standard method keys and the kind each belongs to; every other key is custom. */
export const STANDARD_METHODS = {
  list: "read",
  get: "read",
  create: "write",
  update: "write",
  delete: "write",
} as const;

export type MethodKind = "read" | "write" | "custom";

/** The infix of tool names when an integration sets no tool_prefix. */
export const DEFAULT_TOOL_INFIX = "pager_duty";

/** Longest tool name MCP clients accept everywhere. */
export const MAX_TOOL_NAME_LENGTH = 64;

export function methodKind(method: string): MethodKind {
  return (STANDARD_METHODS as Record<string, MethodKind>)[method] ?? "custom";
}

/**
 * The naming rule of DESIGN.md: list_all_<infix>_<plural>, get_single_<infix>_<name>_by_id,
 * create_a_<infix>_<name>, update_a_<infix>_<name>_by_id, delete_a_<infix>_<name>_by_id and
 * <method>_a_<infix>_<name> for custom methods.
 */
export function toolName(
  infix: string,
  resource: { name: string; plural: string },
  method: string,
): string {
  switch (method) {
    case "list":
      return `list_all_${infix}_${resource.plural}`;
    case "get":
      return `get_single_${infix}_${resource.name}_by_id`;
    case "create":
      return `create_a_${infix}_${resource.name}`;
    case "update":
      return `update_a_${infix}_${resource.name}_by_id`;
    case "delete":
      return `delete_a_${infix}_${resource.name}_by_id`;
    default:
      return `${method}_a_${infix}_${resource.name}`;
  }
}

/** Names of the discovery tools of an integration whose tool names use `infix` (e.g. pager_duty). */
export function discoveryToolNames(infix: string) {
  return {
    search: `search_${infix}_tools`,
    describe: `describe_${infix}_tools`,
    callRead: `call_${infix}_read_tool`,
    callWrite: `call_${infix}_write_tool`,
  };
}

export type DiscoveryToolNames = ReturnType<typeof discoveryToolNames>;

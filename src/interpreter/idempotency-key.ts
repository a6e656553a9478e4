import { createHash } from "node:crypto";
import type { CompiledTool } from "./compiled-tool.js";

/** Where a derived key comes from: which MCP server asks, and when. */
export interface KeyScope {
  /** The MCP server's name: two servers never share a key. */
  server: string;
  /** Epoch ms the call counts as made at (a confirmed call: when it was previewed). */
  at: number;
}

/**
 * Fills a tool's idempotency-key argument when the caller left it out: a hex digest of the
 * server, the clock-aligned window and the listed arguments, so that the same call repeated
 * within the window carries the same key and the upstream refuses the duplicate. Arguments are
 * returned unchanged when the tool declares no key, the caller gave one, or there is no scope.
 */
export function withDerivedKey(
  tool: CompiledTool,
  args: Record<string, unknown>,
  scope: KeyScope | undefined,
): Record<string, unknown> {
  const spec = tool.idempotencyKey;
  if (!spec || !scope || args[spec.argument] !== undefined) return args;
  const window = Math.floor(scope.at / (spec.windowSeconds * 1000));
  const parts = [tool.name, scope.server, window, ...spec.from.map((f) => args[f] ?? null)];
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest("hex");
  return { ...args, [spec.argument]: `mcp-${digest.slice(0, 32)}` };
}

/** The sentence added to the key argument's description, so the model knows the default. */
export function derivedKeyNote(spec: { from: string[]; windowSeconds: number }): string {
  const minutes = spec.windowSeconds / 60;
  const window = Number.isInteger(minutes) ? `${minutes}-minute` : `${spec.windowSeconds}-second`;
  return ` When left out, a key derived from this MCP server, ${spec.from.join(" and ")} within the current ${window} window is sent, so repeating the same call soon is refused as a duplicate instead of creating a second one.`;
}

import type { ConfigProblem } from "../errors.js";
import type { CompiledTool } from "../interpreter/compiled-tool.js";
import type { ToolExposure } from "../interpreter/server-tools.js";
import type { ServerGuardrails } from "../guardrails/server-guardrails.js";
import type { Account } from "./accounts.js";
import type { IntegrationFile } from "./types/integration.js";
import type { ServerFile } from "./types/server.js";
import type { Expression } from "../interpreter/compile-expression.js";
import type { ResourceCompileCache } from "./compile-resources.js";

/** One named host of an integration (integration.json hosts), its override resolved at load. */
export interface LoadedHost {
  name: string;
  /** Base URL per region. */
  regions: Readonly<Record<string, string>>;
  /** The value of the host's base_url_env when it was set at load: wins over regions. */
  baseUrlOverride?: string;
  /** account: the account's credentials are sent; none: no credentials. */
  auth: "account" | "none";
  /** Replaces the integration's default headers when set. */
  defaultHeaders?: Readonly<Record<string, string>>;
}

/** An integration with its tools compiled. */
export interface LoadedIntegration {
  file: string;
  config: IntegrationFile;
  tools: Map<string, CompiledTool>;
  /** Named hosts besides the REST API (e.g. events), by name. */
  hosts: Map<string, LoadedHost>;
  /** Compiled error-format expressions. */
  errorFormat: {
    message: Expression;
    code?: Expression;
    details?: Expression;
  };
  /** Its resource files as compiled, so that a reload compiles only the files that changed. */
  compiledFiles?: ResourceCompileCache;
}

/** A server file, resolved: its tools filtered, its catalog hashed. */
export interface ServerEntry {
  /** The file as shown to people. */
  file: string;
  /** The file's path ("" for servers that exist only in memory). */
  path: string;
  config: ServerFile;
  integration: LoadedIntegration;
  tools: CompiledTool[];
  toolsByName: Map<string, CompiledTool>;
  /** How tools/list presents the tools (config.tool_exposure resolved). */
  exposure: ToolExposure;
  /** Argument rules, budgets and confirmation of its tools (whose definitions they narrowed). */
  guardrails: ServerGuardrails;
  /** Epoch ms after which the server answers like an unknown one; null for never. */
  expiresAt: number | null;
  /** Stable hash of the exposed tool catalog, reported to clients as the server version. */
  catalogVersion: string;
}

/**
 * Everything loaded from integrations/ and servers.d/ at one moment. Immutable: a reload builds a
 * new one and swaps one reference, so requests in flight finish on the snapshot they started with.
 */
export interface Snapshot {
  integrations: Map<string, LoadedIntegration>;
  /** Servers by lowercase hex sha256 of their URL token. */
  servers: Map<string, ServerEntry>;
  serversByName: Map<string, ServerEntry>;
  accounts: Map<string, Account>;
  /**
   * Problems of the files read for this snapshot: each rejected file is served in its last good
   * version, or not at all. Empty when every file is valid.
   */
  problems: ConfigProblem[];
  /** Hash of every file's content: equal fingerprints mean a reload would change nothing. */
  fingerprint: string;
}

/** Is the server usable at `now` (epoch ms)? Expired servers answer like unknown ones. */
export function isLive(server: ServerEntry, now: number): boolean {
  return server.expiresAt === null || now < server.expiresAt;
}

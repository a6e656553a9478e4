import type { Account } from "../config/accounts.js";
import type { LoadedIntegration } from "../config/snapshot.js";
import type { Credentials } from "../upstream/credentials.js";
import type { CompiledTool } from "./compiled-tool.js";

/** Where one call goes and the headers every request there carries. */
export interface UpstreamTarget {
  /** Base URL without a trailing slash. */
  base: string;
  /** Default headers of the host plus the credentials header when the host takes one. */
  headers: Record<string, string>;
}

/**
 * Resolves a tool's host for an account. The REST API: the account's base URL, else its region's.
 * A named host (http.host): the account's own URL for it, else the host's override variable, else
 * its region's URL; credentials are sent only to hosts with auth "account".
 */
export async function upstreamTarget(
  tool: CompiledTool,
  account: Account,
  integration: LoadedIntegration,
  credentials: Credentials,
): Promise<UpstreamTarget> {
  const config = integration.config;
  const base = targetBase(tool, account, integration);
  const host = tool.host === undefined ? undefined : integration.hosts.get(tool.host);
  if (!host) {
    const [name, value] = await credentials.header(account, config);
    return { base, headers: { ...config.default_headers, [name]: value } };
  }
  const headers = { ...(host.defaultHeaders ?? config.default_headers) };
  if (host.auth === "account") {
    const [name, value] = await credentials.header(account, config);
    headers[name] = value;
  }
  return { base, headers };
}

/** The base URL alone (no credentials fetched): what a preview shows. */
export function targetBase(
  tool: CompiledTool,
  account: Account,
  integration: LoadedIntegration,
): string {
  const config = integration.config;
  const region = account.region ?? config.default_region;
  const host = tool.host === undefined ? undefined : integration.hosts.get(tool.host);
  if (!host) return account.baseUrl ?? config.regions[region];
  return (
    account.hostBaseUrls?.[host.name] ??
    host.baseUrlOverride ??
    host.regions[region] ??
    host.regions[config.default_region]
  );
}

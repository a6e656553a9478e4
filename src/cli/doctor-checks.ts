import { stat } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import type { Account } from "../config/accounts.js";
import { readApiTokensFile } from "../config/api-tokens/index.js";
import type { LoadResult } from "../config/load-config.js";
import { displayPath } from "../config/read-json-files.js";
import { formatProblem, type ConfigProblem } from "../errors.js";
import { allowedHostsFrom, createOriginCheck, LOCAL_HOSTS } from "../http/origin-check.js";
import type { Settings } from "../settings.js";
import type { Check } from "../upstream/check-account.js";

/** The config files: valid, and what they hold. */
export function configCheck(result: LoadResult, now = Date.now()): Check {
  const name = "config";
  if (!result.ok) return { name, status: "fail", message: problemsMessage(result.problems) };
  const { snapshot } = result;
  const tools = [...snapshot.integrations.values()].reduce((n, i) => n + i.tools.size, 0);
  const servers = [...snapshot.serversByName.values()];
  const expired = servers.filter((s) => s.expiresAt !== null && s.expiresAt <= now).length;
  const counts = `${snapshot.integrations.size} integration(s), ${tools} tool(s), ${servers.length} server(s)`;
  if (servers.length === 0)
    return {
      name,
      status: "warn",
      message: `${counts}: no server, so no URL works yet (npx pd-mcp servers create --name <name>)`,
    };
  return expired > 0
    ? {
        name,
        status: "warn",
        message: `${counts}, ${expired} expired (their URLs answer like unknown ones; npx pd-mcp servers prune)`,
      }
    : { name, status: "ok", message: `${counts}, all valid` };
}

/** The accounts file: parses, and is not readable by other users (it holds credentials). */
export async function accountsFileCheck(
  settings: Settings,
  problems: ConfigProblem[],
  accounts: Map<string, Account>,
): Promise<Check> {
  const name = "accounts file";
  const file = displayPath(settings.accountsFile);
  if (problems.length > 0) return { name, status: "fail", message: problemsMessage(problems) };
  const mode = await fileMode(settings.accountsFile);
  if (mode === undefined)
    return {
      name,
      status: "ok",
      message: `${file} not present: only the default account (PAGERDUTY_* variables)`,
    };
  const others = [...accounts.keys()].filter((a) => a !== "default").length;
  return loosePermissions(mode)
    ? {
        name,
        status: "warn",
        message: `${file} holds credentials but other users may read it (mode ${octal(mode)}): chmod 600 ${file}`,
      }
    : { name, status: "ok", message: `${file}: ${others} account(s), mode ${octal(mode)}` };
}

/** The API tokens file: parses (the service refuses to start otherwise) and is mode 0600. */
export async function apiTokensFileCheck(
  settings: Settings,
  requireApiTokenServers: number,
): Promise<Check> {
  const name = "API tokens file";
  const file = displayPath(settings.apiTokensFile);
  const { tokens, problems } = await readApiTokensFile(settings.apiTokensFile);
  if (problems.length > 0)
    return {
      name,
      status: "fail",
      message: `${problemsMessage(problems)} (the service refuses to start)`,
    };
  const mode = await fileMode(settings.apiTokensFile);
  const live = tokens.tokens.filter((t) => !t.revoked_at).length;
  if (mode === undefined || live === 0) {
    const where = mode === undefined ? `${file} not present` : `${file} has no live token`;
    return requireApiTokenServers > 0
      ? {
          name,
          status: "fail",
          message: `${where}, yet ${requireApiTokenServers} server(s) require an API token: every call to them is refused (npx pd-mcp api-tokens create --name <name>)`,
        }
      : { name, status: "ok", message: `${where}: the admin API refuses every request` };
  }
  return loosePermissions(mode)
    ? {
        name,
        status: "warn",
        message: `${file} may be read by other users (mode ${octal(mode)}): chmod 600 ${file}`,
      }
    : { name, status: "ok", message: `${file}: ${live} live token(s), mode ${octal(mode)}` };
}

/** PUBLIC_URL: set, https for hosted clients, and its host let in by the Host allow-list. */
export function publicUrlCheck(settings: Settings): Check {
  const name = "PUBLIC_URL";
  if (!settings.publicUrl)
    return {
      name,
      status: "warn",
      message: `not set: URLs are printed as http://${settings.host}:${settings.port}/mcp/…, which only this machine can reach; set it to the public HTTPS address`,
    };
  let url: URL;
  try {
    url = new URL(settings.publicUrl);
  } catch {
    return {
      name,
      status: "fail",
      message: `"${settings.publicUrl}" is not a URL (the service refuses to start): e.g. https://mcp.example.com`,
    };
  }
  const allowed = createOriginCheck(allowedHostsFrom(settings.publicUrl, settings.allowedHosts));
  const refusal = allowed({ headers: { host: url.host } } as IncomingMessage);
  if (refusal) return { name, status: "fail", message: `${url.origin}: ${refusal}` };
  if (url.protocol !== "https:" && !LOCAL_HOSTS.includes(url.hostname))
    return {
      name,
      status: "warn",
      message: `${url.origin} is not HTTPS: hosted clients such as ChatGPT need https (put a TLS proxy in front, see README: Deploy)`,
    };
  return { name, status: "ok", message: `${url.origin}, Host ${url.host} allowed` };
}

function problemsMessage(problems: ConfigProblem[]): string {
  const first = formatProblem(problems[0]);
  return problems.length === 1
    ? `${first} (npx pd-mcp validate)`
    : `${problems.length} problems, the first: ${first} (npx pd-mcp validate lists all)`;
}

async function fileMode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

function loosePermissions(mode: number): boolean {
  return (mode & 0o077) !== 0;
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, "0")}`;
}

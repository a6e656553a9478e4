import { cp, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServerFile } from "../../src/config/types/server.js";
import { hashToken } from "../../src/config/server-token.js";

export const REPO_ROOT = new URL("../../", import.meta.url).pathname;
export const SHIPPED_INTEGRATIONS = join(REPO_ROOT, "integrations");

/** A temporary copy of the shipped integrations plus an empty servers.d, removed by cleanup(). */
export async function tempConfigDir(): Promise<{
  root: string;
  integrationsDir: string;
  serversDir: string;
  cleanup: () => Promise<void>;
}> {
  const root = await mkdtemp(join(tmpdir(), "pd-mcp-test-"));
  const integrationsDir = join(root, "integrations");
  const serversDir = join(root, "servers.d");
  await cp(SHIPPED_INTEGRATIONS, integrationsDir, { recursive: true });
  await mkdir(serversDir);
  return {
    root,
    integrationsDir,
    serversDir,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** A known-good server file whose URL token is `token`. */
export function serverFile(
  name: string,
  token: string,
  overrides: Partial<ServerFile> = {},
): ServerFile {
  return {
    version: 1,
    name,
    integration: "pagerduty",
    account: "default",
    token_sha256: hashToken(token),
    config: { methods: [], tags: [] },
    require_api_token_auth: false,
    expires_at: null,
    ...overrides,
  };
}

export async function writeServer(
  serversDir: string,
  config: unknown,
  fileName?: string,
): Promise<void> {
  const name = fileName ?? `${(config as ServerFile).name}.json`;
  await writeFile(
    join(serversDir, name),
    typeof config === "string" ? config : JSON.stringify(config, null, 2),
  );
}

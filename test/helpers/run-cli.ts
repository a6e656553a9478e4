import { execFile } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./config-dir.js";

/** What one pd-mcp run printed and how it exited. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Public base the CLI tests print URLs under. */
export const TEST_PUBLIC_URL = "https://mcp.example.com";

/**
 * Runs `node bin/pd-mcp.js <args>` in `cwd` (so files show as servers.d/<name>.json) with the
 * config locations of a temporary directory and no PagerDuty credentials.
 */
export function runCli(
  args: string[],
  dir: { root: string; integrationsDir: string; serversDir: string },
  env: Record<string, string> = {},
): Promise<CliRun> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("PAGERDUTY_")),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, "bin/pd-mcp.js"), ...args],
      {
        cwd: dir.root,
        env: {
          ...clean,
          INTEGRATIONS_DIR: dir.integrationsDir,
          SERVERS_DIR: dir.serversDir,
          ACCOUNTS_FILE: join(dir.root, ".pd-mcp/accounts.json"),
          API_TOKENS_FILE: join(dir.root, ".pd-mcp/api-tokens.json"),
          STATE_DIR: join(dir.root, ".pd-mcp/state"),
          PUBLIC_URL: TEST_PUBLIC_URL,
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

import { ensureBuilt } from "../scripts/build.mjs";

/**
 * Builds dist/ once before any test file runs when a source changed: the CLI tests run
 * bin/pd-mcp.js (which runs dist/) and the deploy tests start `node dist/src/main.js`.
 */
export default async function setup(): Promise<void> {
  await ensureBuilt({ quiet: true });
}

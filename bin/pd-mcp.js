#!/usr/bin/env node
// The pd-mcp command. Runs the built code in dist/, rebuilt first when a source changed since the
// last build, so it always matches the checkout.
import { ensureBuilt } from "../scripts/build.mjs";

try {
  await ensureBuilt({ quiet: true });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
await import("../dist/src/cli/main.js");

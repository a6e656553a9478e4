#!/usr/bin/env node
// The pd-mcp command. Runs the built code in dist/, rebuilt first when a source changed since the
// last build, so it always matches the checkout.
import { runBuilt } from "../scripts/build.mjs";

await runBuilt("dist/src/cli/main.js");

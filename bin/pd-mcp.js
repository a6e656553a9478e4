#!/usr/bin/env node
// The pd-mcp command. Runs the TypeScript sources through tsx so it always matches the checkout.
import { register } from "tsx/esm/api";

register();
await import(new URL("../src/cli/main.ts", import.meta.url).href);

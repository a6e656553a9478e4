// `npm start`: builds dist/ if a source changed since the last build (a few ms of stat() when
// nothing did), then runs the service from dist/. In production run `node dist/src/main.js`.
import { ensureBuilt } from "./build.mjs";

try {
  await ensureBuilt({ quiet: true });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
await import("../dist/src/main.js");

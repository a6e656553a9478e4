// `npm start`: builds dist/ if a source changed since the last build (a few ms of stat() when
// nothing did), then runs the service from dist/. In production run `node dist/src/main.js`.
import { runBuilt } from "./build.mjs";

await runBuilt("dist/src/main.js");

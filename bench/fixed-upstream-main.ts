import { readFile } from "node:fs/promises";
import { startFixedUpstream } from "./fixed-upstream.js";

// Child process entry: serves the routes in the JSON file given as argv[2], prints its URL.
const routes = JSON.parse(await readFile(process.argv[2], "utf8")) as Record<string, unknown>;
const upstream = await startFixedUpstream(routes);
process.stdout.write(`${upstream.url}\n`);
process.on("SIGTERM", () => void upstream.close().then(() => process.exit(0)));

import { loadConfig } from "../src/config/load-config.js";
import { startBareHop } from "./bare-hop.js";

// Child process entry: argv = upstream URL, integrations dir. Prints the hop's URL.
const [upstreamUrl, integrationsDir] = process.argv.slice(2);
const loaded = await loadConfig({
  integrationsDir,
  serversDir: `${integrationsDir}/../no-servers`,
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const tools = loaded.snapshot.integrations.get("pagerduty")!.tools;
const hop = await startBareHop({
  upstreamUrl,
  tools,
  headers: {
    Accept: "application/vnd.pagerduty+json;version=2",
    "Content-Type": "application/json",
    Authorization: "Token token=bench",
  },
});
process.stdout.write(`${hop.url}\n`);
process.on("SIGTERM", () => void hop.close().then(() => process.exit(0)));

import { loadEnvFile } from "./env-file.js";
import { ConfigError, formatProblem } from "./errors.js";
import { createLogger } from "./logger.js";
import { startService } from "./service.js";
import { readSettings } from "./settings.js";
import { packageVersion } from "./version.js";

/**
 * `npm start`: runs the service until SIGINT/SIGTERM; exits non-zero on invalid config or when it
 * cannot listen. stdout carries only JSON log lines (for a log shipper); the banner for people and
 * start-up failures go to stderr.
 */
async function main(): Promise<void> {
  const envFile = loadEnvFile();
  const settings = readSettings();
  const logger = createLogger(settings.logLevel);
  // Last line of defence: every known source handles its own failures, but a rejection nobody
  // handled must be logged with its context, not take every URL down.
  process.on("unhandledRejection", (reason) => {
    logger.error(
      { event: "unhandled_rejection", err: reason },
      "unhandled promise rejection (the service keeps running): please report it",
    );
  });
  let service;
  try {
    service = await startService(settings, logger);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Refusing to start: ${e.problems.length} problem(s) in the configuration:`);
      for (const p of e.problems) console.error(`  ${formatProblem(p)}`);
      process.exit(1);
    }
    throw e;
  }
  const snapshot = service.store.current();
  logger.info(
    {
      event: "started",
      version: packageVersion(),
      url: service.url,
      metricsUrl: service.metricsUrl,
      envFile,
      servers: [...snapshot.serversByName.keys()],
    },
    "listening",
  );
  if (service.simulator) {
    console.error(
      [
        "",
        ...box([
          "SIMULATED PAGERDUTY: no PAGERDUTY_API_TOKEN is set, so every tool",
          "talks to an embedded, in-memory PagerDuty with made-up data.",
        ]),
        "",
        "  MCP connector URL (demo server, all tools; keep it secret):",
        "",
        `    ${service.simulator.demoUrl}`,
        "",
        "  Paste it into an MCP client (see README: ChatGPT, Claude, mcp-remote).",
        "  Set PAGERDUTY_API_TOKEN to talk to your real PagerDuty account instead.",
        "",
      ].join("\n"),
    );
  } else {
    console.error(
      `\n  Serving ${snapshot.serversByName.size} MCP server(s) from servers.d at ${service.publicUrl}/mcp/<token>`,
    );
    console.error("  Create a connector URL with: npx pd-mcp servers create --name <name>\n");
  }
  // Graceful stop: no new work, calls in flight finish (a create that reached PagerDuty still
  // tells its caller the incident id), then exit 0. A second signal stops at once.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ event: "shutdown", signal }, "second signal: stopping now");
      process.exit(1);
    }
    stopping = true;
    const report = await service.drain(settings.shutdownGraceMs);
    await service.close();
    logger.info(
      { event: "shutdown", signal, grace_ms: settings.shutdownGraceMs, ...report },
      `stopped on ${signal}: ${report.drained} request(s) in flight finished, ${report.cut} cut at the grace period, ${report.refused} refused with 503 in ${report.ms} ms`,
    );
    process.exit(0);
  };
  process.on("SIGHUP", () => void service.reload());
  process.on("SIGINT", (s) => void stop(s));
  process.on("SIGTERM", (s) => void stop(s));
}

/** Draws lines in a box, for the banner. */
function box(lines: string[]): string[] {
  const width = Math.max(...lines.map((l) => l.length));
  return [
    `  ┌${"─".repeat(width + 4)}┐`,
    ...lines.map((l) => `  │  ${l.padEnd(width)}  │`),
    `  └${"─".repeat(width + 4)}┘`,
  ];
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

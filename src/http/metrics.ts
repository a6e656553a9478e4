import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ReloadOutcome } from "../config/watch-config.js";
import type { ToolCallEvent } from "./mcp-handler.js";

/** The process's Prometheus metrics: tool calls by tool and outcome, latencies, reloads. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const calls = new Counter({
    name: "pd_mcp_tool_calls_total",
    help: "Tool calls by server, tool, outcome (ok, error) and upstream HTTP status (none when nothing was sent).",
    labelNames: ["server", "tool", "outcome", "upstream_status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "pd_mcp_tool_call_duration_seconds",
    help: "Tool call latency including the upstream request.",
    labelNames: ["tool", "outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const reloads = new Counter({
    name: "pd_mcp_config_reloads_total",
    help: "Config reloads by result (applied, unchanged, rejected).",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  // The labelled series of each (server, tool, outcome, status), found by one Map lookup per call
  // instead of prom-client hashing the label object twice.
  const series = new Map<
    string,
    { calls: ReturnType<typeof calls.labels>; latency: ReturnType<typeof latency.labels> }
  >();
  return {
    registry,
    toolCall(event: ToolCallEvent): void {
      const outcome = event.isError ? "error" : "ok";
      const status = event.upstreamStatus === undefined ? "none" : String(event.upstreamStatus);
      const key = `${event.server}\u0000${event.tool}\u0000${outcome}\u0000${status}`;
      let s = series.get(key);
      if (!s) {
        s = {
          calls: calls.labels({
            server: event.server,
            tool: event.tool,
            outcome,
            upstream_status: status,
          }),
          latency: latency.labels({ tool: event.tool, outcome }),
        };
        series.set(key, s);
      }
      s.calls.inc();
      s.latency.observe(event.durationMs / 1000);
    },
    reload(outcome: ReloadOutcome): void {
      reloads.inc({ status: outcome.status });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

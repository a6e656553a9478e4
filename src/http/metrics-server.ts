import http from "node:http";
import type { AddressInfo } from "node:net";
import { listen } from "../listen.js";
import type { Metrics } from "./metrics.js";
import { createMetricsRoute } from "./metrics-route.js";

/** Options of the separate metrics listener (METRICS_PORT). */
export interface MetricsServerOptions {
  metrics: () => Promise<Metrics>;
  host: string;
  port: number;
  /** METRICS_TOKEN, required on this port too when set. */
  token?: string;
}

/**
 * Serves GET /metrics alone on its own address, for a scraper on a private network: the public
 * port then has no /metrics at all. Anything else is a 404.
 */
export async function startMetricsServer(
  options: MetricsServerOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const route = createMetricsRoute({
    metrics: options.metrics,
    token: options.token,
    localOnly: false,
  });
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && (req.url === "/metrics" || req.url?.startsWith("/metrics?")))
      return route(req, res);
    res.writeHead(404, { "Content-Type": "application/json" });
    res.end('{"error":{"code":"not_found","message":"This port serves GET /metrics only."}}');
  });
  await listen(server, {
    host: options.host,
    port: options.port,
    portVariable: "METRICS_PORT",
    hostVariable: "METRICS_HOST",
  });
  const address = server.address() as AddressInfo;
  const host = address.address.includes(":") ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

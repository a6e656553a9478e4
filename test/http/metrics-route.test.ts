import http, { type IncomingMessage, type ServerResponse } from "node:http";
import request from "supertest";
import { describe, expect, test } from "vitest";
import { createMetrics } from "../../src/http/metrics.js";
import { createMetricsRoute, type MetricsRouteOptions } from "../../src/http/metrics-route.js";

const metrics = () => Promise.resolve(createMetrics());
const app = (options: Omit<MetricsRouteOptions, "metrics">) =>
  http.createServer(createMetricsRoute({ metrics, ...options }));

/** Calls the route as if from another machine (supertest always connects over loopback). */
async function fromRemote(
  options: Omit<MetricsRouteOptions, "metrics">,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const req = { headers, socket: { remoteAddress: "10.1.2.3" } } as unknown as IncomingMessage;
  return new Promise((resolve) => {
    let status = 0;
    const res = {
      setHeader: () => res,
      writeHead: (s: number) => ((status = s), res),
      end: (body: string) => resolve({ status, body }),
    } as unknown as ServerResponse;
    createMetricsRoute({ metrics, ...options })(req, res);
  });
}

describe("/metrics without METRICS_TOKEN: this machine only", () => {
  test("a local request gets Prometheus text", async () => {
    const res = await request(app({})).get("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.text).toContain("# TYPE pd_mcp_tool_calls_total counter");
  });

  test("a request under a public Host (through a proxy) is refused with what to set", async () => {
    const res = await request(app({})).get("/metrics").set("Host", "mcp.example.com");
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: {
        code: "forbidden",
        message:
          "/metrics answers requests from this machine only: set METRICS_PORT to serve it on its own port, or METRICS_TOKEN to require a bearer token.",
      },
    });
  });

  test("a request from another machine is refused even when it claims Host: localhost", async () => {
    expect((await fromRemote({}, { host: "localhost:3000" })).status).toBe(403);
  });

  test("localOnly: false (the METRICS_PORT listener) answers anyone", async () => {
    expect((await fromRemote({ localOnly: false }, { host: "10.0.0.1:9464" })).status).toBe(200);
  });
});

describe("/metrics with METRICS_TOKEN", () => {
  const token = "metrics-secret-123";
  test("the right bearer token is let in from anywhere", async () => {
    const res = await request(app({ token }))
      .get("/metrics")
      .set("Host", "mcp.example.com")
      .set("Authorization", `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(
      (await fromRemote({ token }, { host: "x", authorization: `Bearer ${token}` })).status,
    ).toBe(200);
  });

  test.each([
    ["no Authorization", undefined],
    ["a wrong token", "Bearer metrics-secret-124"],
    ["a prefix of the token", "Bearer metrics-secret"],
    ["another scheme", `Basic ${token}`],
  ])("%s is a 401, even from this machine", async (_case, authorization) => {
    const req = request(app({ token })).get("/metrics");
    const res = await (authorization ? req.set("Authorization", authorization) : req);
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toBe('Bearer realm="pd-mcp-metrics"');
    expect(res.body.error.message).toBe("/metrics requires Authorization: Bearer <METRICS_TOKEN>.");
    expect(res.text).not.toContain(token);
  });
});

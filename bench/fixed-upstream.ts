import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A lean stand-in for PagerDuty that answers precomputed bodies by path, so the upstream is never
 * the bottleneck of the measurement. Bodies come from the simulator, so they have PagerDuty's shape.
 */
export async function startFixedUpstream(
  routes: Record<string, unknown>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const bodies = new Map(
    Object.entries(routes).map(([path, body]) => [path, Buffer.from(JSON.stringify(body))]),
  );
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const body = bodies.get(path);
    req.resume();
    if (!body) {
      res
        .writeHead(404, { "Content-Type": "application/json" })
        .end('{"error":{"message":"Not Found","code":2100}}');
      return;
    }
    res.writeHead(200, {
      "Content-Type": "application/json",
      "Content-Length": body.length,
      "ratelimit-limit": "960",
      "ratelimit-remaining": "959",
      "ratelimit-reset": "60",
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

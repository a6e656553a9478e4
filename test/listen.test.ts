import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { describeListenError, listen } from "../src/listen.js";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

test("a port in use names the variable to change and the likely other instance", async () => {
  const first = http.createServer();
  servers.push(first);
  await listen(first, { host: "127.0.0.1", port: 0, portVariable: "PORT", hostVariable: "HOST" });
  const port = (first.address() as AddressInfo).port;
  const second = http.createServer();
  const error = await listen(second, {
    host: "127.0.0.1",
    port,
    portVariable: "METRICS_PORT",
    hostVariable: "METRICS_HOST",
  }).catch((e: unknown) => e as Error);
  expect((error as Error).message).toBe(
    `Cannot listen on 127.0.0.1:${port}: the port is already in use, perhaps by another instance of this service (stop it) or another program. Set METRICS_PORT to a free port (METRICS_PORT=0 picks one).`,
  );
  expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe("EADDRINUSE");
});

test.each([
  ["EACCES", "permission denied (ports below 1024 need privileges). Set PORT to 1024 or above."],
  [
    "EADDRNOTAVAIL",
    "10.9.9.9 is not an address of this machine. Set HOST to one (127.0.0.1 locally, 0.0.0.0 in a container).",
  ],
])("%s says what to change", (code, advice) => {
  const e = Object.assign(new Error("x"), { code });
  expect(
    describeListenError(e, {
      host: "10.9.9.9",
      port: 80,
      portVariable: "PORT",
      hostVariable: "HOST",
    }),
  ).toBe(`Cannot listen on 10.9.9.9:80: ${advice}`);
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { createDrain } from "../../src/http/drain.js";

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

test("the grace period bounds the wait: a request still running then is reported cut", async () => {
  // This handler never answers.
  const drain = createDrain(() => undefined);
  server = http.createServer(drain.handle);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const hanging = new Promise<string>((resolve) => {
    http
      .get(`http://127.0.0.1:${port}/slow`, () => resolve("answered"))
      .on("error", (e) => resolve((e as NodeJS.ErrnoException).code ?? "error"));
  });
  await new Promise((r) => setTimeout(r, 100));
  const report = await drain.drain(200);
  expect(report).toMatchObject({ drained: 0, cut: 1, refused: 0 });
  server.closeAllConnections();
  expect(await hanging).toBe("ECONNRESET");
});

test("with nothing in flight the drain returns at once, and later requests get 503", async () => {
  const drain = createDrain((_req, res) => res.end("ok"));
  server = http.createServer(drain.handle);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  expect(await drain.drain(10_000)).toMatchObject({ drained: 0, cut: 0 });
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("5");
  expect(await res.json()).toEqual({
    error: { code: "unavailable", message: "The service is shutting down: retry in 5 seconds." },
  });
});

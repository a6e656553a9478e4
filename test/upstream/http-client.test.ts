import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { UpstreamBodyTooLargeError } from "../../src/errors.js";
import { createHttpClient } from "../../src/upstream/http-client.js";

/** How much of its answer the stand-in server managed to send before the client hung up. */
let sent: { bytes: number; finished: boolean };
let server: http.Server;
let base: string;

const MiB = 1024 * 1024;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const total = Number(new URL(req.url!, "http://x").searchParams.get("bytes"));
    const declare = req.url!.includes("declare=1");
    sent = { bytes: 0, finished: false };
    res.writeHead(200, {
      "Content-Type": "application/json",
      ...(declare ? { "Content-Length": String(total) } : {}),
    });
    // A JSON string of `total` bytes, sent in 64 KiB chunks as fast as the client reads.
    const chunk = Buffer.alloc(64 * 1024, "a");
    const write = () => {
      while (sent.bytes < total) {
        const size = Math.min(chunk.length, total - sent.bytes);
        const piece =
          sent.bytes === 0
            ? Buffer.concat([Buffer.from('"'), chunk.subarray(1, size)])
            : sent.bytes + size === total
              ? Buffer.concat([chunk.subarray(0, size - 1), Buffer.from('"')])
              : chunk.subarray(0, size);
        sent.bytes += size;
        if (!res.write(piece)) return void res.once("drain", write);
      }
      sent.finished = true;
      res.end();
    };
    write();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = createHttpClient();
const get = (bytes: number, declare: boolean, maxBodyBytes?: number) =>
  client({
    method: "GET",
    url: new URL(`${base}/big?bytes=${bytes}${declare ? "&declare=1" : ""}`),
    headers: {},
    timeoutMs: 20_000,
    maxBodyBytes,
  });

describe("maxBodyBytes: the read stops at the cap, at the HTTP boundary", () => {
  test.each([
    ["a streamed (chunked) 40 MiB body", false],
    ["a 40 MiB body announced by Content-Length", true],
  ])("%s is refused with UpstreamBodyTooLargeError and not read to the end", async (_, declare) => {
    const error = await get(40 * MiB, declare, 1 * MiB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamBodyTooLargeError);
    expect((error as UpstreamBodyTooLargeError).message).toBe(
      "PagerDuty's answer (HTTP 200) is larger than 1 MiB, the most one call may read (max_response_bytes of the integration); it was not read",
    );
    expect((error as UpstreamBodyTooLargeError).code).toBe("upstream_too_large");
    expect((error as UpstreamBodyTooLargeError).status).toBe(200);
    // The client hung up: the server could not push the whole body.
    await new Promise((r) => setTimeout(r, 50));
    expect(sent.finished).toBe(false);
    expect(sent.bytes).toBeLessThan(20 * MiB);
  });

  test("a body at the cap is read whole", async () => {
    const res = await get(1 * MiB, false, 1 * MiB);
    expect(res.status).toBe(200);
    expect(res.bytes).toBe(1 * MiB);
    expect((res.body as string).length).toBe(1 * MiB - 2);
  });

  test("without a cap, a large body is read whole", async () => {
    const res = await get(3 * MiB, true);
    expect(res.bytes).toBe(3 * MiB);
  });
});

describe("the undici client keeps the error vocabulary and never retries", () => {
  test("a refused connection is upstream_unavailable naming the host", async () => {
    const error = await client({
      method: "GET",
      url: new URL("http://127.0.0.1:9/incidents"),
      headers: {},
      timeoutMs: 5_000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "upstream_unavailable", status: 0 });
    expect((error as Error).message).toMatch(/^Could not reach PagerDuty at 127\.0\.0\.1:9: /);
  });

  // The one timer bounds the whole exchange: no headers at all, or headers then a body that stops.
  test.each<[string, http.RequestListener]>([
    ["no answer within timeoutMs", () => undefined],
    [
      "a body that stops arriving before timeoutMs",
      (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.write('{"incidents": [');
      },
    ],
  ])("%s is upstream_unavailable saying so", async (_intent, listener) => {
    const slow = http.createServer(listener);
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    try {
      const error = await client({
        method: "GET",
        url: new URL(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/slow`),
        headers: {},
        timeoutMs: 200,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: "upstream_unavailable",
        message: "PagerDuty did not answer within 200 ms",
      });
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });

  test("a write whose connection drops is sent once, not retried, and the body arrives whole", async () => {
    const seen: Array<{ method?: string; body: string; length?: string }> = [];
    const dropping = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ method: req.method, body, length: req.headers["content-length"] });
        res.socket?.destroy();
      });
    });
    await new Promise<void>((resolve) => dropping.listen(0, "127.0.0.1", resolve));
    try {
      const body = JSON.stringify({ incident: { title: "Disk full ü" } });
      const error = await client({
        method: "POST",
        url: new URL(`http://127.0.0.1:${(dropping.address() as AddressInfo).port}/incidents`),
        headers: { "Content-Type": "application/json" },
        body,
        timeoutMs: 5_000,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "upstream_unavailable" });
      expect(seen).toEqual([{ method: "POST", body, length: String(Buffer.byteLength(body)) }]);
    } finally {
      dropping.close();
    }
  });

  test("an answer comes with its status, lowercase headers and size", async () => {
    const res = await get(1000, true);
    expect(res).toMatchObject({ status: 200, bytes: 1000 });
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.headers["content-length"]).toBe("1000");
  });
});

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

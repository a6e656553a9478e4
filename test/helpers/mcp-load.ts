import http from "node:http";

/** What one MCP call should be, and how to tell its answer is its own. */
export interface CallPlan {
  tool: string;
  arguments: Record<string, unknown>;
  /** Says what is wrong with structuredContent, or undefined when it answers this call. */
  check: (structured: unknown) => string | undefined;
  /** Set on writes: a marker that appears once upstream when the write happened. */
  write?: string;
}

/** One call as it went. */
export interface CallResult {
  n: number;
  /** performance.now() at the start and the end. */
  start: number;
  end: number;
  /** HTTP status; 0 when no answer came. */
  status: number;
  /** nginx's X-Upstream: the replica(s) tried, "a, b" when it moved on. */
  upstream: string;
  /** Undefined when the right answer came. */
  error?: string;
  write?: string;
}

const HEADERS = {
  "Content-Type": "application/json",
  Accept: "application/json, text/event-stream",
};

/** POSTs one body on a fresh connection (no keep-alive), as separate clients do. */
export function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { ...HEADERS, ...headers, "Content-Length": Buffer.byteLength(text) },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 30 s")));
    req.on("error", reject);
    req.end(text);
  });
}

/** Runs one planned tools/call against an MCP URL and checks that the answer is its own. */
export async function call(url: string, n: number, plan: CallPlan): Promise<CallResult> {
  const start = performance.now();
  const base = { n, start, write: plan.write };
  try {
    const res = await post(url, {
      jsonrpc: "2.0",
      id: n,
      method: "tools/call",
      params: { name: plan.tool, arguments: plan.arguments },
    });
    const upstream = String(res.headers["x-upstream"] ?? "");
    const done = { ...base, end: performance.now(), status: res.status, upstream };
    if (res.status !== 200) return { ...done, error: `HTTP ${res.status}` };
    const body = JSON.parse(res.text) as {
      id?: unknown;
      result?: { isError?: boolean; structuredContent?: unknown; content?: unknown };
      error?: unknown;
    };
    if (body.id !== n) return { ...done, error: `answer for request ${String(body.id)}` };
    if (!body.result || body.result.isError)
      return {
        ...done,
        error: `tool error: ${JSON.stringify(body.error ?? body.result?.content)}`,
      };
    const problem = plan.check(body.result.structuredContent);
    return problem ? { ...done, error: problem } : done;
  } catch (e) {
    return { ...base, end: performance.now(), status: 0, upstream: "", error: String(e) };
  }
}

/**
 * Runs calls `concurrency` at a time: `calls` of them, or until `until()` is true (and at least
 * `calls` when both are given). Returns every result in order.
 */
export async function runLoad(options: {
  url: string;
  concurrency: number;
  calls: number;
  until?: () => boolean;
  plan: (n: number) => CallPlan;
  firstN?: number;
}): Promise<CallResult[]> {
  const results: CallResult[] = [];
  let next = options.firstN ?? 1;
  const last = next + options.calls;
  const more = () => next < last || (options.until !== undefined && !options.until());
  const worker = async () => {
    while (more()) {
      const n = next++;
      results.push(await call(options.url, n, options.plan(n)));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return results.sort((a, b) => a.n - b.n);
}

/** Figures of a load run. */
export function summarize(results: CallResult[]) {
  const ms = results.map((r) => r.end - r.start).sort((a, b) => a - b);
  const span = Math.max(...results.map((r) => r.end)) - Math.min(...results.map((r) => r.start));
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0;
  const byUpstream: Record<string, number> = {};
  for (const r of results) byUpstream[r.upstream || "-"] = (byUpstream[r.upstream || "-"] ?? 0) + 1;
  return {
    calls: results.length,
    failed: results.filter((r) => r.error).length,
    callsPerSecond: Math.round((results.length / span) * 1000),
    p50Ms: Math.round(q(0.5) * 10) / 10,
    p99Ms: Math.round(q(0.99) * 10) / 10,
    byUpstream,
  };
}

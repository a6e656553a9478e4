import http from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import type { CompiledTool } from "../src/interpreter/compiled-tool.js";

/** What the hop needs of one tool: the path template, paging and the mapping, nothing else. */
export type HopTool = Pick<
  CompiledTool,
  "pathTemplate" | "pathParams" | "paginator" | "mapping" | "isList"
>;

/**
 * The floor of the measurement: a bare `node:http` hop in front of the same upstream. It parses
 * the JSON-RPC body, sends a keep-alive GET upstream (with the service's client library), projects the same fields with the same
 * compiled mapping and replies with the same result shape as the service, and does nothing else:
 * no SDK, no argument validation, no logs, no metrics, no auth. What the service spends beyond
 * this is what the project controls.
 */
export async function startBareHop(options: {
  upstreamUrl: string;
  tools: Map<string, HopTool>;
  headers: Record<string, string>;
}): Promise<{ url: string; close: () => Promise<void> }> {
  // The same client library and settings as the service's upstream client (src/upstream/
  // http-client.ts), so that the difference between the two measures our code, not the choice of
  // client: node:http reads a 60 KB page with about twice the CPU (bench/README.md).
  const agent = new Agent({ connections: 64, headersTimeout: 0, bodyTimeout: 0 });
  const origin = new URL(options.upstreamUrl).origin;

  const get = async (path: string): Promise<unknown> => {
    const res = await agent.request({ origin, path, method: "GET", headers: options.headers });
    // Read as the service reads (data events, one concat), not with an async iterator.
    const text = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      res.body.on("data", (c: Buffer) => chunks.push(c));
      res.body.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      res.body.on("error", reject);
    });
    return JSON.parse(text);
  };

  const answer = async (message: {
    id: unknown;
    params: { name: string; arguments?: Record<string, unknown> };
  }) => {
    const tool = options.tools.get(message.params.name)!;
    const args = message.params.arguments ?? {};
    let path = tool.pathTemplate;
    for (const p of tool.pathParams)
      path = path.replace(`{${p.name}}`, encodeURIComponent(String(args[p.arg])));
    const page = tool.paginator.pageQuery(args);
    if ("query" in page && page.query.length > 0)
      path += `?${page.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
    const body = await get(path);
    const mapped = await tool.mapping.evaluate(body);
    const structured = tool.isList
      ? { result: mapped ?? [], next_cursor: tool.paginator.nextCursor(body, args) }
      : { result: mapped ?? null };
    return JSON.stringify({
      jsonrpc: "2.0",
      id: message.id,
      result: {
        content: [{ type: "text", text: JSON.stringify(structured) }],
        structuredContent: structured,
      },
    });
  };

  const server = http.createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      answer(JSON.parse(Buffer.concat(chunks).toString("utf8"))).then(
        (reply) =>
          res
            .writeHead(200, {
              "Content-Type": "application/json",
              "Content-Length": Buffer.byteLength(reply),
            })
            .end(reply),
        (e: Error) => res.writeHead(500).end(e.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        void agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

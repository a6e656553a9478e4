import http from "node:http";

/** A minimal keep-alive HTTP client: what a lean caller of either endpoint would pay. */
export function leanClient(maxSockets = 16) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    request(
      url: URL,
      method: string,
      headers: Record<string, string>,
      body?: string,
    ): Promise<{ status: number; text: string }> {
      return new Promise((resolve, reject) => {
        const h: Record<string, string | number> = { ...headers };
        if (body !== undefined) h["Content-Length"] = Buffer.byteLength(body);
        const req = http.request(url, { method, headers: h, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        });
        req.on("error", reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

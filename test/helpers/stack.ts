import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Account } from "../../src/config/accounts.js";
import { ConfigStore } from "../../src/config/config-store.js";
import { loadConfig } from "../../src/config/load-config.js";
import { formatProblem } from "../../src/errors.js";
import { createApp, type AppOptions } from "../../src/http/create-app.js";
import {
  createSimulator,
  SIMULATED_HOSTS,
  type Simulator,
  type SimulatorOptions,
} from "../../src/simulator/index.js";
import type { ServerFile } from "../../src/config/types/server.js";
import { tempConfigDir, writeServer } from "./config-dir.js";

export const SIM_ADMIN_EMAIL_FALLBACK = "alice@example.com";

/** A running simulator + product on 127.0.0.1 random ports, with servers written to a temp dir. */
export interface Stack {
  sim: Simulator;
  simUrl: string;
  appUrl: string;
  store: ConfigStore;
  dir: Awaited<ReturnType<typeof tempConfigDir>>;
  accounts: Map<string, Account>;
  /** Connector URL of a token. */
  url(token: string): string;
  /** A connected SDK client for a token. */
  client(token: string, headers?: Record<string, string>): Promise<Client>;
  /** Reloads config from the temp dir into the store (throws on problems). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  servers?: ServerFile[];
  simulator?: SimulatorOptions;
  app?: Partial<AppOptions>;
  account?: Partial<Account>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sim = createSimulator(options.simulator);
  const simListening = await sim.listen(0, "127.0.0.1");
  const dir = await tempConfigDir();
  for (const s of options.servers ?? []) await writeServer(dir.serversDir, s);
  const accounts = new Map<string, Account>([
    [
      "default",
      {
        name: "default",
        baseUrl: simListening.url,
        hostBaseUrls: Object.fromEntries(SIMULATED_HOSTS.map((h) => [h, simListening.url])),
        credentials: { kind: "api_token", token: options.simulator?.apiToken ?? "test-token" },
        fromEmail: SIM_ADMIN_EMAIL_FALLBACK,
        ...options.account,
      },
    ],
  ]);
  const load = async () => {
    const result = await loadConfig({
      integrationsDir: dir.integrationsDir,
      serversDir: dir.serversDir,
      accounts,
    });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    return result.snapshot;
  };
  const store = new ConfigStore(await load());
  const server = http.createServer(createApp({ store, ...options.app }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: Client[] = [];
  return {
    sim,
    simUrl: simListening.url,
    appUrl,
    store,
    dir,
    accounts,
    url: (token) => `${appUrl}/mcp/${token}`,
    async client(token, headers) {
      const client = new Client({ name: "e2e-test", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${appUrl}/mcp/${token}`), {
          requestInit: { headers },
        }),
      );
      clients.push(client);
      return client;
    },
    async reload() {
      store.replace(await load());
    },
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await simListening.close();
      await dir.cleanup();
    },
  };
}

/** Posts one raw JSON-RPC body and returns status, headers and parsed body. */
export async function rawPost(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

import http from "node:http";
import type { AddressInfo } from "node:net";
import { errorBody } from "./errors.js";
import type { Simulator } from "./index.js";
import { SEED_CURRENT_USER_ID, SEED_USERS } from "./seed/directory.js";

export { SIMULATED_HOSTS } from "./hosts.js";

/** The simulator of `npm start`, listening. */
export interface EmbeddedSimulator {
  /** Base URL, like http://127.0.0.1:PORT. */
  url: string;
  /** Email of the user its API token acts as (GET /users/me), the account's default From. */
  currentUserEmail: string;
  /** Loads and seeds it now, unless a request already did (call it once the service listens). */
  load(): Promise<Simulator>;
  close(): Promise<void>;
}

/**
 * Starts the embedded simulator of `npm start`, listening at once: its express app and seeded
 * data (about a fifth of a second of start-up) load on `load()` or the first request, whichever
 * comes first; requests that arrive before it is ready wait for it.
 */
export async function listenEmbeddedSimulator(host = "127.0.0.1"): Promise<EmbeddedSimulator> {
  let simulator: Simulator | undefined;
  let loading: Promise<Simulator> | undefined;
  const load = () =>
    (loading ??= import("./index.js").then(
      (m) => (simulator = m.createSimulator()),
      (e: unknown) => {
        loading = undefined;
        throw e;
      },
    ));
  const server = http.createServer((req, res) => {
    if (simulator) return simulator.handler(req, res);
    load().then(
      (s) => s.handler(req, res),
      (e: unknown) => {
        const body = errorBody(`The simulator failed to load: ${(e as Error).message}`, 2000);
        res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify(body));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const me = SEED_USERS.find((u) => u[0] === SEED_CURRENT_USER_ID);
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    currentUserEmail: me![2],
    load,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

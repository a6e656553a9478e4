import type { Server } from "node:http";

/** Where to listen, with the variables that set it (named in error messages). */
export interface ListenTarget {
  host: string;
  port: number;
  /** The variable that sets the port (PORT, METRICS_PORT). */
  portVariable: string;
  /** The variable that sets the address (HOST, METRICS_HOST). */
  hostVariable: string;
}

/**
 * Starts listening. A failure rejects with an Error whose message says which variable to change
 * (the system error is its cause).
 */
export function listen(server: Server, target: ListenTarget): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(new Error(describeListenError(e, target), { cause: e }));
    server.once("error", onError);
    server.listen(target.port, target.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/** One sentence about a listen() failure that says what to change. */
export function describeListenError(e: Error, target: ListenTarget): string {
  const where = `Cannot listen on ${target.host}:${target.port}`;
  switch ((e as NodeJS.ErrnoException).code) {
    case "EADDRINUSE":
      return `${where}: the port is already in use, perhaps by another instance of this service (stop it) or another program. Set ${target.portVariable} to a free port (${target.portVariable}=0 picks one).`;
    case "EACCES":
      return `${where}: permission denied (ports below 1024 need privileges). Set ${target.portVariable} to 1024 or above.`;
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return `${where}: ${target.host} is not an address of this machine. Set ${target.hostVariable} to one (127.0.0.1 locally, 0.0.0.0 in a container).`;
    default:
      return `${where}: ${e.message}`;
  }
}

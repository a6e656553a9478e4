/**
 * The MCP SDK's runtime modules, loaded once, after the service listens. Importing them (the
 * Server, its zod schemas and ajv) costs about a fifth of a second, so start-up only names them:
 * `preloadSdk()` loads them while the service waits for its first request, and a request that
 * comes sooner awaits `loadSdk()`. Types are imported statically elsewhere (they cost nothing).
 */
export interface Sdk {
  Server: typeof import("@modelcontextprotocol/sdk/server/index.js").Server;
  types: typeof import("@modelcontextprotocol/sdk/types.js");
}

let loaded: Sdk | undefined;
let loading: Promise<Sdk> | undefined;

/** The SDK once loaded (no await on the hot path), else undefined. */
export function loadedSdk(): Sdk | undefined {
  return loaded;
}

/** Loads the SDK, once; a failed load is retried by the next caller. */
export function loadSdk(): Promise<Sdk> {
  loading ??= Promise.all([
    import("@modelcontextprotocol/sdk/server/index.js"),
    import("@modelcontextprotocol/sdk/types.js"),
  ]).then(
    ([server, types]) => (loaded = { Server: server.Server, types }),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** Starts loading the SDK in the background (call it once the service listens). */
export function preloadSdk(): void {
  // The first request that needs it reports a failure with its context.
  loadSdk().catch(() => undefined);
}

import express, { type Request, type Response, type Router } from "express";
import { DEFAULT_ACCOUNT } from "../config/accounts.js";
import type { ConfigStore } from "../config/config-store.js";
import {
  listServerFiles,
  readServerFile,
  removeServerFile,
  serverFilePath,
  writeServerFile,
} from "../config/server-files.js";
import { displayPath } from "../config/read-json-files.js";
import { newServerToken, serverUrl } from "../config/server-token.js";
import type { ServerFile, ToolFilter } from "../config/types/server.js";
import type { ReloadOutcome } from "../config/watch-config.js";
import { AppError, formatProblem } from "../errors.js";
import type { Logger } from "../logger.js";
import { requireAdminToken, type AdminTokenLookup } from "./admin-auth.js";
import { adminErrorHandler, invalidRequest } from "./admin-errors.js";
import { applyBody, bodyShapeProblems, isObject, serverFileProblems } from "./admin-request.js";

/** Options of the admin API. */
export interface AdminApiOptions {
  store: ConfigStore;
  integrationsDir: string;
  serversDir: string;
  /** API tokens; only live ones with the admin scope get in. */
  apiTokens: AdminTokenLookup;
  /** Applies the files now; answers are sent after it settles, so a returned URL works at once. */
  reload: () => Promise<ReloadOutcome>;
  /** Base of connector URLs (PUBLIC_URL or the listen address; known only once listening). */
  publicUrl: () => string;
  logger?: Logger;
  /** Largest JSON body. Default 100 kB. */
  bodyLimit?: string;
  now?: () => number;
}

/** A server as the admin API shows it: never its token or hash (the token only once, at creation). */
export interface AdminServerView {
  id: string;
  name: string;
  integrated_account_id: string;
  /** The file's config: methods, tags and presentation always, guardrails (constraints, write_limits, ...) when set. */
  config: ToolFilter & {
    methods: string[];
    tags: string[];
    tool_exposure: "auto" | "all" | "discovery";
    chatgpt_search: boolean;
  };
  expires_at: string | null;
  require_api_token_auth: boolean;
  created_at: string | null;
  updated_at: string | null;
}

/**
 * The admin API, shaped like Truto's: `/integrated-account/:account/mcp` to create (POST) and list
 * (GET) an account's MCP servers, `…/mcp/:id` to read, change (PATCH) and revoke (DELETE) one; the
 * id is the server name. It writes the same servers.d files as the CLI (so both meet in git),
 * reloads, and answers once the change is served. Requests are applied one at a time.
 */
export function createAdminApi(options: AdminApiOptions): Router {
  const now = options.now ?? Date.now;
  const router = express.Router();
  const serial = serialize();
  // Answers may carry a new URL token (create): no cache or proxy may keep any of them.
  router.use("/integrated-account", (_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  router.use("/integrated-account", requireAdminToken(options.apiTokens));
  router.use("/integrated-account", express.json({ limit: options.bodyLimit ?? "100kb" }));

  const context = () => ({
    integrationsDir: options.integrationsDir,
    serversDir: options.serversDir,
    accounts: options.store.current().accounts,
    now: now(),
  });
  const account = (req: Request): string => {
    const name = String(req.params.account);
    if (name !== DEFAULT_ACCOUNT && !options.store.current().accounts.has(name))
      throw new AppError(
        "not_found",
        `No account is named "${name}": known are ${knownAccounts(options.store).join(", ")} (accounts live in ACCOUNTS_FILE and PAGERDUTY_* variables).`,
      );
    return name;
  };
  const server = async (req: Request, accountName: string): Promise<ServerFile> => {
    const id = String(req.params.id);
    const config = await readServerFile(options.serversDir, id);
    if (!config || config.account !== accountName)
      throw new AppError(
        "not_found",
        `Account ${accountName} has no MCP server "${id}": list them with GET /integrated-account/${accountName}/mcp.`,
      );
    return config;
  };
  const audit = (res: Response, action: string, name: string, extra: object = {}) =>
    options.logger?.info(
      { event: "admin_api", action, server: name, by: res.locals.apiToken?.id, ...extra },
      `admin API: ${action} ${name}`,
    );
  /**
   * Reloads. Other files' problems do not matter (each file stands alone); when the service
   * refuses a file this request wrote, the change is undone and answered 409 with its problems.
   */
  const apply = async (names: string[], undo: (() => Promise<void>) | undefined, what: string) => {
    const outcome = await options.reload();
    const files = names.map((n) => displayPath(serverFilePath(options.serversDir, n)));
    const own =
      outcome.status === "rejected"
        ? outcome.problems
        : outcome.problems.filter((p) => files.includes(p.file));
    if (own.length === 0) return;
    if (undo) {
      await undo();
      await options.reload();
    }
    throw new AppError(
      "config_invalid",
      undo
        ? `Not ${what}: the service refused the file, so nothing was changed. Fix the problems listed, then try again.`
        : `The server file is deleted, but the service could not reload; the URL stops working once it does (see the service log).`,
      { details: { problems: own.map((p) => ({ ...p, text: formatProblem(p) })) } },
    );
  };

  router.get("/integrated-account/:account/mcp", async (req, res) => {
    const accountName = account(req);
    const { servers } = await listServerFiles(options.serversDir);
    res.json({
      result: servers.filter((s) => s.account === accountName).map(view),
      next_cursor: null,
    });
  });

  router.get("/integrated-account/:account/mcp/:id", async (req, res) => {
    res.json(view(await server(req, account(req))));
  });

  router.post("/integrated-account/:account/mcp", (req, res) =>
    serial(async () => {
      const accountName = account(req);
      const shape = bodyShapeProblems(req.body, "create");
      if (!isObject(req.body)) throw invalidRequest(shape);
      const at = new Date(now()).toISOString();
      const { token, sha256 } = newServerToken();
      const template = {
        version: 1,
        integration: "pagerduty",
        account: accountName,
        token_sha256: sha256,
        config: {},
        require_api_token_auth: false,
        expires_at: null,
        created_at: at,
        updated_at: at,
      } as unknown as ServerFile; // no name until the body gives one, so the schema reports it
      const config = applyBody(template, req.body);
      const problems = [...shape, ...(await serverFileProblems(config, context(), true))];
      if (problems.length > 0) throw invalidRequest(problems);
      await refuseTaken(options.serversDir, config.name);
      await writeServerFile(options.serversDir, config, { create: true });
      await apply(
        [config.name],
        async () => {
          await removeServerFile(options.serversDir, config.name);
        },
        "created",
      );
      audit(res, "create", config.name, { account: accountName });
      res.status(201).json({ ...view(config), token, url: serverUrl(options.publicUrl(), token) });
    }),
  );

  router.patch("/integrated-account/:account/mcp/:id", (req, res) =>
    serial(async () => {
      const accountName = account(req);
      const current = await server(req, accountName);
      const shape = bodyShapeProblems(req.body, "patch");
      if (!isObject(req.body)) throw invalidRequest(shape);
      const next = applyBody(current, req.body);
      next.updated_at = new Date(now()).toISOString();
      const changesExpiry = "expires_at" in req.body;
      const problems = [...shape, ...(await serverFileProblems(next, context(), changesExpiry))];
      if (problems.length > 0) throw invalidRequest(problems);
      const renamed = next.name !== current.name;
      if (renamed) await refuseTaken(options.serversDir, next.name);
      // A rename writes the new file before removing the old one, so the URL is never unserved.
      await writeServerFile(options.serversDir, next);
      if (renamed) await removeServerFile(options.serversDir, current.name);
      await apply(
        [next.name],
        async () => {
          if (renamed) await removeServerFile(options.serversDir, next.name);
          await writeServerFile(options.serversDir, current);
        },
        "changed",
      );
      audit(res, "update", next.name, renamed ? { renamed_from: current.name } : {});
      res.json(view(next));
    }),
  );

  router.delete("/integrated-account/:account/mcp/:id", (req, res) =>
    serial(async () => {
      const accountName = account(req);
      const current = await server(req, accountName);
      await removeServerFile(options.serversDir, current.name);
      await apply([], undefined, "revoked");
      audit(res, "revoke", current.name);
      res.status(204).end();
    }),
  );

  router.use(adminErrorHandler(options.logger));
  return router;
}

/** The API's view of a server file. */
export function view(config: ServerFile): AdminServerView {
  return {
    id: config.name,
    name: config.name,
    integrated_account_id: config.account,
    config: {
      ...config.config,
      methods: config.config.methods ?? [],
      tags: config.config.tags ?? [],
      tool_exposure: config.config.tool_exposure ?? "auto",
      chatgpt_search: config.config.chatgpt_search ?? false,
    },
    expires_at: config.expires_at ?? null,
    require_api_token_auth: config.require_api_token_auth ?? false,
    created_at: config.created_at ?? null,
    updated_at: config.updated_at ?? null,
  };
}

async function refuseTaken(serversDir: string, name: string): Promise<void> {
  if (await readServerFile(serversDir, name))
    throw new AppError(
      "conflict",
      `An MCP server named "${name}" already exists: choose another name (names are unique across accounts).`,
    );
}

function knownAccounts(store: ConfigStore): string[] {
  return [
    DEFAULT_ACCOUNT,
    ...[...store.current().accounts.keys()].filter((a) => a !== DEFAULT_ACCOUNT),
  ];
}

/** Runs async tasks one after another, so two requests never read-then-write the same files at once. */
function serialize() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

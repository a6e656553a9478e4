import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hashToken } from "../src/config/server-token.js";
import { leanClient } from "./lean-client.js";
import { rssMiB, spawnProduct, type ProductProcess } from "./processes.js";
import { round, spread, type Spread } from "./stats.js";

type ToolDef = { name: string; description?: string };

/** The URL tokens of the two servers every start-up tool set has. */
export const STARTUP_TOKENS = {
  /** Every tool, in the default exposure (auto: discovery above 40 tools). */
  auto: "bench-startup-auto",
  /** Every tool, every one listed (tool_exposure all): the largest tools/list. */
  all: "bench-startup-all",
};

/** One tool set (and build) measured at start-up: its own copy of the files, so reloads can change them. */
export interface ToolSet {
  label: string;
  env: Record<string, string>;
  distRoot?: string;
  integrationsDir: string;
  serversDir: string;
}

/**
 * Prepares a tool set: a copy of `integrationsDir` (without its generated/ folders unless
 * `generated`) and a servers.d with the two start-up servers, each exposing every tool.
 */
export async function prepareToolSet(
  label: string,
  dir: string,
  from: { integrationsDir: string; env: Record<string, string>; distRoot?: string },
  generated: boolean,
): Promise<ToolSet> {
  const integrationsDir = join(dir, "integrations");
  const serversDir = join(dir, "servers.d");
  await cp(from.integrationsDir, integrationsDir, {
    recursive: true,
    filter: (src) => generated || !/[/\\]generated$/.test(src),
  });
  await mkdir(serversDir, { recursive: true });
  for (const [exposure, token] of Object.entries(STARTUP_TOKENS))
    await writeFile(join(serversDir, `bench-${exposure}.json`), serverDoc(exposure, token));
  return {
    label,
    distRoot: from.distRoot,
    integrationsDir,
    serversDir,
    env: { ...from.env, INTEGRATIONS_DIR: integrationsDir, SERVERS_DIR: serversDir },
  };
}

function serverDoc(exposure: string, token: string, methods: string[] = []): string {
  return JSON.stringify({
    version: 1,
    name: `bench-${exposure}`,
    integration: "pagerduty",
    account: "default",
    token_sha256: hashToken(token),
    config: { methods, tags: [], tool_exposure: exposure },
    require_api_token_auth: false,
    expires_at: null,
  });
}

/** Start-up figures of one tool set, each a median (range) over the starts. */
export interface ColdStart {
  label: string;
  /** Tools of the server with every tool. */
  tools: number;
  /** Tools its first tools/list lists in the default exposure (discovery above 40). */
  listed: number;
  to_healthz_ms: Spread;
  cpu_to_healthz_ms: Spread;
  to_tools_list_ms: Spread;
  cpu_to_tools_list_ms: Spread;
  rss_mib: { after_start: Spread; after_first_tools_list: Spread; after_200_tools_list: Spread };
  /** The first tools/list with every tool listed (tool_exposure all), once started. */
  first_tools_list_all: { ms: Spread; bytes: number };
  reload: Reloads;
}

/**
 * Cold starts of every tool set, alternated (set after set, round after round) so a neighbour's
 * noise lands on all alike: to a listening /healthz (what a load balancer waits for) and to the
 * first answered tools/list (what a client waits for), with the CPU time used until then and
 * resident memory after start, after the first tools/list and after 200. Then the hot reloads.
 * `pairs` name the sets compared start by start: [i, j] reports set i's figures over set j's.
 */
export async function startupFigures(
  sets: ToolSet[],
  times: number,
  pairs: Array<[number, number]>,
): Promise<{ sets: ColdStart[]; ratios: Record<string, Record<string, Spread>> }> {
  const raw = sets.map(() => ({
    healthz: [] as number[],
    healthzCpu: [] as number[],
    list: [] as number[],
    listCpu: [] as number[],
    rssStart: [] as number[],
    rssList: [] as number[],
    rss200: [] as number[],
    allMs: [] as number[],
    allBytes: 0,
    tools: 0,
    listed: 0,
  }));
  for (let i = 0; i < times; i++) {
    for (const [k, set] of sets.entries()) {
      const r = raw[k];
      const p = await spawnProduct(set.env, STARTUP_TOKENS.auto, "healthz", set.distRoot);
      try {
        r.healthz.push(p.coldStartMs);
        r.healthzCpu.push(p.coldStartCpuMs);
        r.rssStart.push(await rssMiB(p.child.pid!));
        const client = leanClient();
        const list = async (token: string) => {
          const t0 = performance.now();
          const res = await client.request(
            new URL(`${p.url}/mcp/${token}`),
            "POST",
            { "Content-Type": "application/json" },
            JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
          );
          const tools = JSON.parse(res.text).result.tools as unknown[];
          return { ms: performance.now() - t0, bytes: Buffer.byteLength(res.text), tools };
        };
        r.listed = (await list(STARTUP_TOKENS.auto)).tools.length;
        r.rssList.push(await rssMiB(p.child.pid!));
        const all = await list(STARTUP_TOKENS.all);
        r.allMs.push(all.ms);
        r.allBytes = all.bytes;
        r.tools = all.tools.length;
        for (let n = 0; n < 200; n++) await list(STARTUP_TOKENS.auto);
        r.rss200.push(await rssMiB(p.child.pid!));
        client.close();
      } finally {
        await p.stop();
      }
      const q = await spawnProduct(set.env, STARTUP_TOKENS.auto, "tools/list", set.distRoot);
      r.list.push(q.coldStartMs);
      r.listCpu.push(q.coldStartCpuMs);
      await q.stop();
    }
  }
  const out: ColdStart[] = [];
  for (const [k, set] of sets.entries()) {
    const r = raw[k];
    out.push({
      label: set.label,
      tools: r.tools,
      listed: r.listed,
      to_healthz_ms: spread(r.healthz, 1),
      cpu_to_healthz_ms: spread(r.healthzCpu, 0),
      to_tools_list_ms: spread(r.list, 1),
      cpu_to_tools_list_ms: spread(r.listCpu, 0),
      rss_mib: {
        after_start: spread(r.rssStart, 1),
        after_first_tools_list: spread(r.rssList, 1),
        after_200_tools_list: spread(r.rss200, 1),
      },
      first_tools_list_all: { ms: spread(r.allMs, 1), bytes: r.allBytes },
      reload: await reloads(set, times),
    });
  }
  // Per-round ratios (start i of one set over start i of the other), then their median.
  const ratios: Record<string, Record<string, Spread>> = {};
  for (const [of, to] of pairs) {
    const per = (key: "healthz" | "healthzCpu" | "list" | "listCpu") =>
      spread(
        raw[of][key].map((v, i) => v / raw[to][key][i]),
        2,
      );
    ratios[`${sets[of].label} / ${sets[to].label}`] = {
      to_healthz: per("healthz"),
      cpu_to_healthz: per("healthzCpu"),
      to_tools_list: per("list"),
      cpu_to_tools_list: per("listCpu"),
    };
  }
  return { sets: out, ratios };
}

/** Hot reload times: the one the service logged and the time until a client sees the change. */
export interface Reloads {
  server_file: { reload_ms: Spread; visible_ms: Spread };
  resource_file: { reload_ms: Spread; visible_ms: Spread };
  note: string;
}

/**
 * Changes one server file (the auto server becomes read-only, then back) and one resource file
 * (get incident's description, a core tool listed in every exposure), `times` times each, and
 * reports the reload time the service logged and the time until a tools/list shows the change.
 * The files are left as they were.
 */
async function reloads(set: ToolSet, times: number): Promise<Reloads> {
  const p = await spawnProduct(set.env, STARTUP_TOKENS.auto, "tools/list", set.distRoot);
  const url = new URL(`${p.url}/mcp/${STARTUP_TOKENS.auto}`);
  const serverPath = join(set.serversDir, "bench-auto.json");
  const incidentsPath = join(set.integrationsDir, "pagerduty", "resources", "incidents.json");
  const originalServer = await readFile(serverPath, "utf8");
  const originalIncidents = await readFile(incidentsPath, "utf8");
  const server = { reload: [] as number[], visible: [] as number[] };
  const resource = { reload: [] as number[], visible: [] as number[] };
  const add = (to: typeof server, r: { reload_ms: number | null; visible_ms: number }) => {
    if (r.reload_ms !== null) to.reload.push(r.reload_ms);
    to.visible.push(r.visible_ms);
  };
  const hasCreate = (tools: ToolDef[]) =>
    tools.some((t) => t.name === "create_a_pager_duty_incident");
  try {
    for (let i = 0; i < times; i++) {
      // create incident is a core tool (listed in every exposure) that a read-only server hides.
      add(
        server,
        await timeReload(
          p,
          url,
          () => writeFile(serverPath, serverDoc("auto", STARTUP_TOKENS.auto, ["read"])),
          (tools) => !hasCreate(tools),
        ),
      );
      add(server, await timeReload(p, url, () => writeFile(serverPath, originalServer), hasCreate));
      const mark = `Changed by the benchmark (${i}).`;
      add(
        resource,
        await timeReload(
          p,
          url,
          async () => {
            const doc = JSON.parse(originalIncidents);
            doc.methods.get.description = `${mark} ${doc.methods.get.description}`;
            await writeFile(incidentsPath, JSON.stringify(doc));
          },
          (tools) =>
            tools.some(
              (t) =>
                t.name === "get_single_pager_duty_incident_by_id" &&
                t.description?.startsWith(mark),
            ),
        ),
      );
    }
  } finally {
    await p.stop();
    await writeFile(serverPath, originalServer);
    await writeFile(incidentsPath, originalIncidents);
  }
  return {
    server_file: { reload_ms: spread(server.reload, 0), visible_ms: spread(server.visible, 1) },
    resource_file: {
      reload_ms: spread(resource.reload, 0),
      visible_ms: spread(resource.visible, 1),
    },
    note: "visible includes the watcher's 50 ms debounce and building the new tool list",
  };
}

/** Applies a change and reports the reload time the service logged and the time until clients see it. */
async function timeReload(
  p: ProductProcess,
  url: URL,
  change: () => Promise<void>,
  visible: (tools: ToolDef[]) => boolean,
): Promise<{ reload_ms: number | null; visible_ms: number }> {
  const before = p.logLines.length;
  const started = performance.now();
  await change();
  for (;;) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      signal: AbortSignal.timeout(5_000),
    });
    const tools = ((await res.json()) as { result?: { tools: ToolDef[] } }).result?.tools ?? [];
    if (visible(tools)) break;
    if (performance.now() - started > 10_000)
      throw new Error(
        `reload never became visible; the service logged:\n${p.logLines.join("\n")}\n${JSON.stringify(tools.map((t) => t.name))}`,
      );
    await new Promise((r) => setTimeout(r, 2));
  }
  const visibleMs = performance.now() - started;
  // The service writes its log asynchronously: give the reload line a moment to arrive.
  const reloadLine = () =>
    p.logLines
      .slice(before)
      .map((l) => {
        try {
          return JSON.parse(l);
        } catch {
          return {};
        }
      })
      .find((l) => l.event === "config_reload" && l.status === "applied");
  for (let i = 0; i < 100 && !reloadLine(); i++) await new Promise((r) => setTimeout(r, 10));
  // Let a second reload the watcher may still run for this change settle before the next one.
  await new Promise((r) => setTimeout(r, 150));
  return { reload_ms: reloadLine()?.ms ?? null, visible_ms: round(visibleMs, 1) };
}

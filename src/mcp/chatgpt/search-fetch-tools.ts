import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import MiniSearch from "minisearch";
import type { ServerEntry } from "../../config/snapshot.js";
import type { DocumentType } from "../../config/types/integration.js";
import type { CallOutcome } from "../../interpreter/call-tool.js";
import {
  invalidArguments,
  refusal,
  textResult,
  unknownArguments,
  type HostedTool,
} from "../hosted-tool.js";
import type { RequestContext, ToolInvoker } from "../invoke-tool.js";
import { normalizeTerm, tokenize } from "../text-terms.js";
import { listItem, objectText, onlyFields, pick } from "./document-text.js";

/** Longest query search accepts (PagerDuty's query filters want names, not essays). */
export const MAX_QUERY_LENGTH = 200;
/** Results kept per type for types matched locally (lists without a text filter). */
export const MAX_LOCAL_MATCHES = 10;

const READ_ONLY = { readOnlyHint: true, openWorldHint: false };

/** One search result, exactly as ChatGPT's search tool contract has it. */
export interface SearchResultItem {
  id: string;
  title: string;
  url: string;
}

/** What ChatGPT's fetch tool contract answers. */
export interface FetchedDocument {
  id: string;
  title: string;
  text: string;
  url: string;
  metadata: Record<string, string | number | boolean>;
}

/**
 * The two tools ChatGPT deep research and company knowledge look for, over the integration's
 * declared document types (integration.json `documents`): `search` asks every type's list tool
 * at once and answers one text item holding {"results": [{id, title, url}]}; `fetch` reads one
 * object (with its declared sections) and answers one text item holding {id, title, text, url,
 * metadata}. Every upstream call goes through the server's tool invoker: a type whose tools the
 * server hides is neither searched nor fetched, and its ids are refused like unknown ones.
 */
export function createSearchFetchTools(entry: ServerEntry, invoker: ToolInvoker): HostedTool[] {
  const integration = entry.integration.config;
  const types = Object.entries(integration.documents ?? {});
  const typeNames = types.map(([t]) => t.replace(/_/g, " "));
  const what = integration.title;

  const search: HostedTool = {
    definition: {
      name: "search",
      description: `Search ${what} ${typeNames.join(", ")} by name or title words. Answers {"results": [{id, title, url}]}; fetch an id for the whole object.`,
      inputSchema: {
        type: "object",
        properties: {
          query: {
            type: "string",
            minLength: 1,
            maxLength: MAX_QUERY_LENGTH,
            description: "A name or a few words.",
          },
        },
        required: ["query"],
        additionalProperties: false,
      },
      annotations: READ_ONLY,
    },
    async call(args, context) {
      const problems = unknownArguments(args, ["query"]);
      const query = typeof args.query === "string" ? args.query.trim() : "";
      if (query === "" || query.length > MAX_QUERY_LENGTH)
        problems.push(`query must be a non-empty string of at most ${MAX_QUERY_LENGTH} characters`);
      if (problems.length > 0)
        return record(context, "search", invalidArguments("search", problems), []);
      const searched = types.filter(([, type]) => invoker.find(type.search.tool));
      const calls = await Promise.all(
        searched.map(([name, type]) => searchType(invoker, name, type, query)),
      );
      const results = calls.flatMap((c) => c.results);
      const outcomes = calls.map((c) => c.outcome);
      const failures = outcomes.filter((o) => o.result.isError);
      if (failures.length > 0 && results.length === 0)
        return record(context, "search", refusal(failures.map(errorText).join("\n")), outcomes);
      return record(context, "search", textResult({ results }), outcomes);
    },
  };

  const fetch: HostedTool = {
    definition: {
      name: "fetch",
      description: `Read one search result by id: {id, title, text, url, metadata}${types.some(([, t]) => t.fetch.sections?.length) ? ", the text with related lists (an incident's alerts and latest notes)" : ""}.`,
      inputSchema: {
        type: "object",
        properties: {
          id: {
            type: "string",
            minLength: 3,
            maxLength: 200,
            description: "An id from search, such as incident:Q1ABCDEF.",
          },
        },
        required: ["id"],
        additionalProperties: false,
      },
      annotations: READ_ONLY,
    },
    async call(args, context) {
      const problems = unknownArguments(args, ["id"]);
      const id = typeof args.id === "string" ? args.id : "";
      if (id === "") problems.push("id must be an id from search, such as incident:Q1ABCDEF");
      if (problems.length > 0)
        return record(context, "fetch", invalidArguments("fetch", problems), []);
      const colon = id.indexOf(":");
      const typeName = id.slice(0, colon);
      const objectId = id.slice(colon + 1);
      const type = colon > 0 ? integration.documents?.[typeName] : undefined;
      if (!type || objectId === "" || !invoker.find(type.fetch.tool))
        return record(
          context,
          "fetch",
          refusal(`No document has the id ${id}: use an id from search's results.`),
          [],
        );
      return fetchDocument(invoker, id, typeName, type, objectId, context);
    },
  };

  return [search, fetch];
}

async function searchType(
  invoker: ToolInvoker,
  typeName: string,
  type: DocumentType,
  query: string,
): Promise<{ results: SearchResultItem[]; outcome: CallOutcome }> {
  const args: Record<string, unknown> = { ...(type.search.arguments as Record<string, unknown>) };
  if (type.search.query_argument) args[type.search.query_argument] = query;
  const outcome = (await invoker.invoke(type.search.tool, args))!;
  if (outcome.result.isError) return { results: [], outcome };
  let items = ((outcome.result.structuredContent as { result?: unknown[] })?.result ??
    []) as unknown[];
  if (!type.search.query_argument && type.search.match_fields)
    items = matchLocally(items, type.search.match_fields, query);
  const titleField = type.title_field ?? "name";
  const results = items.map((item) => ({
    id: `${typeName}:${String(pick(item, "id"))}`,
    title: String(pick(item, titleField) ?? ""),
    url: String(pick(item, "html_url") ?? ""),
  }));
  return { results, outcome };
}

/** Ranks listed objects against the query on some of their fields (BM25, stemmed words). */
function matchLocally(items: unknown[], fields: readonly string[], query: string): unknown[] {
  const index = new MiniSearch<Record<string, string>>({
    fields: fields.map((_, i) => `f${i}`),
    tokenize,
    processTerm: normalizeTerm,
  });
  index.addAll(
    items.map((item, i) => {
      const doc: Record<string, string> = { id: String(i) };
      fields.forEach((f, j) => (doc[`f${j}`] = String(pick(item, f) ?? "")));
      return doc;
    }),
  );
  return index
    .search(query, { combineWith: "OR", prefix: (term) => term.length >= 4 })
    .slice(0, MAX_LOCAL_MATCHES)
    .map((r) => items[Number(r.id)]);
}

async function fetchDocument(
  invoker: ToolInvoker,
  id: string,
  typeName: string,
  type: DocumentType,
  objectId: string,
  context: RequestContext | undefined,
): Promise<CallToolResult> {
  const idArgument = type.fetch.id_argument ?? "id";
  const sections = (type.fetch.sections ?? []).filter((s) => invoker.find(s.tool));
  const [main, ...lists] = await Promise.all([
    invoker.invoke(type.fetch.tool, { [idArgument]: objectId }),
    ...sections.map((s) =>
      invoker.invoke(s.tool, {
        ...(s.arguments as Record<string, unknown>),
        [s.id_argument]: objectId,
      }),
    ),
  ]);
  const outcomes = [main!, ...lists.map((l) => l!)];
  if (main!.result.isError) return record(context, "fetch", main!.result, outcomes);
  const object = (main!.result.structuredContent as { result?: unknown })?.result ?? {};
  const lines = objectText(object);
  const metadata: FetchedDocument["metadata"] = { type: typeName };
  for (const [key, value] of Object.entries(object as Record<string, unknown>))
    if (["string", "number", "boolean"].includes(typeof value) && key !== "html_url")
      metadata[key] = value as string | number | boolean;
  sections.forEach((section, i) => {
    const outcome = lists[i]!;
    lines.push("", `${section.name}:`);
    if (outcome.result.isError) {
      lines.push(`  (not available: ${errorText(outcome)})`);
      return;
    }
    let items = ((outcome.result.structuredContent as { result?: unknown[] })?.result ??
      []) as unknown[];
    if (section.last) items = items.slice(-section.last);
    metadata[`${section.name} shown`] = items.length;
    if (items.length === 0) lines.push("  (none)");
    for (const item of items) lines.push(...listItem(onlyFields(item, section.fields), "  "));
  });
  const document: FetchedDocument = {
    id,
    title: String(pick(object, type.title_field ?? "name") ?? id),
    text: lines.join("\n"),
    url: String(pick(object, "html_url") ?? ""),
    metadata,
  };
  return record(context, "fetch", textResult(document), outcomes);
}

function errorText(outcome: CallOutcome): string {
  return (outcome.result.content as Array<{ text?: string }>)[0]?.text ?? "failed";
}

/**
 * Records search or fetch as one tool call for logs, metrics and the rate-limit headers: the
 * worst upstream status and the lowest remaining rate-limit budget of the calls it made.
 */
function record(
  context: RequestContext | undefined,
  tool: string,
  result: CallToolResult,
  outcomes: CallOutcome[],
): CallToolResult {
  if (!context) return result;
  const statuses = outcomes
    .map((o) => o.upstreamStatus)
    .filter((s): s is number => s !== undefined);
  const limits = outcomes.map((o) => o.rateLimit).filter((r) => r !== undefined);
  context.tool = tool;
  context.outcome = {
    result,
    upstreamStatus: statuses.length > 0 ? Math.max(...statuses) : undefined,
    rateLimit: limits.sort((a, b) => (a.remaining ?? Infinity) - (b.remaining ?? Infinity))[0],
  };
  return result;
}

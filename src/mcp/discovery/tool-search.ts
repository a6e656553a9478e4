import MiniSearch from "minisearch";
import type { CompiledTool } from "../../interpreter/compiled-tool.js";
import { isReadTool } from "../../interpreter/server-tools.js";
import { normalizeTerm, tokenize } from "../text-terms.js";

/** One search hit as search_<prefix>_tools answers it. */
export interface ToolHit {
  name: string;
  title: string;
  /** read (run with the read call tool), or the tool's kind (write, custom). */
  kind: string;
  summary: string;
}

/** How much more a core tool's score counts: a prior for the tools most tasks need. */
export const CORE_BOOST = 1.5;

/** Longest summary in a hit, so ten hits stay within 2.5 KB. */
export const MAX_SUMMARY_LENGTH = 110;

/**
 * A full-text index (MiniSearch, BM25) over one server's tools: name, title, description, tags
 * and argument names, words stemmed. Built once per server entry; `synonyms` (from the
 * integration file) widen a query word to the words tools use for it.
 */
export function createToolSearch(
  tools: readonly CompiledTool[],
  synonyms: Readonly<Record<string, readonly string[]>> = {},
) {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const index = new MiniSearch<{
    id: string;
    name: string;
    title: string;
    description: string;
    tags: string;
    args: string;
  }>({
    fields: ["name", "title", "description", "tags", "args"],
    tokenize,
    processTerm: normalizeTerm,
  });
  index.addAll(
    tools.map((t) => ({
      id: t.name,
      name: t.name,
      title: t.definition.title ?? "",
      description: t.definition.description ?? "",
      tags: t.tags.join(" "),
      args: argumentWords(t),
    })),
  );
  const expand = (term: string): string[] | null => {
    const words = [term, ...(synonyms[term] ?? []).flatMap((s) => tokenize(s))];
    const terms = words.map(normalizeTerm).filter((w): w is string => w !== null);
    return terms.length > 0 ? [...new Set(terms)] : null;
  };

  return {
    /** The best-ranked tools for a query, most relevant first. */
    search(query: string, limit: number): CompiledTool[] {
      const results = index.search(query, {
        combineWith: "OR",
        processTerm: expand,
        boost: { title: 3, name: 2, tags: 1.5, args: 1, description: 1 },
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
        // Core tools are the ones most conversations start with (declared in the resource files).
        boostDocument: (id) => (byName.get(id as string)?.core ? CORE_BOOST : 1),
      });
      return results.slice(0, limit).map((r) => byName.get(r.id as string)!);
    },
  };
}

export type ToolSearch = ReturnType<typeof createToolSearch>;

/** A hit: what the model needs to pick a tool, in few bytes. */
export function toolHit(tool: CompiledTool): ToolHit {
  return {
    name: tool.name,
    title: tool.definition.title ?? tool.name,
    kind: isReadTool(tool) ? "read" : tool.kind,
    summary: summarize(tool.definition.description ?? ""),
  };
}

/** The first sentence of a description, cut at a word to MAX_SUMMARY_LENGTH characters. */
export function summarize(description: string): string {
  const end = description.search(/[.:;](\s|$)/);
  const sentence = end === -1 ? description : description.slice(0, end);
  if (sentence.length <= MAX_SUMMARY_LENGTH) return sentence;
  const cut = sentence.slice(0, MAX_SUMMARY_LENGTH - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ")).replace(/[,(]$/, "")}…`;
}

/** Argument names and the values they enumerate (statuses triggered, acknowledged…). */
function argumentWords(tool: CompiledTool): string {
  const properties = (tool.definition.inputSchema as { properties?: Record<string, Property> })
    .properties;
  const words: string[] = [];
  for (const [name, property] of Object.entries(properties ?? {})) {
    words.push(name);
    const values = property.enum ?? property.items?.enum;
    if (Array.isArray(values)) words.push(...values.filter((v) => typeof v === "string"));
  }
  return words.join(" ");
}

interface Property {
  enum?: unknown[];
  items?: { enum?: unknown[] };
}

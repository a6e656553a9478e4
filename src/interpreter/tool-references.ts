/**
 * References from one tool's descriptions to another tool, declared so that each server can say
 * what is true for it. Written `{{tool:NAME|TEXT}}` or `{{tool:NAME|TEXT|OTHERWISE}}`: a server
 * that shows NAME renders TEXT with `{}` replaced by how it reaches NAME (its name, or the
 * discovery route); a server that hides NAME renders OTHERWISE, or nothing.
 */
const MARKER = /\{\{tool:([a-z0-9_]*)\|((?:[^|{}]|\{\})*)(?:\|([^|{}]*))?\}\}/g;

/** How a server reaches a referenced tool: the words to put for `{}`, or undefined if hidden. */
export type ReachTool = (name: string) => string | undefined;

/** The tools a text references, in order of appearance (repeats kept once). */
export function referencedTools(text: string): string[] {
  return [...new Set([...text.matchAll(MARKER)].map((m) => m[1]))];
}

/** Renders every reference of a text for one server. */
export function renderToolReferences(text: string, reach: ReachTool): string {
  if (!text.includes("{{")) return text;
  return text.replace(MARKER, (_all, name: string, shown: string, otherwise?: string) => {
    const how = reach(name);
    return how === undefined ? (otherwise ?? "") : shown.replaceAll("{}", how);
  });
}

/**
 * What is wrong with the references of one text: malformed markers, references without `{}`,
 * unknown tools, and tool names written as free text (they would point at tools a server may
 * hide). `toolNames` are every tool of the integration.
 */
export function toolReferenceProblems(text: string, toolNames: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(MARKER)) {
    if (!toolNames.has(m[1]))
      problems.push(`references the unknown tool "${m[1]}" in ${m[0]}: name an existing tool`);
    if (!m[2].includes("{}"))
      problems.push(`has the reference ${m[0]} whose text has no {} where the tool goes`);
  }
  const rest = text.replace(MARKER, " ");
  if (rest.includes("{{") || rest.includes("}}"))
    problems.push(
      "has a malformed tool reference: write {{tool:NAME|TEXT with {}}} or {{tool:NAME|TEXT with {}|TEXT WHEN HIDDEN}} (no | or braces inside the texts)",
    );
  for (const word of rest.match(/[a-z0-9_]+/g) ?? []) {
    if (toolNames.has(word))
      problems.push(
        `names the tool ${word} in free text, which servers that hide it would still show: write {{tool:${word}|… {} …}} instead`,
      );
  }
  return [...new Set(problems)];
}

import type { ConfigProblem } from "../errors.js";
import type { CompiledTool } from "../interpreter/compiled-tool.js";
import { escapePointer } from "./ajv.js";
import type { IntegrationFile } from "./types/integration.js";

/**
 * Checks the searchable document types of an integration file against its tools: each named
 * tool exists (a list tool for search, a get tool for fetch) and each named argument is one of
 * that tool's arguments.
 */
export function documentProblems(
  file: string,
  config: IntegrationFile,
  tools: ReadonlyMap<string, CompiledTool>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const check = (pointer: string, toolName: string, list: boolean, args: string[]) => {
    const tool = tools.get(toolName);
    if (!tool) {
      problems.push({
        file,
        pointer: `${pointer}/tool`,
        message: `names no tool of this integration: "${toolName}"`,
      });
      return;
    }
    if (tool.isList !== list)
      problems.push({
        file,
        pointer: `${pointer}/tool`,
        message: `must name a ${list ? "list" : "get"} tool`,
      });
    const known = Object.keys(
      (tool.definition.inputSchema as { properties?: object }).properties ?? {},
    );
    for (const [where, arg] of args.map((a) => a.split("=") as [string, string]))
      if (!known.includes(arg))
        problems.push({
          file,
          pointer: `${pointer}/${where}`,
          message: `names "${arg}", not an argument of ${toolName}: known are ${known.join(", ")}`,
        });
  };
  for (const [name, type] of Object.entries(config.documents ?? {})) {
    const at = `/documents/${escapePointer(name)}`;
    const search = type.search;
    if (!search.query_argument && !search.match_fields)
      problems.push({
        file,
        pointer: `${at}/search`,
        message: "needs query_argument or match_fields",
      });
    check(`${at}/search`, search.tool, true, [
      ...(search.query_argument ? [`query_argument=${search.query_argument}`] : []),
      ...Object.keys(search.arguments ?? {}).map((a) => `arguments/${escapePointer(a)}=${a}`),
    ]);
    check(`${at}/fetch`, type.fetch.tool, false, [`id_argument=${type.fetch.id_argument ?? "id"}`]);
    (type.fetch.sections ?? []).forEach((section, i) =>
      check(`${at}/fetch/sections/${i}`, section.tool, true, [
        `id_argument=${section.id_argument}`,
        ...Object.keys(section.arguments ?? {}).map((a) => `arguments/${escapePointer(a)}=${a}`),
      ]),
    );
  }
  return problems;
}

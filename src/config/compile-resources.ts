import type { ConfigProblem } from "../errors.js";
import type { CompiledTool } from "../interpreter/compiled-tool.js";
import { compileTool } from "../interpreter/compile-tool.js";
import { escapePointer } from "./ajv.js";
import { expandDefinitions, type ResolvedMethod } from "./expand-definitions.js";
import type { DescribedMethod } from "./reference-problems.js";
import { validateStructure } from "./file-schemas.js";
import type { JsonFile } from "./read-json-files.js";
import type { IntegrationFile } from "./types/integration.js";
import type { ResourceFile } from "./types/resource.js";

/** One resource file compiled on its own, before the rules across files are applied. */
interface CompiledFile {
  /** Problems of the file as a whole (structure, shared definitions): then it has no methods. */
  problems: ConfigProblem[];
  methods: Array<{
    pointer: string;
    method: ResolvedMethod;
    compiled: { tool: CompiledTool } | { problems: ConfigProblem[] };
  }>;
}

/**
 * The compiled resource files of one integration, kept with the loaded integration so that the
 * next load (a hot reload) compiles again only the files whose text changed. Valid for one text
 * of integration.json (tools are compiled against it): when that changes, every file compiles.
 */
export interface ResourceCompileCache {
  integrationText: string;
  files: Map<string, { text: string; compiled: CompiledFile }>;
}

/**
 * Validates and compiles the resource files of one integration, in the order given (curated
 * before generated, each sorted), so that "already defined" problems always name the later file.
 * Checks across files: one tool per name, one method per operation_id. A file found in `previous`
 * with the same text (and the same integration.json) is not compiled again; the returned cache
 * holds the files given, for the next load.
 */
export function compileResources(
  integration: IntegrationFile,
  files: JsonFile[],
  cacheFor?: { integrationText: string; previous?: ResourceCompileCache },
): {
  tools: Map<string, CompiledTool>;
  problems: ConfigProblem[];
  described: DescribedMethod[];
  cache?: ResourceCompileCache;
} {
  const problems: ConfigProblem[] = [];
  const tools = new Map<string, CompiledTool>();
  const toolPlaces = new Map<string, string>();
  const operationPlaces = new Map<string, string>();
  const described: DescribedMethod[] = [];
  const previous =
    cacheFor?.previous?.integrationText === cacheFor?.integrationText
      ? cacheFor?.previous?.files
      : undefined;
  const cache = cacheFor && { integrationText: cacheFor.integrationText, files: new Map() };
  for (const file of files) {
    const known = previous?.get(file.path);
    const compiled = known?.text === file.text ? known.compiled : compileFile(integration, file);
    cache?.files.set(file.path, { text: file.text, compiled });
    problems.push(...compiled.problems);
    for (const { pointer, method, compiled: outcome } of compiled.methods) {
      const before = problems.length;
      const owner = method.operation_id && operationPlaces.get(method.operation_id);
      if (owner)
        problems.push({
          file: file.file,
          pointer: `${pointer}/operation_id`,
          message: `claims operation ${method.operation_id}, which ${owner} already describes: one operation has one method (remove one, or curate it in resources/ and regenerate)`,
        });
      if ("problems" in outcome) {
        problems.push(...outcome.problems);
        continue;
      }
      const earlier = toolPlaces.get(outcome.tool.name);
      if (earlier)
        problems.push({
          file: file.file,
          pointer,
          message: `makes the tool name "${outcome.tool.name}", which ${earlier} already defines: rename the resource or method, or set tool_name`,
        });
      if (problems.length > before) continue;
      tools.set(outcome.tool.name, outcome.tool);
      toolPlaces.set(outcome.tool.name, file.file);
      if (method.operation_id) operationPlaces.set(method.operation_id, `${file.file} ${pointer}`);
      described.push({ file: file.file, pointer, method });
    }
  }
  return { tools, problems, described, cache };
}

/** Validates and compiles one resource file's methods, each on its own. */
function compileFile(integration: IntegrationFile, file: JsonFile): CompiledFile {
  const structure = validateStructure("resource", file.doc);
  if (structure.length > 0)
    return { problems: structure.map((p) => ({ file: file.file, ...p })), methods: [] };
  const resource = file.doc as ResourceFile;
  const expanded = expandDefinitions(resource, file.file);
  if ("problems" in expanded) return { problems: expanded.problems, methods: [] };
  return {
    problems: [],
    methods: Object.entries(expanded.methods).map(([key, method]) => {
      const pointer = `/methods/${escapePointer(key)}`;
      return {
        pointer,
        method,
        compiled: compileTool(integration, resource, key, method, { file: file.file, pointer }),
      };
    }),
  };
}

import type { ConfigProblem } from "../errors.js";
import type { CompiledTool } from "../interpreter/compiled-tool.js";
import { compileTool } from "../interpreter/compile-tool.js";
import { escapePointer } from "./ajv.js";
import { expandDefinitions } from "./expand-definitions.js";
import type { DescribedMethod } from "./reference-problems.js";
import { validateStructure } from "./file-schemas.js";
import type { JsonFile } from "./read-json-files.js";
import type { IntegrationFile } from "./types/integration.js";
import type { ResourceFile } from "./types/resource.js";

/**
 * Validates and compiles the resource files of one integration, in the order given (curated
 * before generated, each sorted), so that "already defined" problems always name the later file.
 * Checks across files: one tool per name, one method per operation_id.
 */
export function compileResources(
  integration: IntegrationFile,
  files: JsonFile[],
): { tools: Map<string, CompiledTool>; problems: ConfigProblem[]; described: DescribedMethod[] } {
  const problems: ConfigProblem[] = [];
  const tools = new Map<string, CompiledTool>();
  const toolPlaces = new Map<string, string>();
  const operationPlaces = new Map<string, string>();
  const described: DescribedMethod[] = [];
  for (const file of files) {
    const structure = validateStructure("resource", file.doc);
    problems.push(...structure.map((p) => ({ file: file.file, ...p })));
    if (structure.length > 0) continue;
    const resource = file.doc as ResourceFile;
    const expanded = expandDefinitions(resource, file.file);
    if ("problems" in expanded) {
      problems.push(...expanded.problems);
      continue;
    }
    for (const [key, method] of Object.entries(expanded.methods)) {
      const pointer = `/methods/${escapePointer(key)}`;
      const before = problems.length;
      const owner = method.operation_id && operationPlaces.get(method.operation_id);
      if (owner)
        problems.push({
          file: file.file,
          pointer: `${pointer}/operation_id`,
          message: `claims operation ${method.operation_id}, which ${owner} already describes: one operation has one method (remove one, or curate it in resources/ and regenerate)`,
        });
      const compiled = compileTool(integration, resource, key, method, {
        file: file.file,
        pointer,
      });
      if ("problems" in compiled) {
        problems.push(...compiled.problems);
        continue;
      }
      const earlier = toolPlaces.get(compiled.tool.name);
      if (earlier)
        problems.push({
          file: file.file,
          pointer,
          message: `makes the tool name "${compiled.tool.name}", which ${earlier} already defines: rename the resource or method, or set tool_name`,
        });
      if (problems.length > before) continue;
      tools.set(compiled.tool.name, compiled.tool);
      toolPlaces.set(compiled.tool.name, file.file);
      if (method.operation_id) operationPlaces.set(method.operation_id, `${file.file} ${pointer}`);
      described.push({ file: file.file, pointer, method });
    }
  }
  return { tools, problems, described };
}

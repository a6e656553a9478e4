import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import type { ConfigProblem } from "../errors.js";
import { compileExpression } from "../interpreter/compile-expression.js";
import type { CompiledTool } from "../interpreter/compiled-tool.js";
import { compileTool } from "../interpreter/compile-tool.js";
import { toolReferenceProblems } from "../interpreter/tool-references.js";
import { escapePointer } from "./ajv.js";
import { documentProblems } from "./document-problems.js";
import { validateStructure } from "./file-schemas.js";
import { displayPath, listJsonFiles, readJsonFiles, type JsonFile } from "./read-json-files.js";
import type { LoadedIntegration } from "./snapshot.js";
import type { IntegrationFile } from "./types/integration.js";
import type { Method, ResourceFile } from "./types/resource.js";

/** Reads, validates and compiles every integration under a directory. */
export async function loadIntegrations(dir: string): Promise<{
  integrations: Map<string, LoadedIntegration>;
  files: JsonFile[];
  problems: ConfigProblem[];
}> {
  const problems: ConfigProblem[] = [];
  const integrations = new Map<string, LoadedIntegration>();
  const allFiles: JsonFile[] = [];
  let folders: string[];
  try {
    folders = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch (e) {
    return {
      integrations,
      files: [],
      problems: [
        { file: displayPath(dir), pointer: "", message: `cannot be read: ${(e as Error).message}` },
      ],
    };
  }
  for (const folder of folders) {
    const result = await loadIntegration(join(dir, folder));
    problems.push(...result.problems);
    allFiles.push(...result.files);
    if (result.integration) integrations.set(result.integration.config.name, result.integration);
  }
  return { integrations, files: allFiles, problems };
}

async function loadIntegration(
  folder: string,
): Promise<{ integration?: LoadedIntegration; files: JsonFile[]; problems: ConfigProblem[] }> {
  const resourcePaths = await listJsonFiles(join(folder, "resources"));
  const { files, problems } = await readJsonFiles([
    join(folder, "integration.json"),
    ...resourcePaths,
  ]);
  const integrationFile = files.find(
    (f) => basename(f.path) === "integration.json" && !f.path.includes("/resources/"),
  );
  if (!integrationFile) return { files, problems };

  const structural = validateStructure("integration", integrationFile.doc);
  problems.push(...structural.map((p) => ({ file: integrationFile.file, ...p })));
  if (structural.length > 0) return { files, problems };
  const config = integrationFile.doc as IntegrationFile;
  const at = (pointer: string, message: string) =>
    problems.push({ file: integrationFile.file, pointer, message });

  if (config.name !== basename(folder))
    at("/name", `must equal the folder name "${basename(folder)}"`);
  if (!(config.default_region in config.regions))
    at("/default_region", `must be one of the regions: ${Object.keys(config.regions).join(", ")}`);
  const errorFormat: Partial<LoadedIntegration["errorFormat"]> = {};
  for (const key of ["message", "code", "details"] as const) {
    const source = config.error[key];
    if (source === undefined) continue;
    const compiled = compileExpression(source);
    if ("problem" in compiled) at(`/error/${key}`, compiled.problem);
    else errorFormat[key] = compiled.expression;
  }

  const tools = new Map<string, CompiledTool>();
  const toolFiles = new Map<string, string>();
  const described: Array<{ file: string; pointer: string; method: Method }> = [];
  for (const file of files) {
    if (file === integrationFile) continue;
    const resourceStructure = validateStructure("resource", file.doc);
    problems.push(...resourceStructure.map((p) => ({ file: file.file, ...p })));
    if (resourceStructure.length > 0) continue;
    const resource = file.doc as ResourceFile;
    for (const [key, method] of Object.entries(resource.methods)) {
      const pointer = `/methods/${escapePointer(key)}`;
      const compiled = compileTool(config, resource, key, method, { file: file.file, pointer });
      if ("problems" in compiled) {
        problems.push(...compiled.problems);
        continue;
      }
      const earlier = toolFiles.get(compiled.tool.name);
      if (earlier) {
        problems.push({
          file: file.file,
          pointer,
          message: `makes the tool name "${compiled.tool.name}", which ${earlier} already defines: rename the resource or method`,
        });
        continue;
      }
      tools.set(compiled.tool.name, compiled.tool);
      toolFiles.set(compiled.tool.name, file.file);
      described.push({ file: file.file, pointer, method });
    }
  }
  problems.push(...referenceProblems(described, new Set(tools.keys())));
  problems.push(...documentProblems(integrationFile.file, config, tools));
  if (problems.length > 0 || !errorFormat.message) return { files, problems };
  return {
    files,
    problems,
    integration: {
      file: integrationFile.file,
      config,
      tools,
      errorFormat: errorFormat as LoadedIntegration["errorFormat"],
    },
  };
}

/** Tool references in method and parameter descriptions must be declared and name real tools. */
function referenceProblems(
  described: Array<{ file: string; pointer: string; method: Method }>,
  toolNames: ReadonlySet<string>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { file, pointer, method } of described) {
    const texts: Array<[string, string]> = [[`${pointer}/description`, method.description]];
    for (const [arg, param] of Object.entries(method.parameters))
      texts.push([`${pointer}/parameters/${escapePointer(arg)}/description`, param.description]);
    for (const [at, text] of texts)
      for (const message of toolReferenceProblems(text, toolNames))
        problems.push({ file, pointer: at, message });
  }
  return problems;
}

import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import type { ConfigProblem } from "../errors.js";
import { compileExpression } from "../interpreter/compile-expression.js";
import { compileResources } from "./compile-resources.js";
import { documentProblems } from "./document-problems.js";
import { referenceProblems } from "./reference-problems.js";
import { loadHosts } from "./load-hosts.js";
import { validateStructure } from "./file-schemas.js";
import { displayPath, listJsonFiles, readJsonFiles, type JsonFile } from "./read-json-files.js";
import type { LoadedIntegration } from "./snapshot.js";
import type { IntegrationFile } from "./types/integration.js";

/**
 * Folders of resource files inside an integration, in load order: hand-curated files, then
 * drafts written by `npm run generate:resources` (never edited by hand).
 */
export const RESOURCE_FOLDERS = ["resources", "generated"] as const;

/**
 * Reads, validates and compiles every integration under a directory. With `previous` (the running
 * ones), an integration whose files have problems keeps its previous version (its problems are
 * still reported), and so does everything when the directory cannot be read.
 */
export async function loadIntegrations(
  dir: string,
  previous?: Map<string, LoadedIntegration>,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<{
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
      integrations: new Map(previous),
      files: [],
      problems: [
        { file: displayPath(dir), pointer: "", message: `cannot be read: ${(e as Error).message}` },
      ],
    };
  }
  for (const folder of folders) {
    const result = await loadIntegration(join(dir, folder), env, previous?.get(folder));
    problems.push(...result.problems);
    allFiles.push(...result.files);
    const kept = result.problems.length > 0 ? previous?.get(folder) : undefined;
    if (result.integration) integrations.set(result.integration.config.name, result.integration);
    else if (kept) integrations.set(folder, kept);
  }
  return { integrations, files: allFiles, problems };
}

async function loadIntegration(
  folder: string,
  env: Readonly<Record<string, string | undefined>>,
  previous: LoadedIntegration | undefined,
): Promise<{ integration?: LoadedIntegration; files: JsonFile[]; problems: ConfigProblem[] }> {
  const integrationPath = join(folder, "integration.json");
  const resourcePaths = (
    await Promise.all(RESOURCE_FOLDERS.map((sub) => listJsonFiles(join(folder, sub))))
  ).flat();
  const read = await readJsonFiles([integrationPath, ...resourcePaths]);
  const { problems } = read;
  // Curated files first, then generated ones, each folder sorted: the order is the same on every
  // machine, and a clash is always reported against the generated (later) file.
  const order = new Map(resourcePaths.map((p, i) => [p, i]));
  const files = read.files.sort((a, b) => (order.get(a.path) ?? -1) - (order.get(b.path) ?? -1));
  const integrationFile = files.find((f) => f.path === integrationPath);
  if (!integrationFile) {
    const file = displayPath(integrationPath);
    if (!problems.some((p) => p.file === file))
      problems.push({
        file,
        pointer: "",
        message: "is missing: every integration folder needs one",
      });
    return { files, problems };
  }

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

  const hosts = loadHosts(config, integrationFile.file, env);
  problems.push(...hosts.problems);
  const resourceFiles = files.filter((f) => f !== integrationFile);
  const compiled = compileResources(config, resourceFiles, {
    integrationText: integrationFile.text,
    previous: previous?.compiledFiles,
  });
  problems.push(...compiled.problems);
  const tools = compiled.tools;
  // Checked once every file compiles: a broken file would make every tool it holds unknown.
  if (problems.length === 0)
    problems.push(
      ...referenceProblems(compiled.described, new Set(tools.keys())),
      ...documentProblems(integrationFile.file, config, tools),
    );
  if (problems.length > 0 || !errorFormat.message) return { files, problems };
  return {
    files,
    problems,
    integration: {
      file: integrationFile.file,
      config,
      tools,
      hosts: hosts.hosts,
      errorFormat: errorFormat as LoadedIntegration["errorFormat"],
      compiledFiles: compiled.cache,
    },
  };
}

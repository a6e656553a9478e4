import type { ConfigProblem } from "../errors.js";
import { toolReferenceProblems } from "../interpreter/tool-references.js";
import { escapePointer } from "./ajv.js";
import type { ResolvedMethod } from "./expand-definitions.js";

/** A compiled method and where it is, for problems about its descriptions. */
export interface DescribedMethod {
  file: string;
  pointer: string;
  method: ResolvedMethod;
}

/**
 * Tool references in method and parameter descriptions must be declared ({{tool:NAME|…}}) and
 * name tools of the integration: a server renders them for what it shows.
 */
export function referenceProblems(
  described: DescribedMethod[],
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

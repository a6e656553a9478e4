import type { ConfigProblem } from "../errors.js";
import { escapePointer } from "./ajv.js";
import type { Method, Parameter, ResourceFile, ValueSchema } from "./types/resource.js";

/** A parameter after `use` is expanded: where it goes, what it means, what it accepts. */
export type ResolvedParameter = Omit<Parameter, "use" | "in" | "description" | "schema"> &
  Required<Pick<Parameter, "in" | "description" | "schema">>;

/** A method whose parameters are all complete (shared definitions expanded). */
export type ResolvedMethod = Omit<Method, "parameters"> & {
  parameters: Record<string, ResolvedParameter>;
};

/**
 * Expands every `{"use": "<definition>"}` parameter of a resource file into the definition it
 * names, with the fields written beside `use` replacing the definition's (schema keywords merged
 * one by one). The file's structure has been validated; this is the second pass: unknown names,
 * definitions that use others, and overrides that change the schema's type are problems.
 */
export function expandDefinitions(
  resource: ResourceFile,
  file: string,
): { methods: Record<string, ResolvedMethod> } | { problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const definitions = resource.definitions ?? {};
  for (const [name, definition] of Object.entries(definitions)) {
    if (definition.use !== undefined) {
      problems.push({
        file,
        pointer: `/definitions/${name}/use`,
        message: "is not allowed in a definition: write the definition out in full",
      });
      continue;
    }
    for (const field of ["in", "description", "schema"] as const)
      if (definition[field] === undefined)
        problems.push({
          file,
          pointer: `/definitions/${name}`,
          message: `must have property "${field}"`,
        });
  }
  const methods: Record<string, ResolvedMethod> = {};
  for (const [key, method] of Object.entries(resource.methods)) {
    const parameters: Record<string, ResolvedParameter> = {};
    for (const [arg, param] of Object.entries(method.parameters)) {
      const pointer = `/methods/${escapePointer(key)}/parameters/${arg}`;
      if (param.use === undefined) {
        parameters[arg] = param as ResolvedParameter;
        continue;
      }
      const definition = definitions[param.use];
      if (!definition) {
        const known = Object.keys(definitions);
        problems.push({
          file,
          pointer: `${pointer}/use`,
          message: `names no definition of this file: ${known.length > 0 ? `known are ${known.join(", ")}` : "add it under the top-level definitions"}`,
        });
        continue;
      }
      const { use: _use, schema: schemaOverride, ...overrides } = param;
      if (schemaOverride && definition.schema && schemaOverride.type !== definition.schema.type) {
        problems.push({
          file,
          pointer: `${pointer}/schema/type`,
          message: `must be ${definition.schema.type}, the type of definition ${param.use} (only keywords such as maxItems may be overridden)`,
        });
        continue;
      }
      const schema: ValueSchema | undefined = definition.schema && {
        ...definition.schema,
        ...schemaOverride,
      };
      parameters[arg] = { ...definition, ...overrides, schema } as ResolvedParameter;
    }
    methods[key] = { ...method, parameters };
  }
  return problems.length > 0 ? { problems } : { methods };
}

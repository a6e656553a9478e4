import type { CompiledTool } from "./compiled-tool.js";
import { FROM_EMAIL_ARGUMENT, type ToolInputSchema } from "./input-schema.js";
import { discoveryToolNames } from "./tool-name.js";
import { renderToolReferences, type ReachTool } from "./tool-references.js";

/** Servers set to auto list every tool up to this many, and switch to discovery above it. */
export const AUTO_DISCOVERY_ABOVE = 40;

/** How a server presents its tools: all listed, or core tools plus the discovery tools. */
export type ToolExposure = "all" | "discovery";

/** Resolves a server's tool_exposure setting (default auto) for the number of tools it exposes. */
export function resolveExposure(
  setting: "auto" | "all" | "discovery" | undefined,
  toolCount: number,
): ToolExposure {
  if (setting === "all" || setting === "discovery") return setting;
  return toolCount > AUTO_DISCOVERY_ABOVE ? "discovery" : "all";
}

/** Is a tool a read (changes nothing upstream)? Its read-only hint says so. */
export function isReadTool(tool: CompiledTool): boolean {
  return tool.definition.annotations?.readOnlyHint === true;
}

/** What shapes one server's view of its tools. */
export interface ServerToolOptions {
  exposure: ToolExposure;
  /** The integration's tool name infix (tool_prefix), for the discovery tools' names. */
  infix: string;
  /** The account's default From email; without one, tools that need a From require from_email. */
  defaultFromEmail?: string;
}

/**
 * The tools of one server as it presents them: every {{tool:…}} reference rendered for what this
 * server shows (the tool's name, the discovery route to it, or the words for a hidden tool), and
 * from_email required in the schema when the account has no default From. Tools needing no
 * change are shared with the integration, so this costs little per server.
 */
export function renderServerTools(
  tools: CompiledTool[],
  options: ServerToolOptions,
): CompiledTool[] {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const names = discoveryToolNames(options.infix);
  const reach: ReachTool = (name) => {
    const tool = byName.get(name);
    if (!tool) return undefined;
    if (options.exposure === "all" || tool.core) return name;
    return `${name} via ${isReadTool(tool) ? names.callRead : names.callWrite}`;
  };
  const needsFrom = !options.defaultFromEmail;
  return tools.map((tool) => {
    const fromRequired = needsFrom && tool.fromHeader === "required";
    if (tool.references.length === 0 && !fromRequired) return tool;
    const schema = tool.definition.inputSchema as ToolInputSchema;
    const properties: ToolInputSchema["properties"] = {};
    for (const [arg, property] of Object.entries(schema.properties))
      properties[arg] = {
        ...property,
        description: renderToolReferences(property.description, reach),
      };
    const inputSchema: ToolInputSchema = { ...schema, properties };
    if (fromRequired) {
      inputSchema.required = [...(schema.required ?? []), FROM_EMAIL_ARGUMENT];
      properties[FROM_EMAIL_ARGUMENT] = {
        ...properties[FROM_EMAIL_ARGUMENT],
        description:
          "Email of the PagerDuty user acting (From header). Required: this server's account has no default user.",
      };
    }
    const description = renderToolReferences(tool.definition.description ?? "", reach);
    return { ...tool, definition: { ...tool.definition, description, inputSchema } };
  });
}

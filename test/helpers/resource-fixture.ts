import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expandDefinitions } from "../../src/config/expand-definitions.js";
import { loadHosts } from "../../src/config/load-hosts.js";
import type { LoadedIntegration } from "../../src/config/snapshot.js";
import type { IntegrationFile } from "../../src/config/types/integration.js";
import type { Method, ResourceFile } from "../../src/config/types/resource.js";
import type { CompiledTool } from "../../src/interpreter/compiled-tool.js";
import { callTool } from "../../src/interpreter/call-tool.js";
import { compileExpression } from "../../src/interpreter/compile-expression.js";
import { compileTool } from "../../src/interpreter/compile-tool.js";
import { formatProblem } from "../../src/errors.js";
import { SHIPPED_INTEGRATIONS } from "./config-dir.js";
import { stubUpstream, type Answers } from "./stub-upstream.js";

/** The shipped PagerDuty integration.json. */
export const shippedIntegration = (): IntegrationFile =>
  JSON.parse(readFileSync(join(SHIPPED_INTEGRATIONS, "pagerduty/integration.json"), "utf8"));

/** A known-good method (GET /widgets) that a test changes one field of. */
export function widgetMethod(overrides: Partial<Method> = {}): Method {
  return {
    type: "method",
    http: { method: "GET", path: "/widgets" },
    description: "List widgets for the test, whole.",
    parameters: {},
    response: { mapping: "widgets" },
    examples: [{ title: "all", arguments: {} }],
    ...overrides,
  };
}

/** A resource file holding the given methods (key -> method). */
export function widgetResource(
  methods: Record<string, Method>,
  extra: Partial<ResourceFile> = {},
): ResourceFile {
  return {
    type: "resource",
    version: 1,
    name: "widget",
    plural: "widgets",
    title: "Widgets",
    tags: ["widgets"],
    methods,
    ...extra,
  } as ResourceFile;
}

/**
 * Compiles one method of an in-memory resource with the shipped integration (or the one given),
 * as the loader does after its structural pass; throws with every problem otherwise.
 */
export function compileWidget(
  method: Method,
  key = "list",
  options: { integration?: IntegrationFile; resource?: Partial<ResourceFile> } = {},
): CompiledTool {
  const resource = widgetResource({ [key]: method }, options.resource);
  const expanded = expandDefinitions(resource, "widgets.json");
  if ("problems" in expanded) throw new Error(expanded.problems.map(formatProblem).join("\n"));
  const compiled = compileTool(
    options.integration ?? shippedIntegration(),
    resource,
    key,
    expanded.methods[key],
    { file: "widgets.json", pointer: `/methods/${key}` },
  );
  if ("problems" in compiled) throw new Error(compiled.problems.map(formatProblem).join("\n"));
  return compiled.tool;
}

/**
 * Calls a compiled tool against a stub upstream that answers from `answers`, as the default
 * account of the shipped integration; returns the tool result and the requests sent.
 */
export async function callWidget(
  tool: CompiledTool,
  args: Record<string, unknown>,
  answers: Answers = [],
) {
  const config = shippedIntegration();
  const upstream = stubUpstream(answers);
  const message = compileExpression(config.error.message);
  if ("problem" in message) throw new Error(message.problem);
  const integration: LoadedIntegration = {
    file: "integration.json",
    config,
    tools: new Map([[tool.name, tool]]),
    hosts: loadHosts(config, "integration.json", {}).hosts,
    errorFormat: { message: message.expression },
  };
  const outcome = await callTool(tool, args, {
    account: { name: "default", baseUrl: "http://127.0.0.1:9" },
    integration,
    http: upstream.http,
    credentials: { header: async () => ["Authorization", "Token token=t"] },
  });
  return { result: outcome.result, requests: upstream.requests };
}

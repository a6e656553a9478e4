import { toolName } from "../interpreter/tool-name.js";
import { buildMethod, type Feature } from "./build-method.js";
import { claimOf, readClaims, type ClaimedMethod } from "./curated-claims.js";
import { OPTIONAL_FEATURES } from "./format-support.js";
import { tagsFor } from "./method-behaviour.js";
import { listOperations, type Json, type SpecOperation } from "./openapi-document.js";
import { planOperation, type PlannedMethod } from "./resource-plan.js";
import { envelopeOf, successResponse } from "./response-shape.js";
import { createShapeResolver } from "./schema-resolve.js";
import { correctSpec } from "./spec-corrections.js";
import { capitalize, humanize } from "./words.js";

/** Where an operation of the description ended up. */
export interface OperationOutcome {
  op: SpecOperation;
  status: "curated" | "generated" | "excluded";
  tool?: string;
  /** The file that holds its method (relative to the integration folder). */
  file?: string;
  reason?: string;
}

/** What one generator run produces. */
export interface GeneratorResult {
  /** File name (in generated/) -> resource document, in a stable order. */
  files: Map<string, Record<string, unknown>>;
  outcomes: OperationOutcome[];
}

/** Inputs of a run. */
export interface GeneratorInput {
  spec: Json;
  /** integrations/pagerduty */
  integrationDir: string;
  /** Tool name infix of the integration (tool_prefix). */
  infix: string;
  /** Whether the resource format offers a feature. */
  supports: (feature: Feature) => boolean;
}

const SCHEMA_REF = "../../../src/config/schemas/resource.schema.json";

/**
 * Drafts resource files for every operation no curated file claims: plans names, builds each
 * method, drops what the format cannot express (with the reason), and groups methods per
 * resource. Pure apart from reading the curated files; the same inputs give the same output.
 */
export function generateResources(input: GeneratorInput): GeneratorResult {
  const { supports } = input;
  const spec = correctSpec(input.spec);
  const resolveShape = createShapeResolver(spec);
  const curated = readClaims(input.integrationDir, "resources", input.infix);
  const outcomes: OperationOutcome[] = [];
  const plans: PlannedMethod[] = [];
  for (const op of listOperations(spec)) {
    const claim = claimOf(op, curated);
    if (claim) {
      outcomes.push({ op, status: "curated", tool: claim.tool, file: claim.file });
      continue;
    }
    const answersList = envelopeOf(successResponse(op, resolveShape)?.schema).isList;
    plans.push(planOperation(op, answersList));
  }

  const toolOf = (p: PlannedMethod) => p.toolName ?? toolName(input.infix, p, p.key);
  const build = (plan: PlannedMethod, finder: (path: string) => string | undefined) => {
    const built = buildMethod(plan, resolveShape, finder);
    if ("excluded" in built) return { excluded: built.excluded };
    const missing = [...built.needs].filter((f) => !supports(f) && !OPTIONAL_FEATURES.has(f));
    if (missing.length > 0) return { excluded: `the resource format lacks ${missing.join(", ")}` };
    return built;
  };
  // Descriptions refer to list tools ({{tool:…}} references): only to ones that will exist.
  const listTools = new Map<string, string>();
  for (const c of curated) if (c.key === "list") listTools.set(c.path, c.tool);
  for (const p of plans)
    if (p.key === "list" && !listTools.has(p.op.path) && !("excluded" in build(p, () => undefined)))
      listTools.set(p.op.path, toolOf(p));
  const listToolFor = (path: string) => listTools.get(path);

  checkUnique(plans, curated, toolOf);

  const files = new Map<string, Record<string, unknown>>();
  for (const plan of plans) {
    const tool = toolOf(plan);
    const built = build(plan, listToolFor);
    if ("excluded" in built) {
      outcomes.push({ op: plan.op, status: "excluded", tool, reason: built.excluded });
      continue;
    }
    const doc = withoutUnsupported(built.doc, supports);
    const fileName = `${plan.plural}.json`;
    let file = files.get(fileName);
    if (!file) {
      file = {
        $schema: SCHEMA_REF,
        type: "resource",
        version: 1,
        name: plan.name,
        plural: plan.plural,
        title: capitalize(humanize(plan.plural)),
        description: `${capitalize(humanize(plan.plural))}, drafted by npm run generate:resources from PagerDuty's OpenAPI description. Do not edit: to curate a method, move it to resources/ keeping its operation_id.`,
        tags: [] as string[],
        methods: {} as Record<string, unknown>,
      };
      files.set(fileName, file);
    }
    const tags = file.tags as string[];
    for (const t of tagsFor(plan.op)) if (!tags.includes(t)) tags.push(t);
    (file.methods as Record<string, unknown>)[plan.key] = doc;
    outcomes.push({ op: plan.op, status: "generated", tool, file: `generated/${fileName}` });
  }
  for (const file of files.values()) {
    if ((file.tags as string[]).length === 0) file.tags = ["misc"];
  }
  const order = new Map(listOperations(spec).map((op, i) => [op.operationId, i]));
  outcomes.sort((a, b) => order.get(a.op.operationId)! - order.get(b.op.operationId)!);
  return { files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))), outcomes };
}

/** Two operations may not share a tool name or a method key of one file; a clash is a bug here. */
function checkUnique(
  plans: PlannedMethod[],
  curated: ClaimedMethod[],
  toolOf: (p: PlannedMethod) => string,
): void {
  const tools = new Map(curated.map((c) => [c.tool, `${c.file} (${c.key})`]));
  const keys = new Set<string>();
  const problems: string[] = [];
  for (const p of plans) {
    const tool = toolOf(p);
    const earlier = tools.get(tool);
    if (earlier)
      problems.push(`${p.op.operationId} makes tool ${tool}, already made by ${earlier}`);
    tools.set(tool, p.op.operationId);
    if (tool.length > 64)
      problems.push(`${p.op.operationId} makes tool ${tool} (${tool.length} > 64 characters)`);
    const key = `${p.plural}.${p.key}`;
    if (keys.has(key)) problems.push(`${p.op.operationId} is the second ${p.key} of ${p.plural}`);
    keys.add(key);
  }
  if (problems.length > 0)
    throw new Error(
      `the naming rule gives clashing names; add entries to src/generator/naming-overrides.ts:\n${problems.join("\n")}`,
    );
}

/** Drops the optional features the format lacks (operation_id, kind, nullable). */
function withoutUnsupported(
  doc: Record<string, unknown>,
  supports: (f: Feature) => boolean,
): Record<string, unknown> {
  const out = { ...doc };
  if (!supports("operation_id")) delete out.operation_id;
  if (!supports("kind")) delete out.kind;
  if (!supports("nullable")) {
    const strip = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(strip);
      if (!v || typeof v !== "object") return v;
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k !== "nullable")
          .map(([k, x]) => [k, strip(x)]),
      );
    };
    out.parameters = strip(out.parameters);
  }
  return out;
}

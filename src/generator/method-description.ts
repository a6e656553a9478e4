import type { ParameterDoc } from "./parameters.js";
import type { PlannedMethod } from "./resource-plan.js";
import { article, capitalize, humanize, singular } from "./words.js";

/** Facts a description is built from. */
export interface DescriptionFacts {
  plan: PlannedMethod;
  parameters: Record<string, ParameterDoc>;
  paginated: boolean;
  fromHeader?: "required" | "optional";
  /** Body fields no argument carries. */
  dropped: string[];
  /** The list tool of the resource, to point get/update/delete at where IDs come from. */
  listTool?: string;
}

/**
 * The tool description, from our templates: what it does to which resource (and of which
 * parent), its filters or required fields, paging, the acting user, deprecation, and the API
 * operation it calls. Never the description's prose.
 */
export function describeMethod(f: DescriptionFacts): string {
  const { plan } = f;
  const thing = humanize(plan.name);
  const things = humanize(plan.plural);
  const parent = parentOf(plan.op.path);
  const ofParent = parent ? ` of one ${parent}` : "";
  const args = Object.entries(f.parameters);
  const filters = args.filter(([, p]) => p.in === "query").map(([n]) => n);
  const required = args.filter(([, p]) => p.required && p.in === "body").map(([n]) => n);
  const singleton = !plan.op.path.endsWith("}");
  const sentences: string[] = [];
  switch (plan.key) {
    case "list":
      sentences.push(`List the ${things}${ofParent}.`);
      if (filters.length > 0) sentences.push(`Narrow it with ${filters.join(", ")}.`);
      if (f.paginated)
        sentences.push(
          "Long lists come in pages: pass next_cursor back as cursor for the next one.",
        );
      break;
    case "get":
      sentences.push(
        singleton
          ? `Get the ${thing}${ofParent}.`
          : `Get one ${thing} by ID${parent ? ` (of one ${parent})` : ""}.`,
      );
      break;
    case "create":
      sentences.push(`Create ${article(thing)} ${thing}${parent ? ` on one ${parent}` : ""}.`);
      break;
    case "update":
      sentences.push(
        singleton
          ? `Change the ${thing}${ofParent}: send the fields to set.`
          : `Change one ${thing} by ID: send the fields to set.`,
      );
      break;
    case "delete":
      sentences.push(
        singleton
          ? `Remove the ${thing}${ofParent}. This cannot be undone.`
          : `Delete one ${thing} by ID. This cannot be undone.`,
      );
      break;
    default: {
      const verb = humanize(plan.key);
      sentences.push(
        verb.includes(" ")
          ? `${capitalize(verb)} of ${article(thing)} ${thing}.`
          : `${capitalize(verb)} ${article(thing)} ${thing}.`,
      );
    }
  }
  if (required.length > 0) sentences.push(`Required: ${required.join(", ")}.`);
  if (f.listTool && ["get", "update", "delete"].includes(plan.key) && !singleton)
    // A declared reference: each server renders it only when it shows the list tool.
    sentences[sentences.length - 1] += `{{tool:${f.listTool}| Find IDs with {}.}}`;
  if (f.fromHeader)
    sentences.push("Acts as the PagerDuty user given by from_email (default: the account's).");
  if (f.dropped.length > 0)
    sentences.push(`Not settable with this tool: ${f.dropped.join(", ")} (free-form objects).`);
  sentences.push(`PagerDuty API: ${plan.op.method} ${plan.op.path}.`);
  return sentences.join(" ");
}

/** The resource a path's first `{id}` belongs to, when the operation is on something under it. */
function parentOf(path: string): string | undefined {
  const segments = path.split("/").filter(Boolean);
  const first = segments.findIndex((s) => s.startsWith("{"));
  if (first <= 0 || first === segments.length - 1) return undefined;
  return humanize(singular(segments[first - 1]));
}

/** The tool title: "List user contact methods", "Get a user contact method", "Snooze an incident". */
export function titleOf(plan: PlannedMethod): string {
  const thing = humanize(plan.name);
  switch (plan.key) {
    case "list":
      return `List ${humanize(plan.plural)}`;
    case "get":
    case "create":
    case "update":
    case "delete":
      return `${capitalize(plan.key)} ${article(thing)} ${thing}`;
    default:
      return `${capitalize(humanize(plan.key))} ${article(thing)} ${thing}`;
  }
}

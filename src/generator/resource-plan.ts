import type { SpecOperation } from "./openapi-document.js";
import { NAMING_OVERRIDES, PATH_STEMS } from "./naming-overrides.js";
import { joinWords, plural, singular } from "./words.js";

/** Where one operation goes: which resource file, which method key, which tool name. */
export interface PlannedMethod {
  op: SpecOperation;
  /** Singular and plural resource names (the file is generated/<plural>.json). */
  name: string;
  plural: string;
  key: string;
  /** Explicit tool name, when the naming rule cannot make a clear, unique one. */
  toolName?: string;
}

/**
 * Last path segments that are an action on what precedes them rather than a sub-collection:
 * POST /incidents/{id}/snooze is "snooze an incident", not "create an incident snooze".
 */
const ACTIONS: Record<string, string> = {
  snooze: "snooze",
  merge: "merge",
  enable: "enable",
  ping: "ping",
  render: "render",
  cancel: "cancel",
  convert: "convert",
  test: "test",
  migration: "migrate",
  unsubscribe: "unsubscribe",
  associate: "associate",
  disassociate: "disassociate",
  dismiss: "dismiss",
  accept: "accept",
  preview: "preview",
  regenerate_private_url_key: "regenerate_private_url_key",
};

const isParam = (segment: string) => segment.startsWith("{");

/**
 * Names an operation by the seed's rule. A GET of a collection that answers a list is `list`,
 * POST to a collection `create`, GET/PUT/DELETE of `.../{id}` `get`/`update`/`delete`, and a last
 * segment that is a verb (snooze, merge, enable…) a custom method of what precedes it. A singleton
 * (a path ending in a name that answers one object) takes get/update/delete too; without any path
 * parameter its tool is named `<verb>_pager_duty_<name>`, since "by id" would be false.
 */
export function planOperation(op: SpecOperation, answersList: boolean): PlannedMethod {
  const override = NAMING_OVERRIDES[op.operationId];
  if (override)
    return {
      op,
      name: override.name,
      plural: override.plural ?? plural(override.name),
      key: override.key,
      toolName: override.toolName,
    };

  const segments = op.path.split("/").filter(Boolean);
  const endsWithParam = isParam(segments[segments.length - 1]);
  // A known prefix becomes one stem word; the segments after it are named by the rule.
  const stem = PATH_STEMS.find(([prefix]) => `${op.path}/`.startsWith(`${prefix}/`));
  const rest = stem ? op.path.slice(stem[0].length).split("/").filter(Boolean) : segments;
  let words = rest.filter((s) => !isParam(s));
  let key: string;
  const last = words[words.length - 1];
  if (!endsWithParam && last && ACTIONS[last] && (words.length > 1 || stem)) {
    key = ACTIONS[last];
    words = words.slice(0, -1);
  } else if (endsWithParam) {
    key = { GET: "get", PUT: "update", PATCH: "update", DELETE: "delete", POST: "create" }[
      op.method
    ];
  } else {
    key = {
      GET: answersList ? "list" : "get",
      POST: "create",
      PUT: "update",
      PATCH: "update",
      DELETE: "delete",
    }[op.method];
  }
  const parts = [...(stem ? [stem[1]] : []), ...words];
  const name = joinWords(parts.map(singular));
  const tail = words.length > 0 ? words[words.length - 1] : undefined;
  const isSingleton = !endsWithParam && ["get", "update", "delete"].includes(key);
  const toolName =
    isSingleton && !segments.some(isParam)
      ? `${key}_pager_duty_${joinWords([...parts.slice(0, -1).map(singular), tail ?? parts[0]])}`
      : undefined;
  return { op, name, plural: plural(name), key, toolName };
}

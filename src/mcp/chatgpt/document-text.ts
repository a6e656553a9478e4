/** Reads a dotted path (service.name) from a mapped object. */
export function pick(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split(".")) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && Object.keys(value).length === 0)
  );
}

/**
 * A mapped PagerDuty object as plain text for a model to read: one `key: value` line per field,
 * nested objects indented, lists of objects as `- ` items; empty fields left out.
 */
export function objectText(value: unknown, indent = ""): string[] {
  if (typeof value !== "object" || value === null) return [`${indent}${String(value)}`];
  const lines: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    if (isEmpty(field)) continue;
    if (Array.isArray(field)) {
      if (field.every((f) => typeof f !== "object" || f === null)) {
        lines.push(`${indent}${key}: ${field.join(", ")}`);
        continue;
      }
      lines.push(`${indent}${key}:`);
      for (const item of field) lines.push(...listItem(item, `${indent}  `));
    } else if (typeof field === "object") {
      lines.push(`${indent}${key}:`, ...objectText(field, `${indent}  `));
    } else {
      lines.push(`${indent}${key}: ${String(field)}`);
    }
  }
  return lines;
}

/** One list item: its first line marked with "- ", the rest aligned under it. */
export function listItem(item: unknown, indent: string): string[] {
  const lines = objectText(item, `${indent}  `);
  if (lines.length === 0) return [];
  lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
  return lines;
}

/** Keeps only some dotted fields of an object (all when `fields` is absent). */
export function onlyFields(item: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields) return item;
  const kept: Record<string, unknown> = {};
  for (const f of fields) kept[f] = pick(item, f);
  return kept;
}

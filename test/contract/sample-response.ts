import type { Shape } from "../../src/generator/schema-resolve.js";

/**
 * A body that fits a response schema: every declared property present (to a depth), one item per
 * array, the first enum value, format-shaped strings. It stands for PagerDuty's answer when the
 * description gives no example.
 */
export function sampleOf(shape: Shape, depth = 0): unknown {
  if (depth > 8) return null;
  if (Array.isArray(shape.enum) && shape.enum.length > 0) return shape.enum[0];
  switch (shape.type ?? (shape.properties ? "object" : undefined)) {
    case "object":
      return Object.fromEntries(
        Object.entries(shape.properties ?? {}).map(([k, v]) => [k, sampleOf(v, depth + 1)]),
      );
    case "array":
      return [sampleOf(shape.items ?? {}, depth + 1)];
    case "string":
      return shape.format === "date-time" ? "2026-01-15T09:00:00Z" : "PABC123";
    case "integer":
    case "number":
      return typeof shape.minimum === "number" ? shape.minimum : 1;
    case "boolean":
      return true;
    default:
      return "value";
  }
}

import type { Feature } from "./build-method.js";
import type { Json } from "./openapi-document.js";

/**
 * Which optional features the resource format (resource.schema.json) offers. The generator only
 * writes what the format can express: a method needing a missing feature is excluded with that
 * reason (or, for the harmless ones, written without it), so generated files always validate.
 */
export function formatSupport(resourceSchema: Json): (feature: Feature) => boolean {
  const defs = (resourceSchema.definitions ?? {}) as Json;
  const method = (defs.method?.properties ?? {}) as Json;
  const http = (method.http?.properties ?? {}) as Json;
  const valueSchema = (defs.value_schema?.properties ?? {}) as Json;
  const styles = (defs.parameter?.properties?.style?.enum ?? []) as string[];
  const pagingTypes = new Set(
    Object.values(defs)
      .map((d) => (d as Json)?.properties?.type?.const)
      .filter((c) => typeof c === "string"),
  );
  const declared = Object.values(defs).some((d) => (d as Json)?.properties?.declared);
  return (feature) => {
    if (feature.startsWith("pagination:")) return pagingTypes.has(feature.slice(11));
    switch (feature) {
      case "operation_id":
      case "tool_name":
      case "kind":
      case "deprecated":
        return feature in method;
      case "headers":
      case "content_type":
        return feature in http;
      case "nested":
        return "properties" in valueSchema;
      case "nullable":
        return "nullable" in valueSchema;
      case "repeat_style":
        return styles.includes("repeat");
      case "undeclared_paging":
        return declared;
      default:
        return false;
    }
  };
}

/** Features whose absence only makes a method plainer; the method is written without them. */
export const OPTIONAL_FEATURES: ReadonlySet<Feature> = new Set<Feature>([
  "operation_id",
  "kind",
  "nullable",
]);

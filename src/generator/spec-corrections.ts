import type { Json } from "./openapi-document.js";

/**
 * Where PagerDuty's description contradicts the requests PagerDuty documents (the operation's own
 * request examples), the documented request wins. Each correction is applied to a copy, says why,
 * and is as narrow as it can be. The generator drafts from the corrected description and the
 * contract test checks against it, so a tool and its check read the same facts.
 */
export function correctSpec(spec: Json): Json {
  const copy = structuredClone(spec) as Json;
  customFieldValues(copy);
  return copy;
}

/**
 * Custom field values (PUT /incidents/{id}/custom_fields/values, PUT /services/{id}/custom_fields/
 * values): oneOf "by field name" and "by field id"; the incident one requires neither key, so
 * every object matches both variants and none matches "exactly one"; and in both `value` is a
 * oneOf of objects {value: …} while the operations' examples send the value itself
 * ({"name": "environment", "value": "production"}). Corrected: each variant requires its key and
 * value; value is the union of the wrapped values.
 */
function customFieldValues(spec: Json): void {
  const schemas = spec.components?.schemas ?? {};
  const wrapped = schemas.CustomFieldsFieldValue?.properties?.value?.oneOf;
  if (!Array.isArray(wrapped)) return;
  const values = wrapped.flatMap((w: Json) => {
    const inner = w?.properties?.value;
    return Array.isArray(inner?.oneOf) ? inner.oneOf : inner ? [inner] : [];
  });
  const variants = [
    "CustomFieldsEditableFieldValue",
    "ServiceCustomFieldsFieldValueUpdateModel",
  ].flatMap((name) => (Array.isArray(schemas[name]?.oneOf) ? schemas[name].oneOf : []));
  for (const variant of variants as Json[]) {
    const key = variant.properties?.name ? "name" : "id";
    variant.properties.value = { anyOf: values };
    variant.required = [key, "value"];
  }
}

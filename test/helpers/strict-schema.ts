type Schema = Record<string, unknown>;

/**
 * OpenAI's strict function-calling conversion, as the Agents SDK applies it to MCP tools
 * (`convertSchemasToStrict`): every object gets additionalProperties: false and all its properties
 * required; an object that allows additional properties cannot be converted. With `fillable`, an
 * object with no declared properties is refused too: strict mode would turn it into "{}" only, an
 * argument the model could never fill. Returns the converted copy, or throws naming the path.
 */
export function toStrictSchema(
  schema: Schema,
  options: { fillable?: boolean } = {},
  path = "$",
): Schema {
  const out: Schema = { ...schema };
  for (const keyword of ["$ref", "oneOf", "anyOf", "allOf", "not", "if"])
    if (keyword in out) throw new Error(`${path}: ${keyword} is not allowed in a tool schema`);
  if (out.type === "object") {
    if (out.additionalProperties !== undefined && out.additionalProperties !== false)
      throw new Error(`${path}: additionalProperties must be false in strict mode`);
    const properties = (out.properties ?? {}) as Record<string, Schema>;
    if (options.fillable && Object.keys(properties).length === 0 && path !== "$")
      throw new Error(
        `${path}: an object without declared properties cannot be filled in strict mode`,
      );
    out.additionalProperties = false;
    out.required = Object.keys(properties);
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k, toStrictSchema(v, options, `${path}.${k}`)]),
    );
  }
  if (out.items && typeof out.items === "object")
    out.items = toStrictSchema(out.items as Schema, options, `${path}[]`);
  return out;
}

import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { RequestPlan } from "../../src/interpreter/build-request.js";
import { createResolver } from "../../src/generator/openapi-document.js";
import { correctSpec } from "../../src/generator/spec-corrections.js";
import { forRequests } from "./request-schemas.js";

type Json = Record<string, any>;

/**
 * Where the description contradicts itself, the request PagerDuty documents wins. Each patch is
 * in memory only and says why; a new one should be as narrow.
 */
export function patchKnownDefects(description: Json): Json {
  // The corrections the generator drafts from (src/generator/spec-corrections.ts), then the
  // checker's own.
  const spec = correctSpec(description);
  // GET /change_events: since/until carry "pattern": "YYYY-MM-DDThh:mm:ssZ", a format written as a
  // regular expression that only the literal text matches. The rule it means (UTC, else 400) is
  // checked instead: "format": "date-time" plus a trailing Z.
  for (const p of spec.paths["/change_events"].get.parameters) {
    const param = p.$ref ? spec.components.parameters[p.$ref.split("/").pop()] : p;
    if (param.schema?.pattern === "YYYY-MM-DDThh:mm:ssZ") param.schema.pattern = "Z$";
  }
  // IncidentBody.details is typed object, but the operation's own request example (and
  // PagerDuty's documentation) send a string of text.
  spec.components.schemas.IncidentBody.properties.details.type = ["object", "string"];
  // PUT /automation_actions/runners/{id}: runner is oneOf a sidecar body ({name}) and a runbook
  // body ({name, runbook_base_uri, runbook_api_key}), neither closed, so every body matches both
  // and none "exactly one". Either shape is what PagerDuty accepts: anyOf.
  const runner =
    spec.paths["/automation_actions/runners/{id}"].put.requestBody.content["application/json"]
      .schema.properties.runner;
  runner.anyOf = runner.oneOf;
  delete runner.oneOf;
  return spec;
}

/**
 * Checks planned upstream requests against the operations of PagerDuty's OpenAPI description:
 * the operation exists, every query key is declared and its values fit the parameter's schema,
 * required parameters are present, From is sent exactly when declared, and the JSON body
 * validates against the request body schema.
 */
export function createChecker(description: Json) {
  const spec = forRequests(description);
  // Query values travel as text, so they are coerced ("true" is a boolean); a JSON body is not.
  const queryAjv = createSpecAjv(spec, true);
  const bodyAjv = createSpecAjv(spec, false);
  const bodyValidators = new Map<string, ValidateFunction>();
  const valueValidators = new Map<string, ValidateFunction>();

  const deref = createResolver(spec);
  const pointer = (...segments: string[]) =>
    segments.map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

  return (pathTemplate: string, plan: RequestPlan): string[] => {
    const problems: string[] = [];
    const method = plan.method.toLowerCase();
    const operation = spec.paths?.[pathTemplate]?.[method] as Json | undefined;
    if (!operation)
      return [`${plan.method} ${pathTemplate} is not an operation of PagerDuty's API`];
    const parameters: Json[] = [
      ...(spec.paths[pathTemplate].parameters ?? []),
      ...(operation.parameters ?? []),
    ].map(deref);

    // Path: the plan's path must be the template with every placeholder filled.
    const pathPattern = new RegExp(`^${pathTemplate.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (!pathPattern.test(plan.path))
      problems.push(`path ${plan.path} does not fit ${pathTemplate}`);

    // Query: declared keys, values of the right shape, required ones present.
    const sent = new Map<string, string[]>();
    for (const [key, value] of plan.query) sent.set(key, [...(sent.get(key) ?? []), value]);
    for (const [key, values] of sent) {
      const param = parameters.find(
        (p) => p.in === "query" && (p.name === key || `${p.name}[]` === key),
      );
      if (!param) {
        problems.push(`query parameter ${key} is not declared by ${plan.method} ${pathTemplate}`);
        continue;
      }
      const schema = deref(param.schema ?? {});
      const itemSchema = schema.type === "array" ? deref(schema.items ?? {}) : schema;
      // Coercion only applies inside an object, so each value is checked as { v: value }.
      const cacheKey = `${method} ${pathTemplate} ${param.name}`;
      let check = valueValidators.get(cacheKey);
      if (!check) {
        check = queryAjv.compile({ type: "object", properties: { v: itemSchema } });
        valueValidators.set(cacheKey, check);
      }
      for (const v of key.endsWith("[]") || schema.type === "array" ? values : [values.join(",")]) {
        if (!check({ v }))
          problems.push(`query ${key}=${v} does not fit its schema ${JSON.stringify(itemSchema)}`);
      }
      if (!key.endsWith("[]") && values.length > 1)
        problems.push(`query ${key} is repeated but is not an array parameter`);
    }
    for (const p of parameters.filter((p) => p.required && p.in === "query")) {
      if (!sent.has(p.name) && !sent.has(`${p.name}[]`))
        problems.push(`required query parameter ${p.name} is missing`);
    }

    // Headers: From exactly when the operation declares it, and required means present.
    const from = parameters.find((p) => p.in === "header" && p.name === "From");
    if (from?.required && !plan.headers.From)
      problems.push("the operation requires the From header and none is sent");
    if (!from && plan.headers.From)
      problems.push("a From header is sent but the operation does not declare one");

    // Body: JSON unless the plan names another media type (http.content_type, e.g. text/csv);
    // that media type must be one the operation declares, and the body must fit its schema.
    const requestBody = operation.requestBody ? deref(operation.requestBody) : undefined;
    const mediaType = plan.headers["Content-Type"] ?? "application/json";
    const declaredTypes = Object.keys(requestBody?.content ?? {});
    const media = requestBody?.content?.[mediaType];
    if (declaredTypes.length === 0 && plan.body !== undefined)
      problems.push("a body is sent but the operation takes none");
    else if (!media && plan.body !== undefined)
      problems.push(
        `the body is ${mediaType} but the operation takes ${declaredTypes.join(" or ")}`,
      );
    if (plan.body === undefined && requestBody?.required)
      problems.push("the operation requires a body and none is sent");
    if (media && plan.body !== undefined) {
      const ref = operation.requestBody.$ref
        ? `openapi#${operation.requestBody.$ref.slice(1)}/content/${pointer(mediaType)}/schema`
        : `openapi#/${pointer("paths", pathTemplate, method, "requestBody", "content", mediaType, "schema")}`;
      let validate = bodyValidators.get(ref);
      if (!validate) {
        validate = bodyAjv.compile({ $ref: ref });
        bodyValidators.set(ref, validate);
      }
      if (!validate(plan.body)) {
        for (const e of validate.errors ?? [])
          problems.push(`body ${e.instancePath || "/"} ${e.message}`);
      }
    }
    return problems;
  };
}

/** Formats the description uses that ajv-formats does not know; they are documentation only. */
const DOCUMENTARY_FORMATS = [
  "TEXTAREA",
  "tzinfo",
  "activesupport-time-zone",
  "partial-time",
  "int64",
  "float",
  "double",
  "binary",
];

/** An ajv holding the whole description as "openapi", with formats checked. */
function createSpecAjv(spec: Json, coerceTypes: boolean): Ajv {
  // ajv-formats ships CommonJS; under NodeNext its default export may be the module object.
  type AddFormats = (ajv: Ajv) => Ajv;
  const addFormats =
    (addFormatsModule as unknown as { default?: AddFormats }).default ??
    (addFormatsModule as unknown as AddFormats);
  // OpenAPI 3.0's nullable is understood by ajv itself.
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes });
  addFormats(ajv);
  for (const name of DOCUMENTARY_FORMATS) ajv.addFormat(name, true);
  ajv.addSchema(spec, "openapi");
  return ajv;
}

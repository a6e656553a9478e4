import type { RequestPlan } from "../interpreter/build-request.js";
import { renderQuery } from "../interpreter/build-request.js";

/** The planned request as a preview shows it: exactly what would be sent, minus credentials. */
export interface PlannedRequest {
  method: string;
  url: string;
  path: string;
  query: Array<[string, string]>;
  /** Operation headers (the From header); the account's credentials are never shown. */
  headers: Record<string, string>;
  body?: unknown;
}

/** The planned request of a call, with its full URL. */
export function plannedRequest(plan: RequestPlan, baseUrl: string): PlannedRequest {
  return {
    method: plan.method,
    url: baseUrl + plan.path + renderQuery(plan.query),
    path: plan.path,
    query: plan.query,
    headers: plan.headers,
    ...(plan.body === undefined ? {} : { body: plan.body }),
  };
}

/** The planned request in words, one fact a line, for the person who approves it. */
export function describeRequest(title: string, request: PlannedRequest): string {
  const lines = [`${title}: ${request.method} ${request.url}`];
  for (const [name, value] of Object.entries(request.headers))
    lines.push(`Header ${name}: ${value}`);
  lines.push(
    request.body === undefined
      ? "No body."
      : `Body (JSON): ${JSON.stringify(request.body, null, 2)}`,
  );
  return lines.join("\n");
}

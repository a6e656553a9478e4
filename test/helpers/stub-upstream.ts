import type { HttpClient, HttpRequest, HttpResponse } from "../../src/upstream/http-client.js";

/** An upstream stand-in that records requests and answers from a queue (default: 200 {}). */
export function stubUpstream(answers: Array<Partial<HttpResponse>> = []) {
  const requests: HttpRequest[] = [];
  const http: HttpClient = async (req) => {
    requests.push(req);
    const a = answers.shift() ?? {};
    return { status: a.status ?? 200, headers: a.headers ?? {}, body: a.body ?? {}, bytes: 0 };
  };
  return { http, requests };
}

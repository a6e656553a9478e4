import type { HttpClient, HttpRequest, HttpResponse } from "../../src/upstream/http-client.js";

/** An upstream stand-in that records requests and answers from a queue or a function (default: 200 {}). */
/** Canned answers in order, or a fake upstream that answers each request. */
export type Answers =
  Array<Partial<HttpResponse>> | ((req: HttpRequest) => Partial<HttpResponse> | undefined);

export function stubUpstream(answers: Answers = []) {
  const requests: HttpRequest[] = [];
  const http: HttpClient = async (req) => {
    requests.push(req);
    const a = (typeof answers === "function" ? answers(req) : answers.shift()) ?? {};
    return { status: a.status ?? 200, headers: a.headers ?? {}, body: a.body ?? {}, bytes: 0 };
  };
  return { http, requests };
}

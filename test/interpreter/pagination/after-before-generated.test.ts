import { describe, expect, test } from "vitest";
import type { HttpRequest } from "../../../src/upstream/http-client.js";
import { callWidget } from "../../helpers/resource-fixture.js";
import { shippedTools } from "../../helpers/shipped-tools.js";

/**
 * Lists paged by `after`/`before` query keys (GET /alert_grouping_settings) answer the next key
 * in the body's `after` field, present only while there is more. The generated tool must hand
 * it back as next_cursor and send it as `after` on the next call, until the last page.
 */
const tool = (await shippedTools()).get("list_all_pager_duty_alert_grouping_settings")!;

/** A fake PagerDuty that pages five settings two at a time by an opaque `after` key. */
const settings = ["S1", "S2", "S3", "S4", "S5"].map((id) => ({ id, type: "content_based" }));
function fakeUpstream(req: HttpRequest) {
  const limit = Number(req.url.searchParams.get("limit"));
  const start = req.url.searchParams.has("after")
    ? Number(Buffer.from(req.url.searchParams.get("after")!, "base64url").toString())
    : 0;
  const page = settings.slice(start, start + limit);
  const next = start + limit < settings.length ? start + limit : undefined;
  return {
    body: {
      alert_grouping_settings: page,
      after: next === undefined ? null : Buffer.from(String(next)).toString("base64url"),
      before: start > 0 ? "prev" : null,
      limit,
      total: null,
    },
  };
}

describe("a generated after/before list pages to the end", () => {
  test("the tool declares after_before paging keyed by the body's after field", () => {
    expect(tool.paginator.type).toBe("after_before");
    expect(tool.paginator.requestNames).toEqual(["limit", "after"]);
  });

  test("next_cursor is returned while there is more; every record is reached once", async () => {
    const seen: string[] = [];
    const queries: string[] = [];
    let cursor: string | undefined;
    for (let call = 0; call < 10; call++) {
      const { result, requests } = await callWidget(
        tool,
        { limit: 2, ...(cursor ? { cursor } : {}) },
        (req) => fakeUpstream(req),
      );
      queries.push(requests[0].url.search);
      const page = result.structuredContent as {
        result: Array<{ id: string }>;
        next_cursor: string | null;
      };
      seen.push(...page.result.map((s) => s.id));
      if (page.next_cursor === null) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(["S1", "S2", "S3", "S4", "S5"]);
    expect(queries).toEqual(["?limit=2", "?limit=2&after=Mg", "?limit=2&after=NA"]);
  });
});

import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

type OnCall = {
  escalation_policy: { id: string };
  escalation_level: number;
  schedule: { id: string; summary: string } | null;
  user: { id: string };
  start: string | null;
  end: string | null;
};
const row = (o: OnCall) => [
  o.escalation_policy.id,
  o.escalation_level,
  o.schedule?.id ?? null,
  o.user.id,
];

describe("GET /oncalls", () => {
  test("who every policy level reaches now: schedule spans and users always on call", async () => {
    const { get } = setup();
    const res = await get("/oncalls");
    expect(res.body).toMatchObject({ limit: 25, offset: 0, more: false, total: null });
    const oncalls = res.body.oncalls as OnCall[];
    expect(oncalls.map(row)).toEqual([
      ["PEPNET", 1, "PNETINF", "PUSER02"],
      ["PEPNET", 2, null, "PUSER08"],
      ["PEPPAY", 1, "PPAYONC", expect.any(String)],
      ["PEPPAY", 2, null, "PUSER01"],
      ["PEPAUTH", 1, "PPLATFM", expect.any(String)],
      ["PEPAUTH", 2, "PPLATSE", expect.any(String)],
      ["PEPAUTH", 3, null, "PUSER01"],
    ]);
    expect(oncalls[0]).toMatchObject({
      schedule: { summary: "Network Infrastructure", type: "schedule_reference" },
      start: "2026-11-25T00:00:00Z",
      end: "2026-11-26T00:00:00Z",
    });
    expect(oncalls[1]).toMatchObject({ start: null, end: null });
  });

  test.each([
    ["schedule_ids[]", "schedule_ids[]=PNETINF", [["PEPNET", 1, "PNETINF", "PUSER02"]]],
    [
      "escalation_policy_ids[]",
      "escalation_policy_ids[]=PEPNET",
      [
        ["PEPNET", 1, "PNETINF", "PUSER02"],
        ["PEPNET", 2, null, "PUSER08"],
      ],
    ],
    ["user_ids[]", "user_ids[]=PUSER08", [["PEPNET", 2, null, "PUSER08"]]],
  ])("filter %s", async (_name, query, expected) => {
    const { get } = setup();
    expect(((await get(`/oncalls?${query}`)).body.oncalls as OnCall[]).map(row)).toEqual(expected);
  });

  test("since/until give every span that overlaps the window; earliest=true keeps the first per user", async () => {
    const { get } = setup();
    const window = "since=2026-11-25T12:00:00Z&until=2026-11-29T12:00:00Z";
    const spans = (await get(`/oncalls?schedule_ids[]=PNETINF&${window}`)).body.oncalls as OnCall[];
    expect(spans.map((o) => [o.user.id, o.start])).toEqual([
      ["PUSER02", "2026-11-25T00:00:00Z"],
      ["PUSER03", "2026-11-26T00:00:00Z"],
      ["PUSER08", "2026-11-27T00:00:00Z"],
      ["PUSER02", "2026-11-28T00:00:00Z"],
      ["PUSER03", "2026-11-29T00:00:00Z"],
    ]);
    const earliest = (await get(`/oncalls?schedule_ids[]=PNETINF&${window}&earliest=true`)).body
      .oncalls as OnCall[];
    expect(earliest.map((o) => o.user.id)).toEqual(["PUSER02", "PUSER03", "PUSER08"]);
  });

  test("a window over 90 days is refused", async () => {
    const { get } = setup();
    expect(
      (await get("/oncalls?since=2026-01-01T00:00:00Z&until=2026-11-01T00:00:00Z")).status,
    ).toBe(400);
  });
});

import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

describe("catalog: business services, tags, incident workflows, status pages", () => {
  test("business services: list and get", async () => {
    const { get } = setup();
    const list = (await get("/business_services")).body;
    expect(list).toMatchObject({ limit: 25, offset: 0, more: false });
    expect(list.business_services.map((b: { id: string }) => b.id)).toEqual([
      "PBSCHKO",
      "PBSLOGN",
      "PBSNETW",
    ]);
    expect((await get("/business_services/PBSCHKO")).body.business_service).toMatchObject({
      name: "Checkout",
      team: { id: "PTEAMPL", type: "team_reference" },
    });
    expect((await get("/business_services/PNOPE")).status).toBe(404);
  });

  test("tags: list (query), create (unique label), get", async () => {
    const { get, post } = setup();
    expect((await get("/tags?query=tier")).body.tags).toMatchObject([
      { id: "PTAG001", label: "tier-1" },
    ]);
    const created = await post("/tags", { tag: { type: "tag", label: "payments" } });
    expect(created.status).toBe(201);
    expect((await get(`/tags/${created.body.tag.id}`)).body.tag).toMatchObject({
      type: "tag",
      label: "payments",
    });
    expect((await post("/tags", { tag: { label: "payments" } })).body.error.errors).toEqual([
      "Label has already been taken",
    ]);
    expect((await post("/tags", { tag: {} })).body.error.errors).toEqual(["Label can't be blank"]);
    expect((await post("/tags", {})).body.error.errors).toEqual([
      "tag is required and must be an object.",
    ]);
  });

  test("incident workflows and status pages list", async () => {
    const { get } = setup();
    expect((await get("/incident_workflows?query=security")).body.incident_workflows).toMatchObject(
      [{ id: "PWF0002", type: "incident_workflow", name: "Security incident", team: null }],
    );
    expect((await get("/status_pages")).body).toMatchObject({
      status_pages: [{ id: "PSP0001", status_page_type: "public" }],
      more: false,
    });
    expect((await get("/status_pages?status_page_type=private")).body.status_pages).toEqual([]);
  });
});

import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { sendPage } from "../paging.js";
import { queryString } from "../query.js";
import { API_BASE, ref, teamRef, WEB_BASE } from "../render/references.js";
import type { SimulatorState, Tag } from "../state.js";
import { text, wrappedBody } from "../wrapped-body.js";

/**
 * The account's catalog: business services, tags, incident workflows and status pages (lists and
 * single records, classic pagination; tags can be created).
 */
export function catalogRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/business_services", (req, res) =>
    sendPage(req, res, "business_services", [...s.businessServices.values()], (b) =>
      renderBusinessService(s, b.id),
    ),
  );
  r.get("/business_services/:id", (req, res) => {
    if (!s.businessServices.has(req.params.id)) return notFound(res);
    res.json({ business_service: renderBusinessService(s, req.params.id) });
  });

  r.get("/tags", (req, res) => {
    const q = queryString(req, "query")?.toLowerCase();
    const tags = [...s.tags.values()].filter((t) => !q || t.label.toLowerCase().includes(q));
    sendPage(req, res, "tags", tags, renderTag);
  });
  r.post("/tags", (req, res) => {
    const body = wrappedBody(req, res, "tag");
    if (!body) return;
    const label = text(body, "label");
    if (!label) return invalidInput(res, ["Label can't be blank"]);
    if (label.length > 191) return invalidInput(res, ["Label is too long (maximum is 191)"]);
    if ([...s.tags.values()].some((t) => t.label === label))
      return invalidInput(res, ["Label has already been taken"]);
    const tag = { id: ctx.newId("P", 6), label };
    s.tags.set(tag.id, tag);
    res.status(201).json({ tag: renderTag(tag) });
  });
  r.get("/tags/:id", (req, res) => {
    const tag = s.tags.get(req.params.id);
    if (!tag) return notFound(res);
    res.json({ tag: renderTag(tag) });
  });

  r.get("/incident_workflows", (req, res) => {
    const q = queryString(req, "query")?.toLowerCase();
    const items = [...s.incidentWorkflows.values()].filter(
      (w) => !q || w.name.toLowerCase().includes(q),
    );
    sendPage(req, res, "incident_workflows", items, (w) => ({
      ...ref("incident_workflow", "incident_workflows", w.id, w.name, "flex-workflows/workflows"),
      type: "incident_workflow",
      name: w.name,
      description: w.description,
      created_at: w.created_at,
      team: w.team_id ? teamRef(s, w.team_id) : null,
    }));
  });

  r.get("/status_pages", (req, res) => {
    const type = queryString(req, "status_page_type");
    const pages = [...s.statusPages.values()].filter((p) => !type || p.status_page_type === type);
    sendPage(req, res, "status_pages", pages, (p) => ({
      id: p.id,
      type: "status_page",
      name: p.name,
      status_page_type: p.status_page_type,
      url: p.url,
      published_at: p.published_at,
    }));
  });

  return r;
}

function renderBusinessService(s: SimulatorState, id: string) {
  const b = s.businessServices.get(id)!;
  return {
    id: b.id,
    type: "business_service",
    summary: b.name,
    self: `${API_BASE}/business_services/${b.id}`,
    html_url: `${WEB_BASE}/business_services/${b.id}`,
    name: b.name,
    description: b.description,
    point_of_contact: b.point_of_contact,
    team: b.team_id ? teamRef(s, b.team_id) : null,
  };
}

function renderTag(t: Tag) {
  return {
    id: t.id,
    type: "tag",
    summary: t.label,
    self: `${API_BASE}/tags/${t.id}`,
    html_url: null,
    label: t.label,
  };
}

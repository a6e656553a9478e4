import { Router } from "express";
import type { SimContext } from "../context.js";
import { sendPage } from "../paging.js";
import { renderPriority } from "../render/references.js";

/** GET /priorities, highest first (P1 has the largest order). */
export function priorityRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;
  r.get("/priorities", (req, res) => {
    const items = [...s.priorities.values()].sort((a, b) => b.order - a.order);
    sendPage(req, res, "priorities", items, (p) => renderPriority(s, p.id));
  });
  return r;
}

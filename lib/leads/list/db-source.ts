import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Lead } from "@/models/lead";
import { LEAD_ROW_PROJECTION, type LeadRowSource } from "./lead-row";
import { and, clausesFilter, keysetFilter, segmentFilter, segmentSort } from "./mongo-filter";
import type { LeadPageSource, PagedLead, PageRequest } from "./page-source";
import type { Position, Segment } from "./sort-spec";

function positionOf(doc: LeadRowSource, s: number, seg: Segment): Position {
  const id = String(doc._id);
  if (seg.kind !== "value") return { s, id };
  return { s, v: (doc as Record<string, unknown>)[seg.field] as Position["v"], id };
}

/**
 * Pages straight from the database: one indexed, projected, limited find per segment of the sort
 * order it passes through (usually one), and never `skip`.
 */
export const dbSource: LeadPageSource = {
  name: "database",

  async query(ctx: TenantContext, req: PageRequest) {
    const [items, total] = await Promise.all([readPage(ctx, req), req.withCount ? dbSource.count(ctx, req.clauses) : Promise.resolve(-1)]);
    return { items, total };
  },

  async count(ctx: TenantContext, clauses): Promise<number> {
    return scoped(ctx, Lead).countDocuments(clausesFilter(clauses));
  },
};

async function readPage(ctx: TenantContext, { clauses, spec, from, backward = false, limit }: PageRequest): Promise<PagedLead[]> {
  const leads = scoped(ctx, Lead);
  const base = clausesFilter(clauses);
  const out: PagedLead[] = [];
  const start = from?.s ?? (backward ? spec.segments.length - 1 : 0);
  for (let s = start; backward ? s >= 0 : s < spec.segments.length; s += backward ? -1 : 1) {
    const seg = spec.segments[s];
    const filter = and(base, segmentFilter(seg), from && s === from.s ? keysetFilter(seg, from, backward) : undefined);
    const docs = await leads
      .find(filter, LEAD_ROW_PROJECTION)
      .sort(segmentSort(seg, backward))
      .limit(limit - out.length)
      .lean<LeadRowSource[]>();
    for (const doc of docs) out.push({ doc, pos: positionOf(doc, s, seg) });
    if (out.length >= limit) break;
  }
  return out;
}

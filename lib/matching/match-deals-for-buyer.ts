import "server-only";
// The reverse: open deals and leads under contract that fit one buyer, best first, scored from
// the tenant's shared open properties (open-properties.ts) when built, else read from the database.
import { Types } from "mongoose";
import { labelOfLocationKey } from "@/lib/buyers/locations";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { notFound } from "@/lib/core/errors";
import { leadVisibility } from "@/lib/leads/visibility";
import { Buyer } from "@/models/buyer";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { BUYER_MATCH_FIELDS, buyerBoxOf, matchingIndexEnabled } from "./buyer-box-index";
import { readBuyerHistory } from "./buyer-histories";
import { DEAL_FIELDS, LEAD_FIELDS, OPEN_LEAD_STATUS, openDealRow, openLeadRow, tenantOpenProperties, type DealRow, type LeadRow, type OpenProperties, type OpenPropertyRow } from "./open-properties";
import { evaluateBuyer } from "./score";
import { EMPTY_HISTORY, type BuyerBox, type MatchReason } from "./types";

/** Open deals and leads under contract are few next to a tenant's leads; this bounds each read. */
export const OPEN_PROPERTY_LIMIT = 2_000;

export interface PropertyMatch {
  kind: "deal" | "lead";
  id: string;
  address: string;
  status: string;
  price: number | null;
  priceLabel: string;
  score: number;
  reasons: MatchReason[];
}

export async function getBuyerBoxOrThrow(ctx: TenantContext, buyerId: string): Promise<BuyerBox> {
  requirePermission(ctx, "buyers.read");
  const row = await scoped(ctx, Buyer).findById(buyerId, BUYER_MATCH_FIELDS).lean<Omit<BuyerBox, "id"> & { _id: Types.ObjectId }>();
  if (!row) throw notFound("Buyer");
  return buyerBoxOf(row);
}

/** The open properties from the database (MATCHING_INDEX=off, or before the first build), in the read model's shape. */
async function readOpenProperties(ctx: TenantContext, visibility: Record<string, unknown>): Promise<OpenProperties> {
  // One equality per status: FerretDB pushes equality down, never $in.
  const [pending, underContract, leads] = await Promise.all([
    scoped(ctx, Deal).find({ status: "pending" }, DEAL_FIELDS).limit(OPEN_PROPERTY_LIMIT).lean<DealRow[]>().exec(),
    scoped(ctx, Deal).find({ status: "under_contract" }, DEAL_FIELDS).limit(OPEN_PROPERTY_LIMIT).lean<DealRow[]>().exec(),
    scoped(ctx, Lead).find({ ...visibility, status: OPEN_LEAD_STATUS }, LEAD_FIELDS).limit(OPEN_PROPERTY_LIMIT).lean<LeadRow[]>().exec(),
  ]);
  return { deals: [...pending, ...underContract].map((d) => openDealRow(d, 0)), leads: leads.map((l) => openLeadRow(l, 0)) };
}

export async function matchDealsForBuyer(ctx: TenantContext, buyerId: string, now = new Date()): Promise<PropertyMatch[]> {
  requirePermission(ctx, "deals.read");
  const buyer = await getBuyerBoxOrThrow(ctx, buyerId);
  const visibility = leadVisibility(ctx);
  // The shared open properties (open-properties.ts) when built; else the database.
  const shared = matchingIndexEnabled() ? await tenantOpenProperties(ctx).catch((err: unknown) => (console.error("[matching] open properties unavailable", err), null)) : null;
  const [open, history = EMPTY_HISTORY] = await Promise.all([shared ?? readOpenProperties(ctx, visibility), readBuyerHistory(ctx, buyer.id, now)]);
  // Who may see a lead: all of the tenant's, or only those assigned to them (leadVisibility).
  const assignee = visibility.assigned_to === undefined ? null : String(visibility.assigned_to);
  const leadsWithDeal = new Set(open.deals.map((d) => d.lead ?? ""));
  const out: (PropertyMatch & { at: number })[] = [];
  const consider = (p: OpenPropertyRow) => {
    const e = evaluateBuyer(p.property, buyer, history, now, labelOfLocationKey);
    if (!e.fits) return;
    out.push({ kind: p.kind, id: p.id, address: p.address, status: p.status, price: p.property.price ?? null, priceLabel: p.property.priceLabel ?? "price", score: e.match.score, reasons: e.match.reasons, at: p.at });
  };
  for (const d of open.deals) consider(d);
  for (const l of open.leads) {
    if (leadsWithDeal.has(l.id) || (assignee !== null && l.assignee !== assignee)) continue;
    consider(l);
  }
  out.sort((a, b) => b.score - a.score || b.at - a.at || (a.id < b.id ? -1 : 1));
  return out.map(({ at: _at, ...rest }) => rest);
}

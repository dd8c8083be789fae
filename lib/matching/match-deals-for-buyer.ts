import "server-only";
// The reverse: open deals and leads under contract that fit one buyer, best first.
import { Types } from "mongoose";
import { labelOfLocationKey } from "@/lib/buyers/locations";
import { requirePermission } from "@/lib/auth/permissions";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { notFound } from "@/lib/errors";
import { leadVisibility } from "@/lib/leads/visibility";
import { Buyer } from "@/models/buyer";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { BUYER_MATCH_FIELDS, buyerBoxOf, readBuyerHistory } from "./find-candidates";
import { addressLine, propertyOfDeal, propertyOfLead, type DealForMatching, type LeadForMatching } from "./property";
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

type Row<T> = T & { _id: Types.ObjectId; status?: string; updated_at?: Date };

export async function getBuyerBoxOrThrow(ctx: TenantContext, buyerId: string): Promise<BuyerBox> {
  requirePermission(ctx, "buyers.read");
  const row = await scoped(ctx, Buyer).findById(buyerId, BUYER_MATCH_FIELDS).lean<Omit<BuyerBox, "id"> & { _id: Types.ObjectId }>();
  if (!row) throw notFound("Buyer");
  return buyerBoxOf(row);
}

export async function matchDealsForBuyer(ctx: TenantContext, buyerId: string, now = new Date()): Promise<PropertyMatch[]> {
  requirePermission(ctx, "deals.read");
  const buyer = await getBuyerBoxOrThrow(ctx, buyerId);
  const dealFields = { lead_id: 1, status: 1, property_address: 1, property_details: 1, financials: 1, analysis: 1, updated_at: 1 };
  // One equality per status: FerretDB pushes equality down, never $in.
  const [pending, underContract, leads, history = EMPTY_HISTORY] = await Promise.all([
    scoped(ctx, Deal).find({ status: "pending" }, dealFields).limit(OPEN_PROPERTY_LIMIT).lean<Row<DealForMatching & { lead_id?: unknown }>[]>().exec(),
    scoped(ctx, Deal).find({ status: "under_contract" }, dealFields).limit(OPEN_PROPERTY_LIMIT).lean<Row<DealForMatching & { lead_id?: unknown }>[]>().exec(),
    scoped(ctx, Lead)
      .find({ ...leadVisibility(ctx), status: "under_contract" }, { address: 1, property_details: 1, asking_price: 1, estimated_value: 1, status: 1, updated_at: 1 })
      .limit(OPEN_PROPERTY_LIMIT)
      .lean<Row<LeadForMatching>[]>()
      .exec(),
    readBuyerHistory(ctx, buyer.id, now),
  ]);
  const deals = [...pending, ...underContract];
  const leadsWithDeal = new Set(deals.map((d) => String(d.lead_id ?? "")));
  const out: (PropertyMatch & { at: number })[] = [];
  for (const d of deals) {
    const property = propertyOfDeal(d);
    const e = evaluateBuyer(property, buyer, history, now, labelOfLocationKey);
    if (!e.fits) continue;
    out.push({ kind: "deal", id: String(d._id), address: addressLine(d.property_address), status: d.status ?? "", price: property.price ?? null, priceLabel: property.priceLabel ?? "price", score: e.match.score, reasons: e.match.reasons, at: d.updated_at?.getTime() ?? 0 });
  }
  for (const l of leads) {
    if (leadsWithDeal.has(String(l._id))) continue;
    const property = propertyOfLead(l);
    const e = evaluateBuyer(property, buyer, history, now, labelOfLocationKey);
    if (!e.fits) continue;
    out.push({ kind: "lead", id: String(l._id), address: addressLine(l.address), status: l.status ?? "", price: property.price ?? null, priceLabel: property.priceLabel ?? "price", score: e.match.score, reasons: e.match.reasons, at: l.updated_at?.getTime() ?? 0 });
  }
  out.sort((a, b) => b.score - a.score || b.at - a.at || (a.id < b.id ? -1 : 1));
  return out.map(({ at: _at, ...rest }) => rest);
}

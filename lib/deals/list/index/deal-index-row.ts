// A deal as the deal read model holds it: what the deal list, the board and the disposition
// dashboard filter, sort, search, count and show, with dates as epoch milliseconds and the names
// a row shows and is searched by (its buyer's, its seller's) read from the buyer and the lead.
// The database path builds the same rows from the same reads (list-deals.ts), so both answer
// from the same values.
import "server-only";
import type { Model } from "mongoose";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Buyer } from "@/models/buyer";
import type { DealStatus } from "@/models/deal-enums";
import { Lead } from "@/models/lead";

export type DealIndexRow = {
  _id: string;
  status: DealStatus;
  type?: string;
  lead?: string;
  /** The lead's assigned_to: a rep sees the deals of their own leads. */
  owner?: string;
  /** The lead's name. */
  seller?: string;
  buyer?: string;
  /** "Name (Company)"; absent when the buyer is gone. */
  buyer_name?: string;
  street?: string;
  city?: string;
  state?: string;
  zip?: string;
  full?: string;
  purchase_price?: number;
  assignment_fee?: number;
  profit?: number;
  roi?: number;
  contract_date?: number;
  closing_date?: number;
  created_at?: number;
  updated_at?: number;
  /** The tenant's revision at which this copy was read (lib/core/read-models). */
  rev: number;
  /** The lowercased search text, cached in memory by the first search (never stored). */
  _k?: string;
};

/** The deal fields a row needs. */
export const DEAL_INDEX_PROJECTION = {
  lead_id: 1,
  buyer_id: 1,
  status: 1,
  deal_type: 1,
  "property_address.street": 1,
  "property_address.city": 1,
  "property_address.state": 1,
  "property_address.zip_code": 1,
  "property_address.full_address": 1,
  "financials.purchase_price": 1,
  "financials.assignment_fee": 1,
  "financials.profit": 1,
  "financials.roi": 1,
  "timeline.contract_date": 1,
  "timeline.closing_date": 1,
  created_at: 1,
  updated_at: 1,
} as const;

type Id = { toString(): string };
type Named = { name?: string | null; company?: string | null };

/** A deal as read with DEAL_INDEX_PROJECTION (lean), with its buyer and lead joined (joinDealParties). */
export type DealSourceDoc = {
  _id: Id;
  lead_id?: Id | null;
  buyer_id?: Id | null;
  status: string;
  deal_type?: string | null;
  property_address?: { street?: string | null; city?: string | null; state?: string | null; zip_code?: string | null; full_address?: string | null } | null;
  financials?: { purchase_price?: number | null; assignment_fee?: number | null; profit?: number | null; roi?: number | null } | null;
  timeline?: { contract_date?: Date | null; closing_date?: Date | null } | null;
  created_at?: Date | null;
  updated_at?: Date | null;
  /** Joined: the buyer's name and company, absent when the buyer is gone. */
  buyer?: Named | null;
  /** Joined: the lead's name and who it is assigned to, absent when the lead is gone. */
  lead?: { name?: string | null; assigned_to?: Id | null } | null;
};

/** How a deal row names its buyer: "Name (Company)", or the name. */
export function buyerDisplayName(b: Named): string {
  return b.company ? `${b.name} (${b.company})` : (b.name ?? "A buyer");
}

/** Past this many ids, one `$in` query instead of one read by id each (as the read models do). */
const READ_BY_ID_MAX = 200;

async function readByIds<T extends { _id: unknown }>(ctx: TenantContext, model: Model<any>, ids: string[], projection: Record<string, 1>): Promise<Map<string, T>> {
  const docs = ids.length <= READ_BY_ID_MAX ? await findByIds<T>(ctx, model, ids, projection) : await scoped(ctx, model).find({ _id: { $in: ids } }, projection).lean<T[]>();
  return new Map(docs.map((d) => [String(d._id), d]));
}

/** Joins each deal's buyer (name, company) and lead (name, assigned_to), read by id. */
export async function joinDealParties(ctx: TenantContext, deals: DealSourceDoc[]): Promise<DealSourceDoc[]> {
  const idsOf = (get: (d: DealSourceDoc) => Id | null | undefined) => [...new Set(deals.map(get).filter(Boolean).map(String))];
  const [buyers, leads] = await Promise.all([
    readByIds<{ _id: unknown } & Named>(ctx, Buyer, idsOf((d) => d.buyer_id), { name: 1, company: 1 }),
    readByIds<{ _id: unknown; name?: string; assigned_to?: Id }>(ctx, Lead, idsOf((d) => d.lead_id), { name: 1, assigned_to: 1 }),
  ]);
  return deals.map((d) => ({ ...d, buyer: d.buyer_id ? buyers.get(String(d.buyer_id)) : null, lead: d.lead_id ? leads.get(String(d.lead_id)) : null }));
}

const str = (v: unknown) => (v === null || v === undefined || v === "" ? undefined : String(v));
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : v ? new Date(v as string).getTime() : undefined);

export function toDealIndexRow(d: DealSourceDoc, rev: number): DealIndexRow {
  const a = d.property_address ?? {};
  const f = d.financials ?? {};
  const row: DealIndexRow = {
    _id: String(d._id),
    status: String(d.status) as DealStatus,
    type: str(d.deal_type),
    lead: str(d.lead_id),
    owner: str(d.lead?.assigned_to),
    seller: str(d.lead?.name),
    buyer: str(d.buyer_id),
    buyer_name: d.buyer_id && d.buyer ? buyerDisplayName(d.buyer) : undefined,
    street: str(a.street),
    city: str(a.city),
    state: str(a.state),
    zip: str(a.zip_code),
    full: str(a.full_address),
    purchase_price: num(f.purchase_price),
    assignment_fee: num(f.assignment_fee),
    profit: num(f.profit),
    roi: num(f.roi),
    contract_date: ms(d.timeline?.contract_date),
    closing_date: ms(d.timeline?.closing_date),
    created_at: ms(d.created_at),
    updated_at: ms(d.updated_at),
    rev,
  };
  // Undefined members would only cost memory and JSON bytes.
  for (const key of Object.keys(row) as (keyof DealIndexRow)[]) if (row[key] === undefined) delete row[key];
  return row;
}

/** A row parsed from JSON, rebuilt with every field in one fixed order (one hidden class for all rows). */
export function shapeDealRow(r: DealIndexRow): DealIndexRow {
  return {
    _id: r._id,
    status: r.status,
    type: r.type,
    lead: r.lead,
    owner: r.owner,
    seller: r.seller,
    buyer: r.buyer,
    buyer_name: r.buyer_name,
    street: r.street,
    city: r.city,
    state: r.state,
    zip: r.zip,
    full: r.full,
    purchase_price: r.purchase_price,
    assignment_fee: r.assignment_fee,
    profit: r.profit,
    roi: r.roi,
    contract_date: r.contract_date,
    closing_date: r.closing_date,
    created_at: r.created_at,
    updated_at: r.updated_at,
    rev: r.rev,
    _k: undefined,
  };
}

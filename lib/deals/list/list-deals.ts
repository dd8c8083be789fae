import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { Buyer } from "@/models/buyer";
import { Deal } from "@/models/deal";
import type { DealStatus, DealType } from "@/models/deal-enums";
import { Lead } from "@/models/lead";
import { findByIds } from "../find-by-ids";
import { seesAllDeals } from "../get-deal";
import type { DealListQuery, DealSort } from "./deal-list-query";

export type DealRow = {
  id: string;
  address: string;
  city: string | null;
  status: DealStatus;
  dealType: DealType;
  buyerId: string | null;
  buyerName: string | null;
  purchasePrice: number | null;
  profit: number | null;
  roi: number | null;
  closingDate: string | null;
  createdAt: string;
  updatedAt: string;
};

export type DealPage = { rows: DealRow[]; total: number; nextCursor?: string };

// A company has hundreds of deals, not the hundreds of thousands of leads: the visible deals'
// compact rows are read in one indexed query and sorted here, where a missing closing date or
// profit sorts last in either direction (FerretDB sorts in its own process anyway).
const MAX_DEALS = 20_000;
const PROJECTION = { lead_id: 1, buyer_id: 1, status: 1, deal_type: 1, property_address: 1, "financials.purchase_price": 1, "financials.profit": 1, "financials.roi": 1, "timeline.closing_date": 1, created_at: 1, updated_at: 1 };

type Raw = {
  _id: Types.ObjectId;
  lead_id?: Types.ObjectId;
  buyer_id?: Types.ObjectId;
  status: string;
  deal_type?: string;
  property_address?: { street?: string; city?: string; state?: string; zip_code?: string; full_address?: string };
  financials?: { purchase_price?: number; profit?: number; roi?: number };
  timeline?: { closing_date?: Date };
  created_at?: Date;
  updated_at?: Date;
};

function sortValue(d: Raw, sort: DealSort): number | null {
  switch (sort) {
    case "created_at":
      return d.created_at ? +d.created_at : 0;
    case "updated_at":
      return d.updated_at ? +d.updated_at : 0;
    case "closing_date":
      return d.timeline?.closing_date ? +d.timeline.closing_date : null;
    case "purchase_price":
      return d.financials?.purchase_price ?? null;
    case "profit":
      return d.financials?.profit ?? null;
  }
}

const encode = (v: number | null, id: string) => Buffer.from(JSON.stringify([v, id])).toString("base64url");
function decode(cursor: string): [number | null, string] | null {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [unknown, unknown];
    if ((v === null || typeof v === "number") && typeof id === "string" && /^[0-9a-f]{24}$/.test(id)) return [v, id];
  } catch {
    /* a cursor we did not write: first page */
  }
  return null;
}

/** Compares two rows in the list's order: the sort value (missing last), then the id, both in `dir`. */
function compare(a: [number | null, string], b: [number | null, string], dir: 1 | -1): number {
  if (a[0] !== b[0]) {
    if (a[0] === null) return 1;
    if (b[0] === null) return -1;
    return (a[0] - b[0]) * dir;
  }
  return a[1] < b[1] ? -dir : a[1] > b[1] ? dir : 0;
}

/** The deals this person may see, in which the filters leave, as the Mongo filter. */
export async function visibleDealFilter(ctx: TenantContext, query: Pick<DealListQuery, "status" | "type" | "buyer">): Promise<Record<string, unknown>> {
  const filter: Record<string, unknown> = {};
  if (query.status.length) filter.status = { $in: query.status };
  if (query.type.length) filter.deal_type = { $in: query.type };
  if (query.buyer === "yes") filter.buyer_id = { $ne: null };
  if (query.buyer === "no") filter.buyer_id = null;
  if (!seesAllDeals(ctx)) {
    // A rep: the deals of the leads assigned to them.
    const leadIds = (await scoped(ctx, Deal).distinct("lead_id", filter)) as Types.ObjectId[];
    const leads = ctx.userId ? await findByIds<{ _id: Types.ObjectId; assigned_to?: unknown }>(ctx, Lead, leadIds, { assigned_to: 1 }) : [];
    filter.lead_id = { $in: leads.filter((l) => l.assigned_to && String(l.assigned_to) === ctx.userId).map((l) => l._id) };
  }
  return filter;
}

/** One page of the deal list, with the total of the filtered list; keyset paging on (sort value, id). */
export async function listDeals(ctx: TenantContext, query: DealListQuery, limit = 50): Promise<DealPage> {
  const filter = await visibleDealFilter(ctx, query);
  let raw = (await scoped(ctx, Deal).find(filter, PROJECTION).limit(MAX_DEALS).lean()) as unknown as Raw[];
  if (query.q) {
    const needle = query.q.toLowerCase();
    raw = raw.filter((d) => {
      const a = d.property_address ?? {};
      return [a.full_address, a.street, a.city, a.zip_code].some((s) => s?.toLowerCase().includes(needle));
    });
  }
  const dir = query.dir === "asc" ? 1 : -1;
  const keyed = raw.map((d) => ({ d, key: [sortValue(d, query.sort), String(d._id)] as [number | null, string] }));
  keyed.sort((a, b) => compare(a.key, b.key, dir));
  const after = query.after ? decode(query.after) : null;
  const start = after ? keyed.findIndex((k) => compare(k.key, after, dir) > 0) : 0;
  const page = start < 0 ? [] : keyed.slice(start, start + limit);
  const next = start >= 0 && start + limit < keyed.length ? page[page.length - 1] : undefined;

  const buyerIds = [...new Set(page.map((p) => p.d.buyer_id && String(p.d.buyer_id)).filter(Boolean))] as string[];
  const buyers = await findByIds<{ _id: unknown; name?: string; company?: string }>(ctx, Buyer, buyerIds, { name: 1, company: 1 });
  const buyerName = new Map(buyers.map((b) => [String(b._id), b.company ? `${b.name} (${b.company})` : (b.name ?? "A buyer")]));
  return {
    total: keyed.length,
    nextCursor: next ? encode(next.key[0], next.key[1]) : undefined,
    rows: page.map(({ d }) => toRow(d, buyerName)),
  };
}

export function toRow(d: Raw, buyerName: Map<string, string>): DealRow {
  const a = d.property_address ?? {};
  return {
    id: String(d._id),
    address: a.full_address || [a.street, a.city, a.state, a.zip_code].filter(Boolean).join(", ") || "No address",
    city: a.city ?? null,
    status: d.status as DealStatus,
    dealType: (d.deal_type ?? "wholesale") as DealType,
    buyerId: d.buyer_id ? String(d.buyer_id) : null,
    buyerName: d.buyer_id ? (buyerName.get(String(d.buyer_id)) ?? "A removed buyer") : null,
    purchasePrice: d.financials?.purchase_price ?? null,
    profit: d.financials?.profit ?? null,
    roi: d.financials?.roi ?? null,
    closingDate: d.timeline?.closing_date ? new Date(d.timeline.closing_date).toISOString() : null,
    createdAt: (d.created_at ?? new Date(0)).toISOString(),
    updatedAt: (d.updated_at ?? d.created_at ?? new Date(0)).toISOString(),
  };
}

/** The board: every visible deal matching the filters, by status, each column newest change first. */
export async function getDealBoard(ctx: TenantContext, query: Pick<DealListQuery, "type" | "buyer" | "q">): Promise<{ status: DealStatus; rows: DealRow[] }[]> {
  const page = await listDeals(ctx, { status: [], type: query.type, buyer: query.buyer, q: query.q, sort: "updated_at", dir: "desc" }, MAX_DEALS);
  const statuses: DealStatus[] = ["pending", "under_contract", "closed", "cancelled"];
  return statuses.map((status) => ({ status, rows: page.rows.filter((r) => r.status === status) }));
}

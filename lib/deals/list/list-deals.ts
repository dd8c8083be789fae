import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Buyer } from "@/models/buyer";
import { Deal } from "@/models/deal";
import type { DealStatus, DealType } from "@/models/deal-enums";
import { Lead } from "@/models/lead";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { BUYER_NAME_PROJECTION, buyerDisplayName, DEAL_FACT_PROJECTION, fromDealFact, toDealFact, type DealDoc, type DealSourceDoc } from "../summary/deal-facts";
import { currentDealSummary } from "../summary/deal-summary";
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

// The visible deals' compact documents come from the deal summary (lib/deals/summary/: every deal
// of the company in memory, kept by events) when it is built, else from one indexed query; they
// are filtered, sorted and paged here, where a missing closing date or profit sorts last in either
// direction (FerretDB sorts in its own process anyway, after reading every deal: seconds at 5,000).
const MAX_DEALS = 20_000;

type Raw = DealDoc;

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
async function visibleDealFilter(ctx: TenantContext, query: Pick<DealListQuery, "status" | "type" | "buyer">): Promise<Record<string, unknown>> {
  const filter: Record<string, unknown> = {};
  if (query.status.length) filter.status = { $in: query.status };
  if (query.type.length) filter.deal_type = { $in: query.type };
  if (query.buyer === "yes") filter.buyer_id = { $ne: null };
  if (query.buyer === "no") filter.buyer_id = null;
  if (!seesAllDeals(ctx)) filter.lead_id = { $in: await ownLeadIds(ctx, (await scoped(ctx, Deal).distinct("lead_id", filter)) as Types.ObjectId[]) };
  return filter;
}

/** A rep sees the deals of the leads assigned to them: those among these leads. */
async function ownLeadIds(ctx: TenantContext, leadIds: readonly unknown[]): Promise<Types.ObjectId[]> {
  const leads = ctx.userId ? await findByIds<{ _id: Types.ObjectId; assigned_to?: unknown }>(ctx, Lead, leadIds, { assigned_to: 1 }) : [];
  return leads.filter((l) => l.assigned_to && String(l.assigned_to) === ctx.userId).map((l) => l._id);
}

/** The same filter as visibleDealFilter, on the summary's documents. */
async function visibleSummaryDeals(ctx: TenantContext, deals: DealDoc[], query: Pick<DealListQuery, "status" | "type" | "buyer">): Promise<DealDoc[]> {
  let out = deals.filter(
    (d) =>
      (!query.status.length || query.status.includes(d.status)) &&
      (!query.type.length || (d.deal_type !== undefined && query.type.includes(d.deal_type as DealType))) &&
      (query.buyer === "yes" ? !!d.buyer_id : query.buyer === "no" ? !d.buyer_id : true),
  );
  if (!seesAllDeals(ctx)) {
    const own = new Set((await ownLeadIds(ctx, out.map((d) => d.lead_id).filter(Boolean))).map(String));
    out = out.filter((d) => d.lead_id && own.has(d.lead_id));
  }
  return out;
}

/** Where the deals are read: the summary when built ("auto"), or the database (tests comparing both). */
export type DealSource = { source?: "auto" | "database" };

/**
 * The visible deals the filters leave, and how to name their buyers: from the summary when built
 * (names included), else from the database (names read for the page's buyers, by id).
 */
async function visibleDeals(ctx: TenantContext, query: Pick<DealListQuery, "status" | "type" | "buyer">, { source = "auto" }: DealSource): Promise<{ deals: DealDoc[]; buyerNames?: Map<string, string> }> {
  const summary = source === "database" ? null : await currentDealSummary(ctx.tenantId).catch((err: unknown) => (console.error("[deal-summary] read failed, reading the database", err), null));
  if (summary) return { deals: await visibleSummaryDeals(ctx, summary.deals, query), buyerNames: summary.buyerNames };
  const docs = await scoped(ctx, Deal).find(await visibleDealFilter(ctx, query), DEAL_FACT_PROJECTION).limit(MAX_DEALS).lean<DealSourceDoc[]>();
  return { deals: docs.map((d) => fromDealFact(toDealFact(d, 0))) };
}

async function buyerNamesOf(ctx: TenantContext, buyerIds: string[]): Promise<Map<string, string>> {
  const buyers = await findByIds<{ _id: unknown; name?: string; company?: string }>(ctx, Buyer, buyerIds, BUYER_NAME_PROJECTION);
  return new Map(buyers.map((b) => [String(b._id), buyerDisplayName(b)]));
}

/** One page of the deal list, with the total of the filtered list; keyset paging on (sort value, id). */
export async function listDeals(ctx: TenantContext, query: DealListQuery, limit = 50, options: DealSource = {}): Promise<DealPage> {
  const visible = await visibleDeals(ctx, query, options);
  let raw = visible.deals;
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
  const buyerName = visible.buyerNames ?? (await buyerNamesOf(ctx, buyerIds));
  return {
    total: keyed.length,
    nextCursor: next ? encode(next.key[0], next.key[1]) : undefined,
    rows: page.map(({ d }) => toRow(d, buyerName)),
  };
}

function toRow(d: Raw, buyerName: Map<string, string>): DealRow {
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
export async function getDealBoard(ctx: TenantContext, query: Pick<DealListQuery, "type" | "buyer" | "q">, options: DealSource = {}): Promise<{ status: DealStatus; rows: DealRow[] }[]> {
  const page = await listDeals(ctx, { status: [], type: query.type, buyer: query.buyer, q: query.q, sort: "updated_at", dir: "desc" }, MAX_DEALS, options);
  const statuses: DealStatus[] = ["pending", "under_contract", "closed", "cancelled"];
  return statuses.map((status) => ({ status, rows: page.rows.filter((r) => r.status === status) }));
}

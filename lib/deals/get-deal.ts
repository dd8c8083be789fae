import "server-only";
import { Types } from "mongoose";
import { can, requirePermission } from "@/lib/core/permissions";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import { tenantObjectId, type TenantContext } from "@/lib/core/db/tenant-context";
import { notFound } from "@/lib/core/errors";
import { isLeadVisible } from "@/lib/leads/get-lead";
import { Deal, type DealDoc } from "@/models/deal";
import type { DealStatus, DealType } from "@/models/deal-enums";
import { Lead } from "@/models/lead";

export type DealRecord = DealDoc & { _id: Types.ObjectId; created_at?: Date; updated_at?: Date };

/** A deal as client components receive it: plain values, ids and dates as strings. */
export type DealView = {
  id: string;
  lead_id: string | null;
  buyer_id: string | null;
  assigned_to: string | null;
  status: DealStatus;
  deal_type: DealType;
  address: { street?: string; city?: string; state?: string; zip_code?: string; county?: string; full_address?: string };
  property_details: { type?: string; bedrooms?: number; bathrooms?: number; square_feet?: number; lot_size?: number; year_built?: number };
  financials: { purchase_price: number | null; sale_price: number | null; rehab_cost: number | null; closing_costs: number | null; holding_costs: number | null; assignment_fee: number | null; profit: number | null; roi: number | null };
  timeline: { contract_date: string | null; closing_date: string | null; rehab_start_date: string | null; rehab_end_date: string | null; listing_date: string | null; sale_date: string | null };
  analysis: { arv: number; repairs: number; offer_rule: number; assignment_fee: number; mao: number; offer_to_seller: number; spread: number | null; analyzed_at: string | null } | null;
  notes: string | null;
  cancel_reason: string | null;
  created_at: string | null;
  updated_at: string | null;
};

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d ? new Date(d as string).toISOString() : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

function compact<T extends Record<string, unknown>>(o: T | null | undefined): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (v !== undefined && v !== null && v !== "") out[k] = v;
  return out as Partial<T>;
}

export function toDealView(d: DealRecord): DealView {
  const f = (d.financials ?? {}) as Record<string, unknown>;
  const t = (d.timeline ?? {}) as Record<string, unknown>;
  const a = d.analysis as Record<string, unknown> | undefined;
  return {
    id: String(d._id),
    lead_id: d.lead_id ? String(d.lead_id) : null,
    buyer_id: d.buyer_id ? String(d.buyer_id) : null,
    assigned_to: d.assigned_to ? String(d.assigned_to) : null,
    status: d.status as DealStatus,
    deal_type: (d.deal_type ?? "wholesale") as DealType,
    address: compact(d.property_address as DealView["address"]),
    property_details: compact(d.property_details as DealView["property_details"]),
    financials: {
      purchase_price: num(f.purchase_price),
      sale_price: num(f.sale_price),
      rehab_cost: num(f.rehab_cost),
      closing_costs: num(f.closing_costs),
      holding_costs: num(f.holding_costs),
      assignment_fee: num(f.assignment_fee),
      profit: num(f.profit),
      roi: num(f.roi),
    },
    timeline: {
      contract_date: iso(t.contract_date),
      closing_date: iso(t.closing_date),
      rehab_start_date: iso(t.rehab_start_date),
      rehab_end_date: iso(t.rehab_end_date),
      listing_date: iso(t.listing_date),
      sale_date: iso(t.sale_date),
    },
    analysis:
      a && num(a.arv) !== null
        ? { arv: num(a.arv)!, repairs: num(a.repairs) ?? 0, offer_rule: num(a.offer_rule) ?? 70, assignment_fee: num(a.assignment_fee) ?? 0, mao: num(a.mao) ?? 0, offer_to_seller: num(a.offer_to_seller) ?? 0, spread: num(a.spread), analyzed_at: iso(a.analyzed_at) }
        : null,
    notes: d.notes ?? null,
    cancel_reason: d.cancel_reason ?? null,
    created_at: iso(d.created_at),
    updated_at: iso(d.updated_at),
  };
}

/**
 * Deals are seen through their leads: whoever holds deals.read sees the deals of the leads they
 * may see. Disposition managers and admins see every lead, so every deal; a rep sees the deals of
 * the leads assigned to them (all of them only when the workspace lets reps see every lead).
 */
export function seesAllDeals(ctx: TenantContext): boolean {
  requirePermission(ctx, "deals.read");
  return can(ctx, "leads.read_all");
}

async function isDealVisible(ctx: TenantContext, deal: { lead_id?: unknown }): Promise<boolean> {
  if (seesAllDeals(ctx)) return true;
  if (!deal.lead_id || !can(ctx, "leads.read")) return false;
  const lead = await Lead.findOne({ _id: deal.lead_id }, { tenant_id: 1, assigned_to: 1 }).setOptions({ allTenants: true }).lean();
  return !!lead && String(lead.tenant_id) === String(tenantObjectId(ctx)) && isLeadVisible(ctx, lead);
}

// By `{ _id }` alone, then the tenant checked here: FerretDB pushes only a lone `_id` filter down
// to its primary key (see findLeadById).
async function findDealById<T>(ctx: TenantContext, id: unknown, lean: boolean): Promise<T | null> {
  const tenantId = tenantObjectId(ctx);
  requirePermission(ctx, "deals.read");
  if (!isObjectIdString(id)) return null;
  const query = Deal.findOne({ _id: id }).setOptions({ allTenants: true });
  const deal = (lean ? await query.lean() : await query) as { tenant_id?: unknown; lead_id?: unknown } | null;
  if (!deal || String(deal.tenant_id) !== String(tenantId)) return null;
  if (!(await isDealVisible(ctx, deal))) return null;
  return deal as T;
}

/** A deal this person may see; not found (never forbidden) for foreign, malformed, missing or invisible ids. */
export async function getDealRecordOrThrow(ctx: TenantContext, id: unknown): Promise<DealRecord> {
  const deal = await findDealById<DealRecord>(ctx, id, true);
  if (!deal) throw notFound("Deal");
  return deal;
}

export async function getDealOrThrow(ctx: TenantContext, id: unknown): Promise<DealView> {
  return toDealView(await getDealRecordOrThrow(ctx, id));
}

export async function findDeal(ctx: TenantContext, id: unknown): Promise<DealView | null> {
  const deal = await findDealById<DealRecord>(ctx, id, true);
  return deal ? toDealView(deal) : null;
}

export type DealDocument = import("mongoose").HydratedDocument<DealDoc>;

/** The Mongoose document, for writes (they run the model's validators and derivations). */
export async function getDealDocumentOrThrow(ctx: TenantContext, id: unknown): Promise<DealDocument> {
  const deal = await findDealById<DealDocument>(ctx, id, false);
  if (!deal) throw notFound("Deal");
  return deal;
}

/** The open or closed deal of a lead (the latest one not cancelled), for the lead page. */
export async function findDealOfLead(ctx: TenantContext, leadId: string): Promise<{ id: string; status: DealStatus } | null> {
  if (!can(ctx, "deals.read")) return null;
  if (!isObjectIdString(leadId)) return null;
  const deals = await scoped(ctx, Deal).find({ lead_id: new Types.ObjectId(leadId) }, { status: 1, created_at: 1 }).lean();
  const live = deals.filter((d) => d.status !== "cancelled").sort((a, b) => +(b.created_at ?? 0) - +(a.created_at ?? 0))[0];
  return live ? { id: String(live._id), status: live.status as DealStatus } : null;
}

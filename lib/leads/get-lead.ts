import "server-only";
import type { HydratedDocument, Types } from "mongoose";
import { isObjectIdString } from "@/lib/core/db/scoped";
import { tenantObjectId, type TenantContext } from "@/lib/core/db/tenant-context";
import { notFound } from "@/lib/core/errors";
import { Lead, type LeadDoc } from "@/models/lead";
import { leadVisibility } from "./visibility";
import { emailsOf, phonesOf } from "./contacts/sync-contacts";
import { fieldsWith, topLevel, type InputFields } from "./fields";
import { dayOf } from "@/lib/validation/date";

export type LeadRecord = LeadDoc & { _id: Types.ObjectId; created_at?: Date; updated_at?: Date };
export type LeadDocument = HydratedDocument<LeadDoc>;

/** A typed field's value as the page receives it. */
type ViewValue = { text: string; enum: string; money: number; number: number; date: string };

/**
 * A lead as client components receive it: plain values, ids and dates as strings. The typed fields
 * (name, address, property, prices, source, notes: the registry's `input` facet) are derived.
 */
export type LeadView = InputFields<ViewValue, null> & {
  id: string;
  phone: string;
  email: string | null;
  /** Every phone, the primary (= phone) first. */
  phones: { number: string; type: string; status: string }[];
  /** Every e-mail, the primary (= email) first. */
  emails: { address: string; type: string | null; status: string | null }[];
  address: { full_address?: string };
  status: string;
  priority: string;
  assigned_to: string | null;
  tags: string[];
  communication_count: number;
  last_contacted: string | null;
  next_follow_up: string | null;
  custom_fields: Record<string, string | number | boolean | null>;
  lead_score: number | null;
  ai_summary: string | null;
  created_at: string | null;
  updated_at: string | null;
};

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d ? new Date(d as string).toISOString() : null);

function compact(o: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (v !== undefined && v !== null && v !== "") out[k] = v;
  return out;
}

// The typed fields' top-level names: a plain value, or an object of nested ones (kept whole, empty parts left out).
const TYPED = [...new Map(fieldsWith("input").map((f) => [topLevel(f.path), f.path.includes(".") ? null : f])).entries()];

export function toLeadView(l: LeadRecord): LeadView {
  const custom: LeadView["custom_fields"] = {};
  for (const [k, v] of Object.entries((l.custom_fields ?? {}) as Record<string, unknown>)) {
    // A custom date is a calendar day (its UTC date), sent as "YYYY-MM-DD": never an instant a browser would show in its own zone.
    custom[k] = v instanceof Date ? dayOf(v) : (v as string | number | boolean | null);
  }
  const stored = l as unknown as Record<string, unknown>;
  const typed: Record<string, unknown> = {};
  for (const [key, field] of TYPED) {
    const v = stored[key];
    if (!field) typed[key] = compact(v);
    else if (field.kind === "date") typed[key] = iso(v);
    else typed[key] = v ?? (field.required ? "" : null);
  }
  return {
    ...(typed as InputFields<ViewValue, null>),
    id: String(l._id),
    phone: l.phone ?? "",
    email: l.email ?? null,
    phones: phonesOf(l).map((p) => ({ number: p.number, type: p.type ?? "unknown", status: p.status ?? "active" })),
    emails: emailsOf(l).map((e) => ({ address: e.address, type: e.type ?? null, status: e.status ?? null })),
    // The address also keeps its derived one-line form.
    address: compact(l.address) as LeadView["address"],
    status: l.status,
    priority: l.priority ?? "medium",
    assigned_to: l.assigned_to ? String(l.assigned_to) : null,
    tags: l.tags ?? [],
    communication_count: l.communication_count ?? 0,
    last_contacted: iso(l.last_contacted),
    next_follow_up: iso(l.next_follow_up),
    custom_fields: custom,
    lead_score: l.lead_score ?? null,
    ai_summary: l.ai_summary ?? null,
    created_at: iso(l.created_at),
    updated_at: iso(l.updated_at),
  };
}

/**
 * Whether this person may see this (already tenant-checked) lead. Mirrors leadVisibility(ctx):
 * the same rule, applied to a document read by id.
 */
export function isLeadVisible(ctx: TenantContext, lead: { assigned_to?: unknown }): boolean {
  const rule = leadVisibility(ctx) as { assigned_to?: Types.ObjectId };
  if (!rule.assigned_to) return true;
  return lead.assigned_to != null && String(lead.assigned_to) === String(rule.assigned_to);
}

// Reads by `{ _id }` alone, then checks the tenant and visibility here. Same answer as a
// `{ _id, tenant_id }` filter, but FerretDB 1.24 (SQLite) only pushes a filter down to its
// primary key when it is exactly `{ _id: value }`; with a second key it scans the whole
// collection (seconds at 100,000 leads). MongoDB answers either form from the _id index.
async function findLeadById<T>(ctx: TenantContext, id: unknown, lean: boolean): Promise<T | null> {
  const tenantId = tenantObjectId(ctx);
  if (!isObjectIdString(id)) return null;
  const query = Lead.findOne({ _id: id }).setOptions({ allTenants: true });
  const lead = (lean ? await query.lean() : await query) as { tenant_id?: unknown; assigned_to?: unknown } | null;
  if (!lead || String(lead.tenant_id) !== String(tenantId)) return null;
  if (!isLeadVisible(ctx, lead)) return null;
  return lead as T;
}

/** A lead this person may see, as stored; not found (never forbidden) for foreign, malformed, missing or invisible ids. */
export async function getLeadRecordOrThrow(ctx: TenantContext, id: unknown): Promise<LeadRecord> {
  const lead = await findLeadById<LeadRecord>(ctx, id, true);
  if (!lead) throw notFound("Lead");
  return lead;
}

export async function getLeadOrThrow(ctx: TenantContext, id: unknown): Promise<LeadView> {
  return toLeadView(await getLeadRecordOrThrow(ctx, id));
}

/** The Mongoose document, for edits that must run the model's derivations (search keys, address key). */
export async function getLeadDocumentOrThrow(ctx: TenantContext, id: unknown): Promise<LeadDocument> {
  const lead = await findLeadById<LeadDocument>(ctx, id, false);
  if (!lead) throw notFound("Lead");
  return lead;
}

/** Same as getLeadOrThrow, but null instead of throwing (for pages that call notFound()). */
export async function findLead(ctx: TenantContext, id: unknown): Promise<LeadView | null> {
  const lead = await findLeadById<LeadRecord>(ctx, id, true);
  return lead ? toLeadView(lead) : null;
}

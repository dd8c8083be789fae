import "server-only";
// The tenant's open properties, as matching scores them: open deals (pending, under contract) and
// leads under contract, shared through Redis (shared-rows.ts) and fed by events, so a buyer's page
// ("open deals that fit") scores them from memory instead of reading every lead under contract
// (on FerretDB, which filters and decodes the leads in its own process: seconds for 100,000 leads).
// Built by the worker (`buildOpenProperties`, lib/processors.ts); every change to a deal or
// a lead that can move it in or out, or change what is matched, re-reads it (inline subscriber).
import { Types } from "mongoose";
import type { DomainEventRecord } from "@/lib/core/events/subscribers";
import { nextRevision } from "@/lib/core/events/revision";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { matchingIndexEnabled } from "./buyer-box-index";
import { addressLine, propertyOfDeal, propertyOfLead, type DealForMatching, type LeadForMatching } from "./property";
import { sharedRows, type LocalCopy, type StoredRow } from "./shared-rows";
import type { MatchProperty } from "./types";

export const OPEN_PROPERTIES_MODEL = "open-properties";
export const OPEN_DEAL_STATUSES = ["pending", "under_contract"] as const;
export const OPEN_LEAD_STATUS = "under_contract";

export const DEAL_FIELDS = { lead_id: 1, status: 1, property_address: 1, property_details: 1, financials: 1, analysis: 1, updated_at: 1 } as const;
export const LEAD_FIELDS = { address: 1, property_details: 1, asking_price: 1, estimated_value: 1, status: 1, updated_at: 1, assigned_to: 1 } as const;

export type DealRow = DealForMatching & { _id: Types.ObjectId; status?: string; updated_at?: Date; lead_id?: unknown };
export type LeadRow = LeadForMatching & { _id: Types.ObjectId; status?: string; updated_at?: Date; assigned_to?: unknown };

/** One open property, scored as is: its match shape worked out once, when it changed. */
export type OpenPropertyRow = StoredRow & {
  kind: "deal" | "lead";
  id: string;
  address: string;
  status: string;
  /** updated_at in milliseconds (ties: the most recently changed first). */
  at: number;
  /** A deal's lead (that lead is not listed again); a lead's assignee (for who may see it). */
  lead?: string;
  assignee?: string;
  property: MatchProperty;
};

const rowId = (kind: "deal" | "lead", id: string) => `${kind === "deal" ? "d" : "l"}:${id}`;

export function openDealRow(d: DealRow, rev: number): OpenPropertyRow {
  const id = String(d._id);
  return { _id: rowId("deal", id), rev, kind: "deal", id, address: addressLine(d.property_address), status: d.status ?? "", at: d.updated_at?.getTime() ?? 0, ...(d.lead_id ? { lead: String(d.lead_id) } : {}), property: propertyOfDeal(d) };
}

export function openLeadRow(l: LeadRow, rev: number): OpenPropertyRow {
  const id = String(l._id);
  return { _id: rowId("lead", id), rev, kind: "lead", id, address: addressLine(l.address), status: l.status ?? "", at: l.updated_at?.getTime() ?? 0, ...(l.assigned_to ? { assignee: String(l.assigned_to) } : {}), property: propertyOfLead(l) };
}

const store = sharedRows<OpenPropertyRow>({ name: OPEN_PROPERTIES_MODEL, version: 1, revive: (row) => row, maxTenants: 50, maxAgeMs: 6 * 3600_000 });

export interface OpenProperties {
  deals: OpenPropertyRow[];
  leads: OpenPropertyRow[];
}

const derived = new WeakMap<LocalCopy<OpenPropertyRow>, { version: number; value: OpenProperties }>();

/** The tenant's open deals and leads under contract; null while none is built (read the database). */
export async function tenantOpenProperties(ctx: Pick<TenantContext, "tenantId">): Promise<OpenProperties | null> {
  const local = await store.current(ctx.tenantId);
  if (!local) return null;
  const held = derived.get(local);
  if (held && held.version === local.version) return held.value;
  const value: OpenProperties = { deals: [], leads: [] };
  for (const row of local.rows.values()) (row.kind === "deal" ? value.deals : value.leads).push(row);
  derived.set(local, { version: local.version, value });
  return value;
}

/** One read of the open deals and the leads under contract (the worker's job). */
export async function buildOpenProperties(ctx: Pick<TenantContext, "tenantId">): Promise<{ rows: number } | null> {
  const c = ctx as TenantContext;
  return store.build(ctx.tenantId, async (rev, emit) => {
    // One equality per status: FerretDB pushes equality down, never $in.
    for (const status of OPEN_DEAL_STATUSES) {
      const deals = await scoped(c, Deal).find({ status }, DEAL_FIELDS).batchSize(10_000).lean<DealRow[]>().exec();
      await emit(deals.map((d) => openDealRow(d, rev)));
    }
    let batch: OpenPropertyRow[] = [];
    const cursor = scoped(c, Lead).find({ status: OPEN_LEAD_STATUS }, LEAD_FIELDS).lean<LeadRow[]>().cursor({ batchSize: 2000 });
    for await (const l of cursor) {
      batch.push(openLeadRow(l as LeadRow, rev));
      if (batch.length >= 2000) {
        await emit(batch);
        batch = [];
      }
    }
    await emit(batch);
  });
}

// What a matched property is made of: a change to anything else (notes, tags, a lead's activity)
// cannot move it in or out or change its score, only its "changed" time, which is refreshed when
// the property is listed.
const DEAL_PATHS = new Set(["status", "lead_id", "property_address", "property_details", "financials", "analysis"]);
const LEAD_PATHS = new Set(["status", "address", "property_details", "asking_price", "estimated_value", "assigned_to"]);

/** Re-reads the deals or leads an event changed and records them in (or out of) the open properties. */
export async function applyOpenPropertyChanges(event: Pick<DomainEventRecord, "tenant_id" | "resource" | "kind" | "ids" | "changes">): Promise<void> {
  const tenantId = String(event.tenant_id);
  const kind = event.resource === "deal" ? "deal" : event.resource === "lead" ? "lead" : null;
  if (!kind || !matchingIndexEnabled() || !(await store.accepting(tenantId))) return;
  const ids = event.ids.map(String).filter((id) => Types.ObjectId.isValid(id));
  const paths = kind === "deal" ? DEAL_PATHS : LEAD_PATHS;
  const open = (status: unknown) => (kind === "deal" ? (OPEN_DEAL_STATUSES as readonly unknown[]).includes(status) : status === OPEN_LEAD_STATUS);
  const relevant = event.kind !== "updated" || !event.changes.length || event.changes.some((c) => paths.has(c.path.split(".")[0]));
  // A status that may have moved out of the open ones leaves a removal (in revision order, so a
  // slower re-read from before cannot bring it back); others are removed only if listed, so the
  // thousands of leads that never were under contract leave nothing behind.
  const mayLeave = event.kind === "updated" && event.changes.some((c) => c.path === "status" && (!("before" in c) || open(c.before) || open(c.after)));
  const listed = await store.held(tenantId, ids.map((id) => rowId(kind, id)));
  // An irrelevant change only moves a listed property's "changed" time; most leads are not listed.
  const toRead = relevant ? ids : ids.filter((id) => listed.has(rowId(kind, id)));
  if (!toRead.length) return;
  const ctx = { tenantId } as TenantContext;
  const rev = await nextRevision(tenantId);
  const read = async (id: string) =>
    kind === "deal"
      ? scoped(ctx, Deal).findOne({ _id: new Types.ObjectId(id) }, DEAL_FIELDS).lean<DealRow>().exec()
      : scoped(ctx, Lead).findOne({ _id: new Types.ObjectId(id) }, LEAD_FIELDS).lean<LeadRow>().exec();
  const docs: (DealRow | LeadRow | null)[] = [];
  // Bounded: a bulk change of thousands is read a hundred at a time.
  for (let i = 0; i < toRead.length; i += 100) docs.push(...(await Promise.all(toRead.slice(i, i + 100).map(read))));
  const upserts: OpenPropertyRow[] = [];
  const removes: { _id: string; rev: number }[] = [];
  toRead.forEach((id, i) => {
    const doc = docs[i];
    if (doc && open(doc.status)) upserts.push(kind === "deal" ? openDealRow(doc as DealRow, rev) : openLeadRow(doc as LeadRow, rev));
    else if (mayLeave || listed.has(rowId(kind, id))) removes.push({ _id: rowId(kind, id), rev });
  });
  await store.append(tenantId, upserts, removes);
}

/** Forgets a tenant's shared open properties (tests, a reseed). */
export function dropOpenProperties(tenantId: string): Promise<void> {
  return store.drop(tenantId);
}

export function forgetOpenProperties(): void {
  store.forgetLocal();
}

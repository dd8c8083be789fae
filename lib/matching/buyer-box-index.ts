import "server-only";
// Every buyer's box of a tenant, by location key, shared through Redis (shared-rows.ts): on the
// embedded database, where FerretDB decodes and filters every buyer of an area in its own process
// (seconds for a metro of a 10,000-buyer list, docs/benchmarks.md "Matching"), matching reads
// these instead.
//
// The worker builds a tenant's boxes (one read of its buyers; `buildBuyerBoxes`, registered in
// lib/processors.ts); every change to a buyer is re-read by its writer's event subscriber
// (subscriber.ts, inline, right after the write) and recorded; web processes load the boxes once
// and follow the changes: a match costs one Redis round trip and no database read, and no request
// ever reads every buyer. Until a tenant's first build is published, matches read the database.
// MATCHING_INDEX=off (set with LEAD_LIST_INDEX=off on MongoDB deployments) reads the database.
import { Types } from "mongoose";
import { ANYWHERE_KEY, kindOfLocationKey } from "@/lib/buyers/locations";
import { nextRevision } from "@/lib/core/events/revision";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Buyer } from "@/models/buyer";
import { sharedRows, type LocalCopy, type StoredRow } from "./shared-rows";
import type { BuyerBox, MatchProperty } from "./types";

export const BUYER_BOXES_MODEL = "buyer-boxes";

/** The fields matching reads of a buyer. */
export const BUYER_MATCH_FIELDS = {
  name: 1,
  company: 1,
  is_active: 1,
  is_verified: 1,
  property_types: 1,
  price_range: 1,
  preferred_locations: 1,
  funding_type: 1,
  proof_of_funds: 1,
  last_contacted: 1,
} as const;

export type BuyerRow = Omit<BuyerBox, "id"> & { _id: Types.ObjectId; tenant_id?: unknown };

export function buyerBoxOf(row: BuyerRow): BuyerBox {
  const { _id, tenant_id: _t, ...rest } = row;
  return { ...rest, id: String(_id) };
}

/**
 * A box as stored: short keys, nothing empty, dates as milliseconds (about 150 bytes a buyer).
 * `box` is the BuyerBox itself, rebuilt when the row is read, so scoring gets the same values a
 * database read gives (dates as Date).
 */
type BoxRow = StoredRow & {
  n: string;
  c?: string | null;
  a?: boolean | null;
  v?: boolean | null;
  t?: string[] | null;
  r?: { min?: number | null; max?: number | null } | null;
  l?: string[] | null;
  f?: string | null;
  p?: { e?: number | null; i?: string | null; n?: string | null } | null;
  lc?: number | null;
  box?: BuyerBox;
};

const ms = (d: Date | string | null | undefined): number | null | undefined => (d == null ? (d as null | undefined) : new Date(d).getTime());
const date = (n: number | null | undefined): Date | null | undefined => (n == null ? (n as null | undefined) : new Date(n));

function rowOf(row: BuyerRow, rev: number): BoxRow {
  const pof = row.proof_of_funds;
  const out: BoxRow = { _id: String(row._id), rev, n: row.name };
  if (row.company !== undefined) out.c = row.company;
  if (row.is_active !== undefined) out.a = row.is_active;
  if (row.is_verified !== undefined) out.v = row.is_verified;
  if (row.property_types !== undefined) out.t = row.property_types;
  if (row.price_range !== undefined) out.r = row.price_range && { min: row.price_range.min, max: row.price_range.max };
  if (row.preferred_locations !== undefined) out.l = row.preferred_locations;
  if (row.funding_type !== undefined) out.f = row.funding_type;
  if (pof !== undefined) out.p = pof && { e: ms(pof.expires_at), i: pof.file_id, n: pof.file_name };
  if (row.last_contacted !== undefined) out.lc = ms(row.last_contacted);
  return out;
}

function revive(row: BoxRow): BoxRow {
  const box: BuyerBox = { id: row._id, name: row.n };
  if (row.c !== undefined) box.company = row.c;
  if (row.a !== undefined) box.is_active = row.a;
  if (row.v !== undefined) box.is_verified = row.v;
  if (row.t !== undefined) box.property_types = row.t;
  if (row.r !== undefined) box.price_range = row.r;
  if (row.l !== undefined) box.preferred_locations = row.l;
  if (row.f !== undefined) box.funding_type = row.f;
  // An invalid date was stored as null (JSON has no NaN): scoring reads either as no date.
  if (row.p !== undefined) box.proof_of_funds = row.p && { expires_at: date(row.p.e), file_id: row.p.i, file_name: row.p.n };
  if (row.lc !== undefined) box.last_contacted = date(row.lc);
  return { _id: row._id, rev: row.rev, n: row.n, box };
}

const store = sharedRows<BoxRow>({
  name: BUYER_BOXES_MODEL,
  version: 1,
  revive: (row) => (row.box ? row : revive(row)),
  maxTenants: 20,
  maxAgeMs: 6 * 3600_000,
});

export function matchingIndexEnabled(): boolean {
  const v = process.env.MATCHING_INDEX;
  if (v === "on" || v === "off") return v === "on";
  return process.env.LEAD_LIST_INDEX !== "off";
}

export interface TenantBoxes {
  byKey: Map<string, BuyerBox[]>;
}

const derived = new WeakMap<LocalCopy<BoxRow>, { version: number; boxes: TenantBoxes }>();

/** The boxes by location key, redone only after a change (a few milliseconds for 10,000 buyers). */
function byKeyOf(local: LocalCopy<BoxRow>): TenantBoxes {
  const held = derived.get(local);
  if (held && held.version === local.version) return held.boxes;
  const byKey = new Map<string, BuyerBox[]>();
  for (const row of local.rows.values()) {
    const b = row.box!;
    for (const key of b.preferred_locations ?? []) {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(b);
    }
  }
  const boxes = { byKey };
  derived.set(local, { version: local.version, boxes });
  return boxes;
}

/** The tenant's buyer boxes, current as of the last change recorded; null while none is built. */
export async function tenantBuyerBoxes(ctx: Pick<TenantContext, "tenantId">): Promise<TenantBoxes | null> {
  const local = await store.current(ctx.tenantId);
  return local && byKeyOf(local);
}

/** Builds the tenant's boxes from one read of its buyers (the worker's job; tests and the benchmark call it). */
export async function buildBuyerBoxes(ctx: Pick<TenantContext, "tenantId">): Promise<{ rows: number } | null> {
  return store.build(ctx.tenantId, async (rev, emit) => {
    let batch: BoxRow[] = [];
    const cursor = scoped(ctx as TenantContext, Buyer).find({}, BUYER_MATCH_FIELDS).lean<BuyerRow[]>().cursor({ batchSize: 2000 });
    for await (const doc of cursor) {
      batch.push(rowOf(doc as BuyerRow, rev));
      if (batch.length >= 2000) {
        await emit(batch);
        batch = [];
      }
    }
    await emit(batch);
  });
}

/** Past this many changed buyers, one read of the tenant's buyers by $in beats reads by _id. */
const BY_ID_LIMIT = 200;

/**
 * Records changed buyers in the shared boxes: each re-read now (by _id alone, FerretDB's primary
 * key; the tenant checked here), those gone removed. Nothing to do while no build exists.
 */
export async function applyBuyerChanges(ctx: Pick<TenantContext, "tenantId">, ids: string[]): Promise<void> {
  const tenantId = ctx.tenantId;
  if (!matchingIndexEnabled() || !(await store.accepting(tenantId))) return;
  const valid = ids.filter((id) => Types.ObjectId.isValid(id));
  if (!valid.length) {
    await store.schedule(tenantId);
    return;
  }
  const rev = await nextRevision(tenantId);
  let rows: (BuyerRow | null)[];
  if (valid.length <= BY_ID_LIMIT) {
    rows = await Promise.all(
      valid.map((id) => Buyer.findOne({ _id: new Types.ObjectId(id) }, { ...BUYER_MATCH_FIELDS, tenant_id: 1 }).setOptions({ allTenants: true }).lean<BuyerRow>().exec()),
    );
    rows = rows.map((r) => (r && String(r.tenant_id) === tenantId ? r : null));
  } else {
    const found = await scoped(ctx as TenantContext, Buyer).find({ _id: { $in: valid } }, BUYER_MATCH_FIELDS).batchSize(10_000).lean<BuyerRow[]>().exec();
    const byId = new Map(found.map((r) => [String(r._id), r]));
    rows = valid.map((id) => byId.get(id) ?? null);
  }
  const upserts: BoxRow[] = [];
  const removes: { _id: string; rev: number }[] = [];
  valid.forEach((id, i) => {
    const row = rows[i];
    if (row) upserts.push(rowOf(row, rev));
    else removes.push({ _id: id, rev });
  });
  await store.append(tenantId, upserts, removes);
}

/**
 * The same candidates as the database queries of find-candidates.ts: active buyers of every key
 * of the property (and of "any"), and every buyer of its ZIP, city and county keys (near misses).
 */
export function candidatesFromBoxes(boxes: TenantBoxes, property: MatchProperty): BuyerBox[] {
  const seen = new Set<string>();
  const out: BuyerBox[] = [];
  for (const key of [...property.locationKeys, ANYWHERE_KEY]) {
    const kind = kindOfLocationKey(key);
    const nearMisses = kind === "zip" || kind === "city" || kind === "county";
    for (const b of boxes.byKey.get(key) ?? []) {
      if ((!nearMisses && b.is_active === false) || seen.has(b.id)) continue;
      seen.add(b.id);
      out.push(b);
    }
  }
  return out;
}

/** Forgets a tenant's shared boxes (tests, a reseed). */
export function dropBuyerBoxes(tenantId: string): Promise<void> {
  return store.drop(tenantId);
}

/** Forgets this process's copies (tests and the benchmark: the next match loads from Redis). */
export function forgetBuyerBoxes(): void {
  store.forgetLocal();
}

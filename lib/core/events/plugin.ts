import mongoose, { Types, type Schema } from "mongoose";
import { isExactTenantId } from "@/lib/core/db/tenant-guard";
import { currentActor, UNATTRIBUTED, type EventActor } from "./actor";
import { closeEvent, openEvent, voidEvent, type OpenEvent } from "./outbox";
import type { EventState } from "./subscribers";
import { lockDocuments, type Release } from "./document-locks";

async function release(holder: any): Promise<void> {
  const unlock: Release | undefined = holder[LOCK];
  if (unlock) {
    delete holder[LOCK];
    await unlock();
  }
}

// Domain events, captured where every write passes: the schema's own middleware. A writer writes;
// it never announces its change. Each change of an event-emitting collection takes the tenant's
// next revision (stamped on the documents it writes as `rev`), opens a pending event in the
// outbox, runs, and closes the event with the ids it wrote (outbox.ts). Writes that span tenants
// (`allTenants`: migrations, the seed) emit nothing: whoever runs them rebuilds the read models.

const EVENT = Symbol("domainEvent");
const LOCK = Symbol("documentLock");
const STATES = Symbol("eventStates");

/**
 * Fields every state carries besides those a change wrote, so subscribers know what a document
 * was (its name, its tags, whom a message went to) without reading it again, even once deleted.
 */
export const IDENTITY_PATHS = ["name", "tags", "recipient_type", "recipient_id"] as const;
/** A change of more documents than this keeps no states (its event would grow past reason). */
const MAX_STATES = 2000;

/** The top-level fields of written paths ("address.zip_code" → "address"), with the identifying ones. */
function stateFields(paths: string[]): string[] {
  const tops = paths.filter((p) => !p.startsWith("$")).map((p) => p.split(".")[0]);
  return [...new Set([...tops, ...IDENTITY_PATHS])];
}

function stateProjection(fields: string[]): Record<string, 1> {
  return Object.fromEntries([["_id", 1], ...fields.map((f) => [f, 1])]);
}

function pick(doc: Record<string, unknown> | null | undefined, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, doc?.[f] ?? null]));
}

function eventMeta(options: unknown): Record<string, unknown> | undefined {
  const meta = (options as { eventMeta?: Record<string, unknown> } | undefined)?.eventMeta;
  return meta && typeof meta === "object" ? meta : undefined;
}
const SINGLE_UPDATES = new Set(["updateOne", "findOneAndUpdate", "replaceOne", "findOneAndReplace"]);
const UPDATES = ["updateOne", "updateMany", "findOneAndUpdate", "replaceOne", "findOneAndReplace"];
const DELETES = ["deleteOne", "deleteMany", "findOneAndDelete"];
const INTERNAL_PATHS = new Set(["rev", "updated_at", "created_at", "search_keys", "address_key", "address.full_address", "counters_state"]);

type AnyQuery = mongoose.Query<unknown, unknown> & { [EVENT]?: OpenEvent; [LOCK]?: Release; [STATES]?: { fields: string[]; states: EventState[] | null }; op: string; model: mongoose.Model<any> };

function queryActor(query: AnyQuery): EventActor {
  return (query.getOptions() as { actor?: EventActor }).actor ?? currentActor() ?? UNATTRIBUTED;
}

/** The tenant a query is pinned to, or null for a cross-tenant one (which emits nothing). */
function queryTenant(query: AnyQuery): Types.ObjectId | null {
  if ((query.getOptions() as { allTenants?: boolean; skipEvents?: boolean }).allTenants) return null;
  const t = (query.getFilter() as { tenant_id?: unknown }).tenant_id;
  return isExactTenantId(t) ? new Types.ObjectId(String(t)) : null;
}

/** The paths an update writes, and their new values where the update says them plainly. */
function writtenPaths(update: unknown): { path: string; after?: unknown }[] {
  if (!update || typeof update !== "object" || Array.isArray(update)) return [];
  const out: { path: string; after?: unknown }[] = [];
  for (const [key, value] of Object.entries(update as Record<string, unknown>)) {
    if (!key.startsWith("$")) out.push({ path: key, after: value });
    else if (value && typeof value === "object") {
      for (const [path, v] of Object.entries(value)) out.push(key === "$set" ? { path, after: v } : { path });
    }
  }
  return out.filter((c) => !INTERNAL_PATHS.has(c.path));
}

function stampRevision(update: unknown, rev: number, replace: boolean): void {
  if (!update || typeof update !== "object" || Array.isArray(update)) return;
  const u = update as Record<string, any>;
  if (replace) u.rev = rev;
  else (u.$set ??= {}).rev = rev;
}

/** Past this many ids, one `_id: { $in }` read beats reads by id. */
const BY_ID_MAX = 16;

/**
 * Documents of one tenant by id: a few are read one `{ _id }` at a time (the tenant checked on what
 * comes back), because FerretDB serves neither `_id: { $in }` nor `_id` beside another key from
 * its primary key: it reads every document of the tenant (4 s for one buyer among 10,000 under
 * load, docs/benchmarks.md "Matching"). MongoDB answers either form from the _id index.
 */
async function findOfTenant(model: mongoose.Model<any>, tenant: Types.ObjectId, ids: readonly unknown[], projection: Record<string, 1>): Promise<Record<string, unknown>[]> {
  if (ids.length > BY_ID_MAX) return (await model.find({ tenant_id: tenant, _id: { $in: ids } }, projection).lean()) as Record<string, unknown>[];
  const docs = await Promise.all(ids.map((id) => model.findOne({ _id: id }, { ...projection, tenant_id: 1 }).setOptions({ allTenants: true }).lean()));
  return (docs as (Record<string, unknown> | null)[]).filter((d): d is Record<string, unknown> => d !== null && String(d.tenant_id) === String(tenant));
}

function getPath(doc: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), doc);
}

/** Adds domain events to a tenant-owned schema. Register after the tenant guard. */
export function domainEvents(schema: Schema, resource: string): void {
  // No default: documents written before events existed, or by the seed, have none.
  schema.add({ rev: { type: Number } });

  // Creates (Model.create, new Model().save()) and document edits (doc.save()).
  schema.pre("save" as any, async function (this: any) {
    if (this.$locals?.skipEvents) return;
    const kind = this.isNew ? "created" : "updated";
    const changes = kind === "updated" ? this.modifiedPaths({ includeChildren: false }).filter((p: string) => !INTERNAL_PATHS.has(p)).map((path: string) => ({ path, after: this.get(path) })) : [];
    if (kind === "updated" && !changes.length) return;
    const tenant = new Types.ObjectId(String(this.tenant_id));
    const fields = stateFields(changes.map((c: { path: string }) => c.path));
    if (kind === "updated") {
      const model = this.constructor as mongoose.Model<any>;
      this.$locals[LOCK] = await lockDocuments(model, [this._id]);
      // The stored values, read under the lock: what this save changes them from.
      const [stored = null] = await findOfTenant(model, tenant, [this._id], stateProjection(fields));
      for (const c of changes) c.before = getPath(stored ?? {}, c.path);
      this.$locals[STATES] = { fields, before: pick(stored, fields) };
    } else this.$locals[STATES] = { fields: [...IDENTITY_PATHS] };
    const event = await openEvent({ tenant_id: tenant, resource, kind, actor: this.$locals?.actor ?? currentActor() ?? UNATTRIBUTED, changes, ids: [this._id], meta: eventMeta(this.$locals) });
    this.rev = event.rev;
    this.$locals[EVENT] = event;
  });
  schema.post("save" as any, async function (this: any) {
    await release(this.$locals ?? {});
    const event: OpenEvent | undefined = this.$locals?.[EVENT];
    if (!event) return;
    delete this.$locals[EVENT];
    const kept: { fields: string[]; before?: Record<string, unknown> } | undefined = this.$locals[STATES];
    delete this.$locals[STATES];
    const states = kept ? [{ id: this._id, ...(kept.before ? { before: kept.before } : {}), after: pick(this.toObject({ depopulate: true }), kept.fields) }] : undefined;
    await closeEvent(event, [this._id], states);
  });
  schema.post("save" as any, function (this: any, error: any, _doc: unknown, next: (err?: any) => void) {
    void release(this.$locals ?? {});
    const event: OpenEvent | undefined = this.$locals?.[EVENT];
    if (event) {
      delete this.$locals[EVENT];
      void voidEvent(event);
    }
    next(error);
  });

  // Update queries: the documents are read first (ids, and the values before for one document),
  // a single-document update is pinned to the document read, and every written document gets
  // the revision, by which the documents an updateMany wrote are found again afterwards.
  schema.pre(UPDATES as unknown as RegExp, async function (this: AnyQuery) {
    const tenant = queryTenant(this);
    if (!tenant || (this.getOptions() as { skipEvents?: boolean }).skipEvents) return;
    const replace = this.op === "replaceOne" || this.op === "findOneAndReplace";
    const single = SINGLE_UPDATES.has(this.op);
    const upsert = Boolean(this.getOptions().upsert);
    const changes = replace ? [] : writtenPaths(this.getUpdate());
    const filterId = (this.getFilter() as { _id?: unknown })._id;
    const fields = stateFields(replace ? Object.keys((this.getUpdate() ?? {}) as object) : changes.map((c) => c.path));
    const projection = stateProjection(fields);
    let before: Record<string, unknown> | null = null;
    let ids: Types.ObjectId[] = [];
    let befores: Record<string, unknown>[] | null = null;
    if (single && isExactTenantId(filterId) && !upsert) {
      // By id (most updates): the values before are read under the lock, below.
      ids = [new Types.ObjectId(String(filterId))];
    } else if (single) {
      const sort = (this.getOptions() as { sort?: unknown }).sort;
      const found = this.model.findOne(this.getFilter(), projection).lean();
      if (sort) found.sort(sort as Record<string, 1 | -1>);
      before = (await found) as Record<string, unknown> | null;
      if (!before && !upsert) return;
      if (before) {
        this.where({ _id: before._id });
        ids = [before._id as Types.ObjectId];
      }
    }
    if (!single) {
      const found = (await this.model.find(this.getFilter(), projection).lean()) as ({ _id: Types.ObjectId } & Record<string, unknown>)[];
      ids = found.map((d) => d._id);
      if (!ids.length) return;
      if (ids.length <= MAX_STATES) befores = found;
      this.where({ _id: { $in: ids } });
    }
    this[LOCK] = await lockDocuments(this.model, ids);
    if (single && !before && ids.length) {
      [before = null] = await findOfTenant(this.model, tenant, [ids[0]], projection);
    }
    if (before) befores = [before];
    this[STATES] = { fields, states: befores ? befores.map((d) => ({ id: d._id as Types.ObjectId, before: pick(d, fields) })) : null };
    const kind = single && upsert && !before ? "created" : "updated";
    const event = await openEvent({
      tenant_id: tenant,
      resource,
      kind,
      actor: queryActor(this),
      changes: before ? changes.map((c) => ({ ...c, before: getPath(before!, c.path) })) : changes,
      ids,
      meta: eventMeta(this.getOptions()),
    });
    stampRevision(this.getUpdate(), event.rev, replace);
    this[EVENT] = event;
  });
  schema.post(UPDATES as unknown as RegExp, async function (this: AnyQuery, res: any) {
    await release(this);
    const event = this[EVENT];
    if (!event) return;
    delete this[EVENT];
    const kept = this[STATES];
    delete this[STATES];
    let ids = event.ids;
    let afters: Record<string, unknown>[] | null = null;
    if (res?.upsertedId) ids = [res.upsertedId];
    else if (this.op === "updateMany") {
      // The documents carrying the revision are those it wrote, read back with their values after.
      const written = (await this.model.find({ tenant_id: event.tenant_id, rev: event.rev }, stateProjection(kept?.fields ?? [])).lean()) as Record<string, unknown>[];
      ids = written.map((d) => d._id as Types.ObjectId);
      afters = written;
    } else if (res && typeof res.matchedCount === "number" && res.matchedCount === 0) ids = [];
    else if (res === null && this.op.startsWith("findOneAnd")) ids = [];
    let states: EventState[] | undefined;
    if (kept?.states && ids.length) {
      afters ??= await findOfTenant(this.model, event.tenant_id, ids, stateProjection(kept.fields));
      const after = new Map(afters.map((d) => [String(d._id), d]));
      states = kept.states.map((st) => ({ ...st, after: pick(after.get(String(st.id)) ?? null, kept.fields) }));
    }
    await closeEvent(event, ids, states);
  });

  // Deletes: the ids are read first, and the delete is pinned to them, so it removes exactly the
  // documents its event names.
  schema.pre(DELETES as unknown as RegExp, async function (this: AnyQuery) {
    const tenant = queryTenant(this);
    if (!tenant || (this.getOptions() as { skipEvents?: boolean }).skipEvents) return;
    // What each document was (name, tags, recipient) goes with the event: it is gone afterwards.
    const fields = [...IDENTITY_PATHS];
    const found = this.model.find(this.getFilter(), stateProjection(fields)).lean();
    if (this.op !== "deleteMany") found.limit(1);
    const sort = (this.getOptions() as { sort?: unknown }).sort;
    if (sort) found.sort(sort as Record<string, 1 | -1>);
    const docs = (await found) as ({ _id: Types.ObjectId } & Record<string, unknown>)[];
    const ids = docs.map((d) => d._id);
    if (!ids.length) return;
    this.where({ _id: { $in: ids } });
    this[STATES] = { fields, states: ids.length <= MAX_STATES ? docs.map((d) => ({ id: d._id, before: pick(d, fields) })) : null };
    this[EVENT] = await openEvent({ tenant_id: tenant, resource, kind: "deleted", actor: queryActor(this), changes: [], ids, meta: eventMeta(this.getOptions()) });
  });
  schema.post(DELETES as unknown as RegExp, async function (this: AnyQuery) {
    const event = this[EVENT];
    if (!event) return;
    delete this[EVENT];
    const kept = this[STATES];
    delete this[STATES];
    await closeEvent(event, event.ids, kept?.states ?? undefined);
  });

  // Failed queries change nothing: their pending events go.
  for (const op of [...UPDATES, ...DELETES]) {
    schema.post(op as any, function (this: any, error: any, _res: unknown, next: (err?: any) => void) {
      void release(this);
      delete this[STATES];
      const event = this[EVENT];
      if (event) {
        delete this[EVENT];
        void voidEvent(event);
      }
      next(error);
    });
  }

  // insertMany and bulkWrite hand their hooks no options and no way to pass state from before to
  // after, so the model's own statics are wrapped.
  schema.static("insertMany", async function (this: mongoose.Model<any>, docs: any, options?: any) {
    const list: Record<string, any>[] = (Array.isArray(docs) ? docs : [docs]).map((d: any) => (d instanceof mongoose.Document ? d : { ...d }));
    const original = mongoose.Model.insertMany as (...a: unknown[]) => Promise<any>;
    const { actor: declared, skipEvents, eventMeta: meta, ...rest } = options ?? {};
    options = rest;
    if (options.allTenants || skipEvents || !list.length) return original.call(this, list, options);
    const events: { event: OpenEvent; ids: Set<string> }[] = [];
    for (const [tenantId, group] of groupByTenant(list)) {
      for (const d of group) d._id ??= new Types.ObjectId();
      const event = await openEvent({ tenant_id: new Types.ObjectId(tenantId), resource, kind: "created", actor: declared ?? currentActor() ?? UNATTRIBUTED, changes: [], ids: group.map((d) => d._id), meta });
      for (const d of group) d.rev = event.rev;
      events.push({ event, ids: new Set(group.map((d) => String(d._id))) });
    }
    let result: any;
    try {
      result = await original.call(this, list, options);
    } finally {
      // Whatever was written (all, or the valid part of an unordered insert that threw) is
      // announced; the sweep settles what this process could not.
      const stored = result ? insertedIds(result) : null;
      for (const { event, ids } of events) {
        const written = stored ? event.ids.filter((id) => stored.has(String(id)) && ids.has(String(id))) : await existingIds(this, event);
        // What each new document is (as a create's event says), so subscribers need not read them back.
        const states = written.length <= MAX_STATES ? list.filter((d) => ids.has(String(d._id))).map((d) => ({ id: d._id as Types.ObjectId, after: pick(d, [...IDENTITY_PATHS]) })) : undefined;
        await closeEvent(event, written, states);
      }
    }
    return result;
  });

  schema.static("bulkWrite", async function (this: mongoose.Model<any>, ops: any[], options?: any) {
    const original = mongoose.Model.bulkWrite as (...a: unknown[]) => Promise<any>;
    const { actor: declared, skipEvents, eventMeta: meta, ...rest } = options ?? {};
    options = rest;
    if (options.allTenants || skipEvents || !ops?.length) return original.call(this, ops, options);
    const actor = declared ?? currentActor() ?? UNATTRIBUTED;
    // Each kind of change of each tenant is one event with its own revision, stamped on the
    // documents it writes, by which they are found again afterwards.
    type Kind = "created" | "updated" | "deleted";
    const groups = new Map<string, { tenant: string; kind: Kind; ids: Types.ObjectId[]; stamp: ((rev: number) => void)[]; open: boolean; paths: Set<string> }>();
    const group = (tenant: string, kind: Kind) => {
      const key = `${tenant}:${kind}`;
      if (!groups.has(key)) groups.set(key, { tenant, kind, ids: [], stamp: [], open: false, paths: new Set() });
      return groups.get(key)!;
    };
    for (const op of ops) {
      const [kind, spec] = Object.entries(op)[0] as [string, any];
      const tenant = String(kind === "insertOne" ? spec.document?.tenant_id : spec.filter?.tenant_id);
      if (!isExactTenantId(tenant)) continue; // the tenant guard refuses it
      if (kind === "insertOne") {
        spec.document._id ??= new Types.ObjectId();
        const g = group(tenant, "created");
        g.ids.push(spec.document._id);
        g.stamp.push((rev) => (spec.document.rev = rev));
        continue;
      }
      const byId = isExactTenantId(spec.filter?._id) ? [new Types.ObjectId(String(spec.filter._id))] : null;
      const ids = byId ?? (await this.find(spec.filter, { _id: 1 }).limit(kind.endsWith("Many") ? 0 : 1).lean()).map((d: any) => d._id);
      if (kind === "deleteOne" || kind === "deleteMany") {
        if (!byId) spec.filter = { ...spec.filter, _id: { $in: ids } };
        group(tenant, "deleted").ids.push(...ids);
      } else {
        const g = group(tenant, "updated");
        g.ids.push(...ids);
        for (const c of kind === "replaceOne" ? Object.keys(spec.replacement ?? {}).map((path) => ({ path })) : writtenPaths(spec.update)) g.paths.add(c.path);
        g.open ||= kind === "updateMany" || Boolean(spec.upsert);
        g.stamp.push((rev) => (kind === "replaceOne" ? (spec.replacement = { ...spec.replacement, rev }) : stampRevision(spec.update, rev, false)));
      }
    }
    const events: { event: OpenEvent; kind: Kind; open: boolean; fields: string[]; befores?: Map<string, Record<string, unknown>> }[] = [];
    for (const g of groups.values()) {
      const changes = [...g.paths].filter((p) => !INTERNAL_PATHS.has(p)).map((path) => ({ path }));
      const event = await openEvent({ tenant_id: new Types.ObjectId(g.tenant), resource, kind: g.kind, actor, changes, ids: g.ids, meta });
      for (const stamp of g.stamp) stamp(event.rev);
      events.push({ event, kind: g.kind, open: g.open, fields: g.kind === "created" ? [] : stateFields(changes.map((c) => c.path)) });
    }
    const unlock = await lockDocuments(this, [...groups.values()].filter((g) => g.kind === "updated").flatMap((g) => g.ids));
    try {
      // The values before of the documents it updates or deletes, read under their locks.
      for (const e of events) {
        if (e.kind === "created" || !e.event.ids.length || e.event.ids.length > MAX_STATES) continue;
        const docs = await findOfTenant(this, e.event.tenant_id, e.event.ids, stateProjection(e.fields));
        e.befores = new Map(docs.map((d) => [String(d._id), d]));
      }
      return await original.call(this, ops, options);
    } finally {
      await unlock();
      for (const { event, kind, fields, befores } of events) {
        if (kind === "deleted") {
          const gone = await missingIds(this, event);
          await closeEvent(event, gone, befores ? gone.map((id) => ({ id, before: pick(befores.get(String(id)), fields) })) : undefined);
        } else if (kind === "updated" && befores) {
          const docs = (await this.find({ tenant_id: event.tenant_id, rev: event.rev }, stateProjection(fields)).lean()) as Record<string, unknown>[];
          await closeEvent(event, docs.map((d) => d._id as Types.ObjectId), docs.map((d) => ({ id: d._id as Types.ObjectId, before: pick(befores.get(String(d._id)), fields), after: pick(d, fields) })));
        } else await closeEvent(event, await existingIds(this, event));
      }
    }
  });
}

function groupByTenant(docs: Record<string, any>[]): Map<string, Record<string, any>[]> {
  const out = new Map<string, Record<string, any>[]>();
  for (const d of docs) {
    const t = String(d.tenant_id);
    if (!isExactTenantId(t)) continue; // refused by validation (tenant_id is required)
    if (!out.has(t)) out.set(t, []);
    out.get(t)!.push(d);
  }
  return out;
}

function insertedIds(result: any): Set<string> {
  const docs = Array.isArray(result) ? result : (result?.mongoose?.results ?? []);
  const ids = new Set<string>();
  for (const d of docs) if (d && d._id) ids.add(String(d._id));
  if (result?.insertedIds) for (const id of Object.values(result.insertedIds)) ids.add(String(id));
  return ids;
}

/** The documents of the event's tenant that carry its revision: exactly those it wrote. */
export async function existingIds(model: mongoose.Model<any>, event: { tenant_id: Types.ObjectId; rev: number }): Promise<Types.ObjectId[]> {
  const docs = await model.find({ tenant_id: event.tenant_id, rev: event.rev }, { _id: 1 }).lean();
  return docs.map((d: any) => d._id);
}

/** The event's ids that no longer exist. */
export async function missingIds(model: mongoose.Model<any>, event: { tenant_id: Types.ObjectId; ids: Types.ObjectId[] }): Promise<Types.ObjectId[]> {
  if (!event.ids.length) return [];
  const left = new Set((await findOfTenant(model, event.tenant_id, event.ids, { _id: 1 })).map((d) => String(d._id)));
  return event.ids.filter((id) => !left.has(String(id)));
}

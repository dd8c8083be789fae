import mongoose, { Types, type Schema } from "mongoose";
import { isExactTenantId } from "@/lib/db/tenant-guard";
import { currentActor, UNATTRIBUTED, type EventActor } from "./actor";
import { closeEvent, openEvent, voidEvent, type OpenEvent } from "./outbox";
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
const SINGLE_UPDATES = new Set(["updateOne", "findOneAndUpdate", "replaceOne", "findOneAndReplace"]);
const UPDATES = ["updateOne", "updateMany", "findOneAndUpdate", "replaceOne", "findOneAndReplace"];
const DELETES = ["deleteOne", "deleteMany", "findOneAndDelete"];
const INTERNAL_PATHS = new Set(["rev", "updated_at", "created_at", "search_keys", "address_key", "address.full_address"]);

type AnyQuery = mongoose.Query<unknown, unknown> & { [EVENT]?: OpenEvent; [LOCK]?: Release; op: string; model: mongoose.Model<any> };

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
    if (kind === "updated") this.$locals[LOCK] = await lockDocuments(this.constructor as mongoose.Model<any>, [this._id]);
    const tenant = new Types.ObjectId(String(this.tenant_id));
    const event = await openEvent({ tenant_id: tenant, resource, kind, actor: this.$locals?.actor ?? currentActor() ?? UNATTRIBUTED, changes, ids: [this._id] });
    this.rev = event.rev;
    this.$locals[EVENT] = event;
  });
  schema.post("save" as any, async function (this: any) {
    await release(this.$locals ?? {});
    const event: OpenEvent | undefined = this.$locals?.[EVENT];
    if (!event) return;
    delete this.$locals[EVENT];
    await closeEvent(event, [this._id]);
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
    let before: Record<string, unknown> | null = null;
    let ids: Types.ObjectId[] = [];
    if (single && isExactTenantId(filterId) && !upsert) {
      // By id (most updates): no read before; whether it matched is told by the result.
      ids = [new Types.ObjectId(String(filterId))];
    } else if (single) {
      const projection = Object.fromEntries([["_id", 1], ...changes.filter((c) => !c.path.includes("$")).map((c) => [c.path, 1])]);
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
      ids = ((await this.model.find(this.getFilter(), { _id: 1 }).lean()) as { _id: Types.ObjectId }[]).map((d) => d._id);
      if (!ids.length) return;
      this.where({ _id: { $in: ids } });
    }
    this[LOCK] = await lockDocuments(this.model, ids);
    const kind = single && upsert && !before ? "created" : "updated";
    const event = await openEvent({
      tenant_id: tenant,
      resource,
      kind,
      actor: queryActor(this),
      changes: before ? changes.map((c) => ({ ...c, before: getPath(before!, c.path) })) : changes,
      ids,
    });
    stampRevision(this.getUpdate(), event.rev, replace);
    this[EVENT] = event;
  });
  schema.post(UPDATES as unknown as RegExp, async function (this: AnyQuery, res: any) {
    await release(this);
    const event = this[EVENT];
    if (!event) return;
    delete this[EVENT];
    let ids = event.ids;
    if (res?.upsertedId) ids = [res.upsertedId];
    else if (this.op === "updateMany") {
      const written = await this.model.find({ tenant_id: event.tenant_id, rev: event.rev }, { _id: 1 }).lean();
      ids = written.map((d: { _id: Types.ObjectId }) => d._id);
    } else if (res && typeof res.matchedCount === "number" && res.matchedCount === 0) ids = [];
    else if (res === null && this.op.startsWith("findOneAnd")) ids = [];
    await closeEvent(event, ids);
  });

  // Deletes: the ids are read first, and the delete is pinned to them, so it removes exactly the
  // documents its event names.
  schema.pre(DELETES as unknown as RegExp, async function (this: AnyQuery) {
    const tenant = queryTenant(this);
    if (!tenant || (this.getOptions() as { skipEvents?: boolean }).skipEvents) return;
    const found = this.model.find(this.getFilter(), { _id: 1 }).lean();
    if (this.op !== "deleteMany") found.limit(1);
    const sort = (this.getOptions() as { sort?: unknown }).sort;
    if (sort) found.sort(sort as Record<string, 1 | -1>);
    const ids = ((await found) as { _id: Types.ObjectId }[]).map((d) => d._id);
    if (!ids.length) return;
    this.where({ _id: { $in: ids } });
    this[EVENT] = await openEvent({ tenant_id: tenant, resource, kind: "deleted", actor: queryActor(this), changes: [], ids });
  });
  schema.post(DELETES as unknown as RegExp, async function (this: AnyQuery) {
    const event = this[EVENT];
    if (!event) return;
    delete this[EVENT];
    await closeEvent(event, event.ids);
  });

  // Failed queries change nothing: their pending events go.
  for (const op of [...UPDATES, ...DELETES]) {
    schema.post(op as any, function (this: any, error: any, _res: unknown, next: (err?: any) => void) {
      void release(this);
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
    const { actor: declared, skipEvents, ...rest } = options ?? {};
    options = rest;
    if (options.allTenants || skipEvents || !list.length) return original.call(this, list, options);
    const events: { event: OpenEvent; ids: Set<string> }[] = [];
    for (const [tenantId, group] of groupByTenant(list)) {
      for (const d of group) d._id ??= new Types.ObjectId();
      const event = await openEvent({ tenant_id: new Types.ObjectId(tenantId), resource, kind: "created", actor: declared ?? currentActor() ?? UNATTRIBUTED, changes: [], ids: group.map((d) => d._id) });
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
        await closeEvent(event, written);
      }
    }
    return result;
  });

  schema.static("bulkWrite", async function (this: mongoose.Model<any>, ops: any[], options?: any) {
    const original = mongoose.Model.bulkWrite as (...a: unknown[]) => Promise<any>;
    const { actor: declared, skipEvents, ...rest } = options ?? {};
    options = rest;
    if (options.allTenants || skipEvents || !ops?.length) return original.call(this, ops, options);
    const actor = declared ?? currentActor() ?? UNATTRIBUTED;
    // Each kind of change of each tenant is one event with its own revision, stamped on the
    // documents it writes, by which they are found again afterwards.
    type Kind = "created" | "updated" | "deleted";
    const groups = new Map<string, { tenant: string; kind: Kind; ids: Types.ObjectId[]; stamp: ((rev: number) => void)[]; open: boolean }>();
    const group = (tenant: string, kind: Kind) => {
      const key = `${tenant}:${kind}`;
      if (!groups.has(key)) groups.set(key, { tenant, kind, ids: [], stamp: [], open: false });
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
        g.open ||= kind === "updateMany" || Boolean(spec.upsert);
        g.stamp.push((rev) => (kind === "replaceOne" ? (spec.replacement = { ...spec.replacement, rev }) : stampRevision(spec.update, rev, false)));
      }
    }
    const events: { event: OpenEvent; kind: Kind; open: boolean }[] = [];
    for (const g of groups.values()) {
      const event = await openEvent({ tenant_id: new Types.ObjectId(g.tenant), resource, kind: g.kind, actor, changes: [], ids: g.ids });
      for (const stamp of g.stamp) stamp(event.rev);
      events.push({ event, kind: g.kind, open: g.open });
    }
    const unlock = await lockDocuments(this, [...groups.values()].filter((g) => g.kind === "updated").flatMap((g) => g.ids));
    try {
      return await original.call(this, ops, options);
    } finally {
      await unlock();
      for (const { event, kind } of events) {
        const written = kind === "deleted" ? await missingIds(this, event) : await existingIds(this, event);
        await closeEvent(event, written);
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
  const left = new Set((await model.find({ tenant_id: event.tenant_id, _id: { $in: event.ids } }, { _id: 1 }).lean()).map((d: any) => String(d._id)));
  return event.ids.filter((id) => !left.has(String(id)));
}

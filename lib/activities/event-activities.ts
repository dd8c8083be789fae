import "server-only";
import { createHash } from "node:crypto";
import { Types } from "mongoose";
import type { DomainEventRecord, EventState } from "@/lib/core/events/subscribers";
import { modelOfResource } from "@/lib/core/events/sweep";
import { describeActor, type SystemSource } from "@/lib/core/db/tenant-context";
import { Activity } from "@/models/activity";
import { User } from "@/models/user";
import { ACTIVITY_RESOURCES, activitiesForChanges, activityForCreated, activityForDeleted, diffStates, flatten, plain, type Changes, type ResourceActivity } from "./describe-changes";
import type { ActivityInput, StoredActor } from "./record-activity";

/**
 * The activity log's entries for one domain event: what each document of a lead, buyer or deal
 * change became (created, imported, restored, deleted, or its changed fields with before and
 * after), stamped with the event's actor. Idempotent under at-least-once delivery: each entry's
 * id is derived from the event's id and the entry's position, so a second delivery inserts
 * nothing new.
 */
export async function recordEventActivities(event: DomainEventRecord): Promise<number> {
  const desc = ACTIVITY_RESOURCES[event.resource];
  if (!desc) return 0;
  const entries = await entriesFor(desc, event);
  if (!entries.length) return 0;
  const actor = await storedEventActor(event);
  const at = event.created_at ? new Date(event.created_at) : new Date();
  const docs = entries.map((a, i) => ({
    _id: entryId(event._id, i),
    tenant_id: event.tenant_id,
    // The member who acted, or on whose behalf (who started an import).
    user_id: actor.kind === "member" && actor.id instanceof Types.ObjectId ? actor.id : objectIdOrUndefined(event.actor.user_id),
    actor,
    type: a.type,
    entity_type: a.entityType,
    entity_id: a.entityId,
    description: a.description?.slice(0, 2000),
    metadata: a.metadata,
    ip_address: event.actor.ip,
    user_agent: event.actor.user_agent,
    created_at: at,
  }));
  try {
    await Activity.insertMany(docs, { ordered: false, throwOnValidationError: true });
  } catch (err) {
    // Entries a previous delivery wrote are already there; anything else is a real failure.
    const writeErrors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
    const code = (err as { code?: number }).code;
    const onlyDuplicates = writeErrors?.length ? writeErrors.every((e) => (e.code ?? e.err?.code) === 11000) : code === 11000;
    if (!onlyDuplicates) throw err;
  }
  return docs.length;
}

function objectIdOrUndefined(id: string | undefined): Types.ObjectId | undefined {
  return id && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : undefined;
}

/** Entry i of an event: the event id's time (so the log keeps its order) and a hash of (event, i). */
function entryId(eventId: Types.ObjectId, i: number): Types.ObjectId {
  const bytes = Buffer.alloc(12);
  Buffer.from(eventId.toHexString(), "hex").copy(bytes, 0, 0, 4);
  createHash("sha1").update(`${eventId.toHexString()}:${i}`).digest().copy(bytes, 4, 0, 8);
  return new Types.ObjectId(bytes);
}

async function entriesFor(desc: ResourceActivity, event: DomainEventRecord): Promise<ActivityInput[]> {
  const states = new Map((event.states ?? []).map((s) => [String(s.id), s]));
  if (event.kind === "created") {
    const model = modelOfResource(event.resource);
    const docs = (await model.find({ tenant_id: event.tenant_id, _id: { $in: event.ids } }, Object.fromEntries(desc.createdFields.map((f) => [f, 1]))).lean()) as Record<string, unknown>[];
    const byId = new Map(docs.map((d) => [String(d._id), d]));
    // A document deleted before this delivery is still named by the state the event kept.
    return event.ids.map((id) => activityForCreated(desc, id, byId.get(String(id)) ?? states.get(String(id))?.after ?? null, event.meta));
  }
  if (event.kind === "deleted") return event.ids.map((id) => activityForDeleted(desc, id, states.get(String(id))?.before ?? null, event.meta)).filter((a): a is ActivityInput => a !== null);
  const out: ActivityInput[] = [];
  for (const id of event.ids) {
    const state = states.get(String(id));
    if (state?.before && state.after) out.push(...activitiesForChanges(desc, id, changesOf(desc, state), event.meta));
    else out.push(...activitiesForChanges(desc, id, changesWithoutState(desc, event), event.meta, { beforeUnknown: true }));
  }
  return out;
}

function changesOf(desc: ResourceActivity, state: EventState): Changes {
  const fields = new Set([...Object.keys(state.before ?? {}), ...Object.keys(state.after ?? {})]);
  return diffStates(desc, flatten(state.before, fields), flatten(state.after, fields));
}

/**
 * A change too big to keep each document's values (or settled by the sweep): the paths it wrote,
 * with the values it wrote where the update says them, as one plain update ("Updated status,
 * priority"): without the values before, "Status: none → …" would invent one.
 */
function changesWithoutState(desc: ResourceActivity, event: DomainEventRecord): Changes {
  const out: Changes = {};
  for (const c of event.changes) {
    const after = c.after && typeof c.after === "object" && !Array.isArray(c.after) && !(c.after instanceof Date) && !(c.after instanceof Types.ObjectId) ? flatten({ [c.path]: c.after }, [c.path]) : { [c.path]: plain(c.after) };
    for (const [path, to] of Object.entries(after)) if (desc.tracked(path.replace(/\.\$.*$/, ""))) out[path.replace(/\.\$.*$/, "")] = { from: null, to: to ?? null };
  }
  return out;
}

/** The event's actor as the log keeps it: a member named as they are now, a key by its name, the system by what ran. */
async function storedEventActor(event: DomainEventRecord): Promise<StoredActor> {
  const a = event.actor;
  if (a.kind === "member") {
    const id = a.id && /^[0-9a-f]{24}$/i.test(a.id) ? new Types.ObjectId(a.id) : undefined;
    let label = a.label;
    if (!label && id) {
      const user = (await User.findOne({ _id: id, tenant_id: event.tenant_id }, { name: 1, email: 1 }).lean()) as { name?: string; email?: string } | null;
      label = user?.name || user?.email || "Former member";
    }
    return { kind: "member", ...(id ? { id } : a.id ? { id: a.id } : {}), label: label || "A member" };
  }
  if (a.kind === "api_key") return { kind: "api_key", ...(a.id ? { id: /^[0-9a-f]{24}$/i.test(a.id) ? new Types.ObjectId(a.id) : a.id } : {}), label: describeActor({ kind: "api_key", keyId: a.id ?? "", name: a.label ?? "" }) };
  const source = (a.source ?? "job") as SystemSource;
  return { kind: "system", ...(a.id ? { id: a.id } : {}), source, label: a.label || describeActor({ kind: "system", source }) };
}

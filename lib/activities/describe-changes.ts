// How the activity log words a change of a lead, a buyer or a deal: one description per resource,
// generic by default (a module refines its own entry in ACTIVITY_RESOURCES). No model imports.
import { Types } from "mongoose";
import { isTrackedLeadPath, withoutMirroredLists } from "@/lib/leads/tracked-fields";
import type { ActivityInput } from "./record-activity";

export type FieldChange = { from: unknown; to: unknown };
export type Changes = Record<string, FieldChange>;
type EntityType = "lead" | "buyer" | "deal";

export type ResourceActivity = {
  entityType: EntityType;
  /** "Lead", "Buyer", "Deal": how a created or deleted document is introduced. */
  noun: string;
  /** Whether a changed path is the person's change (derived counters and keys are not). */
  tracked(path: string): boolean;
  /** Fields read to describe a created document. */
  createdFields: readonly string[];
  /** Drops changes that only repeat another one (a lead's phone list mirroring its phone). */
  simplify?(changes: Changes): Changes;
};

// Paths no resource reports: maintained by the data layer or derived from other collections.
const DERIVED = new Set(["_id", "tenant_id", "rev", "created_at", "updated_at", "search_keys", "address_key", "address.full_address", "communication_count", "last_contacted", "__v"]);


const anyButDerived = (path: string) => !DERIVED.has(path) && !path.startsWith("$");

export const ACTIVITY_RESOURCES: Record<string, ResourceActivity> = {
  lead: { entityType: "lead", noun: "Lead", tracked: isTrackedLeadPath, createdFields: ["name", "source"], simplify: withoutMirroredLists },
  buyer: { entityType: "buyer", noun: "Buyer", tracked: anyButDerived, createdFields: ["name"] },
  // Deals are not here yet: their writers (lib/deals/write) still word their own entries (analysis, MAO);
  // adding `deal: { entityType: "deal", noun: "Deal", tracked: anyButDerived, createdFields: [...] }` moves them here.
};

/** A value as the log compares and stores it: dates as ISO, ids as hex, "" as nothing. */
export function plain(v: unknown): unknown {
  if (v === undefined || v === null || v === "") return null;
  // Mongoose arrays and subdocuments (a lead's phones) as the plain values they hold.
  if (typeof v === "object" && typeof (v as { toObject?: unknown }).toObject === "function") v = (v as { toObject(o: object): unknown }).toObject({ depopulate: true, flattenMaps: true });
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Types.ObjectId) return String(v);
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object" && v && "toHexString" in v) return String(v);
  if (typeof v === "object" && v) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return Boolean(v) && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Types.ObjectId) && !("toHexString" in (v as object));
}

/** A document's fields flattened one level ("address.zip_code"), as the log names them. */
export function flatten(doc: Record<string, unknown> | null | undefined, fields: Iterable<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const v = doc?.[field];
    if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) out[`${field}.${k}`] = plain(x);
    else out[field] = plain(v);
  }
  return out;
}

/** What changed between two flattened states, limited to the paths the resource reports. */
export function diffStates(desc: ResourceActivity, before: Record<string, unknown>, after: Record<string, unknown>, only?: Set<string>): Changes {
  const changes: Changes = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!desc.tracked(key)) continue;
    if (only && !only.has(key.split(".")[0])) continue;
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return desc.simplify ? desc.simplify(changes) : changes;
}

/**
 * Changes as stored in activity metadata: `{ field: { from, to } }`. Stored keys may not contain
 * `.`, so nested paths are grouped under their top-level field with only the changed parts:
 * `address.zip_code` → `{ address: { from: { zip_code: "75201" }, to: { zip_code: "75202" } } }`.
 */
export function storableChanges(changes: Changes): Record<string, FieldChange> {
  const out: Record<string, { from: Record<string, unknown> | unknown; to: Record<string, unknown> | unknown }> = {};
  for (const [path, change] of Object.entries(changes)) {
    const dot = path.indexOf(".");
    if (dot === -1) {
      out[path] = change;
      continue;
    }
    const top = path.slice(0, dot);
    const rest = path.slice(dot + 1);
    const entry = (out[top] ??= { from: {}, to: {} }) as { from: Record<string, unknown>; to: Record<string, unknown> };
    entry.from[rest] = change.from;
    entry.to[rest] = change.to;
  }
  return out;
}

// How the timeline names a changed field: "Updated asking price, ZIP code", not "asking_price, address.zip_code".
const FIELD_NAMES: Record<string, string> = {
  email: "e-mail",
  emails: "e-mails",
  "mailing_address.street": "mailing street",
  "mailing_address.city": "mailing city",
  "mailing_address.state": "mailing state",
  "mailing_address.zip_code": "mailing ZIP code",
  "address.zip_code": "ZIP code",
  "property_details.type": "property type",
};

export function changedFieldName(path: string): string {
  return FIELD_NAMES[path] ?? (path.split(".").pop() ?? path).replace(/_/g, " ");
}

/** A status as the timeline writes it ("under contract"). */
export const statusWords = (status: unknown) => (status === null || status === undefined ? "none" : String(status).replace(/_/g, " "));

/**
 * One activity per kind of change, so the timeline reads "Status: new → contacted" and reports
 * count by type (`lead_status_changed`, `buyer_updated`…). A change made in bulk says so and
 * carries the bulk change's id. With `beforeUnknown` (a change that kept no values before) every
 * field is one plain update: "Status: none → …" would invent a value. The kept document's change
 * by a merge has none: the merge's own entry carries it.
 */
export function activitiesForChanges(desc: ResourceActivity, id: Types.ObjectId | string, changes: Changes, meta?: Record<string, unknown>, { beforeUnknown = false } = {}): ActivityInput[] {
  const r = desc.entityType;
  const base = { entityType: r, entityId: id };
  if (meta?.merged_id) return [];
  const bulk = typeof meta?.bulk_id === "string" ? meta.bulk_id : undefined;
  const suffix = bulk ? " (bulk)" : "";
  const extra = bulk ? { bulk_id: bulk } : {};
  const out: ActivityInput[] = [];
  const rest: Changes = {};
  for (const [field, change] of Object.entries(changes)) {
    if (beforeUnknown) rest[field] = change;
    else if (field === "status") out.push({ ...base, type: `${r}_status_changed`, description: `Status: ${statusWords(change.from)} → ${statusWords(change.to)}${suffix}`, metadata: { changes: { status: change }, ...extra } });
    else if (field === "assigned_to") out.push({ ...base, type: `${r}_assigned`, description: `${change.to ? `${desc.noun} assigned` : `${desc.noun} unassigned`}${suffix}`, metadata: { changes: { assigned_to: change }, ...extra } });
    else if (field === "next_follow_up") out.push({ ...base, type: `${r}_follow_up_set`, description: change.to ? "Follow-up scheduled" : "Follow-up cleared", metadata: { changes: { next_follow_up: change }, ...extra } });
    else if (field === "tags") {
      const from = (change.from as string[] | null) ?? [];
      const to = (change.to as string[] | null) ?? [];
      const added = to.filter((t) => !from.includes(t));
      const removed = from.filter((t) => !to.includes(t));
      const description = [added.length ? `Tagged ${added.join(", ")}` : "", removed.length ? `Untagged ${removed.join(", ")}` : ""].filter(Boolean).join("; ");
      out.push({ ...base, type: `${r}_tags_changed`, description: `${description || "Tags changed"}${suffix}`, metadata: { added, removed, changes: { tags: change }, ...extra } });
    } else rest[field] = change;
  }
  if (Object.keys(rest).length) out.push({ ...base, type: `${r}_updated`, description: `Updated ${Object.keys(rest).map(changedFieldName).join(", ")}${suffix}`, metadata: { changes: storableChanges(rest), ...extra } });
  return out;
}

/** The entry of a created document: new, imported from a file, or put back from the trash. */
export function activityForCreated(desc: ResourceActivity, id: Types.ObjectId | string, doc: Record<string, unknown> | null, meta?: Record<string, unknown>): ActivityInput {
  const r = desc.entityType;
  const name = String(doc?.name ?? doc?.title ?? "").trim();
  const base = { entityType: r, entityId: id };
  if (typeof meta?.restored_batch === "string") return { ...base, type: `${r}_restored`, description: `Restored ${name || desc.noun.toLowerCase()}`, metadata: { batch_id: meta.restored_batch } };
  if (typeof meta?.import_id === "string") return { ...base, type: `${r}_imported`, description: `Imported from ${String(meta.file_name ?? "a file")}`, metadata: { import_id: meta.import_id } };
  return { ...base, type: `${r}_created`, description: `${desc.noun} created${name ? `: ${name}` : ""}`, metadata: { source: doc?.source ?? null } };
}

/**
 * The entry of a deleted document, named as it was. A document merged into another has none: the
 * merge's own entry on the kept one says it (with what it brought), and its history moved there.
 */
export function activityForDeleted(desc: ResourceActivity, id: Types.ObjectId | string, before: Record<string, unknown> | null, meta?: Record<string, unknown>): ActivityInput | null {
  const r = desc.entityType;
  const name = String(before?.name ?? before?.title ?? "").trim() || desc.noun.toLowerCase();
  if (meta?.merged_into) return null;
  return { entityType: r, entityId: id, type: `${r}_deleted`, description: `Deleted ${name}`, metadata: typeof meta?.batch_id === "string" ? { batch_id: meta.batch_id } : {} };
}

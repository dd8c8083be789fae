import "server-only";
import { Types } from "mongoose";
import { recordActivity, type ActivityInput } from "@/lib/activities/record-activity";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { AppError } from "@/lib/errors";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { recountTagUsage } from "@/lib/tags/recount-tag-usage";
import { User } from "@/models/user";
import type { LeadDocument } from "../get-lead";

export type FieldChange = { from: unknown; to: unknown };
export type LeadChanges = Record<string, FieldChange>;

// The paths a person edits, compared before and after a save (nested ones one level down so
// the activity says "address.zip_code", not "address").
const TRACKED = [
  "name", "phone", "email", "phones", "emails", "estimated_value", "asking_price", "source", "status", "priority", "assigned_to", "tags", "notes", "next_follow_up",
  "address.street", "address.city", "address.state", "address.zip_code", "address.county",
  "mailing_address.street", "mailing_address.city", "mailing_address.state", "mailing_address.zip_code",
  "property_details.type", "property_details.bedrooms", "property_details.bathrooms", "property_details.square_feet", "property_details.lot_size", "property_details.year_built",
] as const;

function plain(v: unknown): unknown {
  if (v === undefined || v === null || v === "") return null;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Types.ObjectId) return String(v);
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object" && v && "toHexString" in v) return String(v);
  return v;
}

export function snapshotTracked(doc: LeadDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of TRACKED) out[path] = plain(doc.get(path));
  const custom = (doc.get("custom_fields") ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(custom)) out[`custom_fields.${k}`] = plain(v);
  return out;
}

export function diffSnapshots(before: Record<string, unknown>, after: Record<string, unknown>): LeadChanges {
  const changes: LeadChanges = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

/**
 * Changes as stored in activity metadata: `{ field: { from, to } }`. Stored keys may not contain
 * `.`, so nested paths are grouped under their top-level field with only the changed parts:
 * `address.zip_code` → `{ address: { from: { zip_code: "75201" }, to: { zip_code: "75202" } } }`.
 */
export function storableChanges(changes: LeadChanges): Record<string, FieldChange> {
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

// How the timeline names a changed field (a custom field by its key in words): "Updated asking
// price, ZIP code", not "Updated asking_price, address.zip_code".
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

/** One activity per kind of change, so the timeline reads "status: new → contacted" and reports can count by type. */
export function activitiesForChanges(leadId: Types.ObjectId | string, changes: LeadChanges): ActivityInput[] {
  const base = { entityType: "lead" as const, entityId: leadId };
  const out: ActivityInput[] = [];
  const rest: LeadChanges = {};
  for (const [field, change] of Object.entries(changes)) {
    if (field === "status") out.push({ ...base, type: LEAD_ACTIVITY.statusChanged, description: `Status: ${statusWords(change.from)} → ${statusWords(change.to)}`, metadata: { changes: { status: change } } });
    else if (field === "assigned_to") out.push({ ...base, type: LEAD_ACTIVITY.assigned, description: change.to ? "Lead assigned" : "Lead unassigned", metadata: { changes: { assigned_to: change } } });
    else if (field === "next_follow_up") out.push({ ...base, type: LEAD_ACTIVITY.followUpSet, description: change.to ? "Follow-up scheduled" : "Follow-up cleared", metadata: { changes: { next_follow_up: change } } });
    else if (field === "tags") {
      const from = (change.from as string[] | null) ?? [];
      const to = (change.to as string[] | null) ?? [];
      const added = to.filter((t) => !from.includes(t));
      const removed = from.filter((t) => !to.includes(t));
      out.push({ ...base, type: LEAD_ACTIVITY.tagsChanged, description: [added.length ? `Tagged ${added.join(", ")}` : "", removed.length ? `Untagged ${removed.join(", ")}` : ""].filter(Boolean).join("; "), metadata: { added, removed, changes: { tags: change } } });
    } else rest[field] = change;
  }
  if (Object.keys(rest).length) out.push({ ...base, type: LEAD_ACTIVITY.updated, description: `Updated ${Object.keys(rest).map(changedFieldName).join(", ")}`, metadata: { changes: storableChanges(rest) } });
  return out;
}

/**
 * Applies `mutate` to a lead document and saves it through the model (so full_address, search
 * keys and the address key are derived again), then records what changed and recounts the tags
 * it touched. Nothing is written when nothing changed; a validation error saves nothing.
 */
export async function saveLeadChanges(ctx: TenantContext, doc: LeadDocument, mutate: (doc: LeadDocument) => void): Promise<LeadChanges> {
  const before = snapshotTracked(doc);
  mutate(doc);
  const after = snapshotTracked(doc);
  const changes = diffSnapshots(before, after);
  if (!Object.keys(changes).length) return changes;
  await doc.save();
  await recordActivity(ctx, activitiesForChanges(doc._id, changes));
  if (changes.tags) {
    const names = [...((changes.tags.from as string[] | null) ?? []), ...((changes.tags.to as string[] | null) ?? [])];
    await recountTagUsage(ctx, names);
  }
  return changes;
}

/** An assignee must be an active member of this tenant. */
export async function assertAssignee(ctx: TenantContext, userId: string): Promise<Types.ObjectId> {
  const user = await scoped(ctx, User).findOne({ _id: userId, is_active: true }, { _id: 1 }).lean();
  if (!user) throw new AppError("bad_request", "Please correct the highlighted fields.", { assigned_to: ["Choose an active member of your team"] });
  return user._id as Types.ObjectId;
}

export function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

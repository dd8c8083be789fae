import "server-only";
import { Types } from "mongoose";
import { plain } from "@/lib/activities/describe-changes";
import { actorOf } from "@/lib/core/events/actor";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { LEAD_TRACKED_PATHS, withoutMirroredLists } from "@/lib/leads/tracked-fields";
import { User } from "@/models/user";
import type { LeadDocument } from "../get-lead";

export type FieldChange = { from: unknown; to: unknown };
export type LeadChanges = Record<string, FieldChange>;

const TRACKED = LEAD_TRACKED_PATHS;

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
  return withoutMirroredLists(changes);
}

/**
 * Applies `mutate` to a lead document and saves it through the model (so full_address, search
 * keys and the address key are derived again). What changed reaches the activity log and the tag
 * counts through the save's domain event (lib/activities/subscriber.ts, lib/tags/usage-subscriber.ts).
 * Nothing is written when nothing changed; a validation error saves nothing.
 */
export async function saveLeadChanges(ctx: TenantContext, doc: LeadDocument, mutate: (doc: LeadDocument) => void): Promise<LeadChanges> {
  const before = snapshotTracked(doc);
  mutate(doc);
  const after = snapshotTracked(doc);
  const changes = diffSnapshots(before, after);
  if (!Object.keys(changes).length) return changes;
  doc.$locals.actor = actorOf(ctx);
  await doc.save();
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

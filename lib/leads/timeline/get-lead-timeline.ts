import "server-only";
import { Types } from "mongoose";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Activity } from "@/models/activity";
import { Communication } from "@/models/communication";
import { notFound } from "@/lib/core/errors";
import { User } from "@/models/user";
import { getLeadRecordOrThrow } from "../get-lead";

export type TimelineEntry =
  | {
      kind: "activity";
      id: string;
      at: string;
      type: string;
      description: string | null;
      userId: string | null;
      userName: string | null;
      /** Who did it, never blank: the member, the API key, or what the system ran ("System" for old entries). */
      actorLabel: string;
      actorKind: "member" | "api_key" | "system";
      metadata: Record<string, unknown> | null;
    }
  | {
      kind: "communication";
      id: string;
      at: string;
      type: "sms" | "call" | "email";
      direction: "inbound" | "outbound";
      status: string | null;
      content: string | null;
      duration: number | null;
      userId: string | null;
      userName: string | null;
    };

export type LeadTimeline = { entries: TimelineEntry[]; hasMore: boolean };

const PAGE = 50;

/**
 * Activities and communications of one lead, newest first, read through their indexes
 * ({tenant, entity_type, entity_id} and {tenant, recipient_type, recipient_id, created_at}),
 * each limited to one page. `before` (an ISO time) pages further back.
 */
export async function getLeadTimeline(ctx: TenantContext, leadId: string, { before, limit = PAGE }: { before?: string; limit?: number } = {}): Promise<LeadTimeline> {
  if (!isObjectIdString(leadId)) throw notFound("Lead");
  // The lead's check and its timeline's reads side by side (one database round trip instead of
  // two); the timeline, read within this tenant, is dropped when the lead is not found or not visible.
  const [, timeline] = await Promise.all([getLeadRecordOrThrow(ctx, leadId), readTimeline(ctx, new Types.ObjectId(leadId), { before, limit })]);
  return timeline;
}

/**
 * The timeline of a lead (or, with `entity: "buyer"`, a buyer) already read and permission-checked
 * by the caller.
 */
export async function readTimeline(
  ctx: TenantContext,
  leadId: Types.ObjectId,
  { before, limit = PAGE, entity = "lead" }: { before?: string; limit?: number; entity?: "lead" | "buyer" } = {},
): Promise<LeadTimeline> {
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : undefined;
  const time = beforeDate ? { created_at: { $lt: beforeDate } } : {};
  // The members' names are read beside the entries rather than after them (a company has a
  // handful of members; the entries name at most a page's worth): one round trip, not two.
  const [activities, communications, members] = await Promise.all([
    scoped(ctx, Activity)
      .find({ entity_type: entity, entity_id: leadId, ...time }, { type: 1, description: 1, user_id: 1, actor: 1, metadata: 1, created_at: 1 })
      .sort({ created_at: -1 })
      .limit(limit + 1)
      .lean(),
    scoped(ctx, Communication)
      .find({ recipient_type: entity, recipient_id: leadId, ...time }, { type: 1, direction: 1, status: 1, content: 1, duration: 1, sender_id: 1, created_at: 1, sent_at: 1 })
      .sort({ created_at: -1 })
      .limit(limit + 1)
      .lean(),
    scoped(ctx, User).find({}, { name: 1 }).lean(),
  ]);
  const names = new Map(members.map((u) => [String(u._id), u.name ?? ""]));

  const entries: TimelineEntry[] = [
    ...activities.map((a) => ({
      kind: "activity" as const,
      id: String(a._id),
      at: new Date(a.created_at as unknown as Date).toISOString(),
      type: a.type,
      description: a.description ?? null,
      userId: a.user_id ? String(a.user_id) : null,
      userName: a.user_id ? (names.get(String(a.user_id)) ?? null) : null,
      ...activityActor(a, names),
      metadata: safeMetadata(a.metadata),
    })),
    ...communications.map((c) => ({
      kind: "communication" as const,
      id: String(c._id),
      at: new Date((c.created_at as unknown as Date) ?? c.sent_at).toISOString(),
      type: c.type as "sms" | "call" | "email",
      direction: c.direction as "inbound" | "outbound",
      status: c.status ?? null,
      content: c.content ?? null,
      duration: c.duration ?? null,
      userId: c.sender_id ? String(c.sender_id) : null,
      userName: c.sender_id ? (names.get(String(c.sender_id)) ?? null) : null,
    })),
  ];
  entries.sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : x.id < y.id ? 1 : -1));
  const hasMore = entries.length > limit || activities.length > limit || communications.length > limit;
  return { entries: entries.slice(0, limit), hasMore };
}

/**
 * The actor of a logged activity: a member by their current name (or the name they had), a key or
 * the system by the label stored when it acted; entries older than actors are the member's, or the
 * system's when no member was recorded.
 */
function activityActor(a: { user_id?: unknown; actor?: { kind?: string | null; label?: string | null } | null }, names: Map<string, string>): { actorLabel: string; actorKind: "member" | "api_key" | "system" } {
  const kind = a.actor?.kind === "api_key" || a.actor?.kind === "system" ? a.actor.kind : a.user_id || a.actor?.kind === "member" ? "member" : "system";
  const current = kind === "member" && a.user_id ? names.get(String(a.user_id)) : undefined;
  const label = current || a.actor?.label || (kind === "member" ? "Former member" : "System");
  return { actorLabel: label, actorKind: kind };
}

/** Metadata as plain JSON for the browser (dates as strings, ObjectIds as hex). */
function safeMetadata(value: unknown): Record<string, unknown> | null {
  if (!value || typeof value !== "object") return null;
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

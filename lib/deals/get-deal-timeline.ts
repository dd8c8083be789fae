import "server-only";
import type { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Activity } from "@/models/activity";
import { User } from "@/models/user";

export type DealTimelineEntry = { id: string; at: string; type: string; description: string; actor: string };

/** The deal's history, newest first, through the {tenant, entity_type, entity_id} index. */
export async function readDealTimeline(ctx: TenantContext, dealId: Types.ObjectId, limit = 100): Promise<DealTimelineEntry[]> {
  const rows = await scoped(ctx, Activity)
    .find({ entity_type: "deal", entity_id: dealId }, { type: 1, description: 1, user_id: 1, actor: 1, created_at: 1 })
    .sort({ created_at: -1 })
    .limit(limit)
    .lean();
  const userIds = [...new Set(rows.map((r) => r.user_id && String(r.user_id)).filter(Boolean))] as string[];
  const users = userIds.length ? await scoped(ctx, User).find({ _id: { $in: userIds } }, { name: 1 }).lean() : [];
  const names = new Map(users.map((u) => [String(u._id), u.name ?? ""]));
  return rows.map((r) => ({
    id: String(r._id),
    at: new Date(r.created_at as unknown as Date).toISOString(),
    type: r.type,
    description: r.description ?? r.type.replace(/_/g, " "),
    actor: (r.user_id && names.get(String(r.user_id))) || r.actor?.label || "System",
  }));
}

import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { indexFor, rowsSource, selectionOf } from "@/lib/leads/board/index-rows";
import { dbSource } from "@/lib/leads/list/db-source";
import { listLeads } from "@/lib/leads/list/list-leads";
import { scopeClauses } from "@/lib/leads/list/scope";
import { emptyListQuery } from "@/lib/leads/list/list-query";
import type { LeadRow } from "@/lib/leads/list/lead-row";

export type FollowUpList = { leads: LeadRow[]; total: number };
export type MyFollowUps = { overdue: FollowUpList; today: FollowUpList };

/**
 * The signed-in person's follow-ups: open leads assigned to them whose follow-up is overdue, or
 * due today in their time zone, soonest first. Empty for someone without a user id.
 */
export async function getMyFollowUps(ctx: TenantContext, { timeZone, now = new Date(), limit = 8 }: { timeZone: string; now?: Date; limit?: number }): Promise<MyFollowUps> {
  if (!ctx.userId) return { overdue: { leads: [], total: 0 }, today: { leads: [], total: 0 } };
  const base = { ...emptyListQuery(), assigned: ["me"], sort: "next_follow_up" as const, dir: "asc" as const, size: limit };
  // From the list index: this person's leads picked out in one pass, and both lists read from them.
  const local = await indexFor(ctx);
  const selected = scopeClauses(ctx, base, { timeZone, now });
  const source = local ? rowsSource(selectionOf(local, selected), selected) : dbSource;
  const [overdue, today] = await Promise.all([
    listLeads(ctx, { ...base, followUp: "overdue" }, { timeZone, now, source }),
    listLeads(ctx, { ...base, followUp: "today" }, { timeZone, now, source }),
  ]);
  return { overdue: { leads: overdue.rows, total: overdue.total }, today: { leads: today.rows, total: today.total } };
}

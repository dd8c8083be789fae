import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { Clause } from "@/lib/leads/list/criteria";
import { DEFAULT_TIME_ZONE } from "@/lib/leads/list/day-range";
import { emptyListQuery } from "@/lib/leads/list/list-query";
import { clausesFilter } from "@/lib/leads/list/mongo-filter";
import { scopeClauses, visibilityClauses } from "@/lib/leads/list/scope";
import { indexRowsFor } from "@/lib/leads/board/index-rows";
import { compileClauses } from "@/lib/leads/list/index/query-rows";
import { memoOverRows } from "@/lib/core/read-models/query-rows";
import { Lead, LEAD_STATUSES } from "@/models/lead";

export type DashboardSummary = {
  leads: number;
  leadsByStatus: Record<(typeof LEAD_STATUSES)[number], number>;
  followUpsDue: number;
};

/** The list's "follow-up due" filter: the same leads the card's link shows. */
export const FOLLOW_UPS_DUE_HREF = "/leads?follow_up=due&sort=next_follow_up&dir=asc";

/**
 * The lead counts of the leads this person may see (a rep who sees only their own leads counts
 * only those): from the tenant's list index when it has one, in one pass over its rows (a big
 * tenant on the embedded database, where an aggregate over the leads reads the whole collection),
 * else one aggregate and one count.
 */
async function leadCounts(ctx: TenantContext, dueClauses: Clause[]): Promise<{ byStatus: { _id: string; n: number }[]; followUpsDue: number }> {
  const visible = visibilityClauses(ctx);
  const rows = await indexRowsFor(ctx);
  if (rows) {
    // Kept until the tenant's rows change, per visibility and day (the clauses carry both).
    return memoOverRows(rows, `dashboard-counts:${JSON.stringify([visible, dueClauses])}`, () => {
      const isVisible = compileClauses(visible);
      const isDue = compileClauses(dueClauses);
      const counts = new Map<string, number>();
      let followUpsDue = 0;
      for (const row of rows) {
        if (!isVisible(row)) continue;
        counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
        if (isDue(row)) followUpsDue += 1;
      }
      return { byStatus: [...counts].map(([status, n]) => ({ _id: status, n })), followUpsDue };
    });
  }
  const leads = scoped(ctx, Lead);
  const [byStatus, followUpsDue] = await Promise.all([
    leads.aggregate<{ _id: string; n: number }>([{ $group: { _id: "$status", n: { $sum: 1 } } }], clausesFilter(visible)),
    leads.countDocuments(clausesFilter(dueClauses)),
  ]);
  return { byStatus, followUpsDue };
}

/**
 * Headline counts for the dashboard, all read from this tenant's data. "Due" follow-ups are those
 * of open leads up to the end of today in the person's time zone, as in the list's filter.
 */
export async function getDashboardSummary(ctx: TenantContext, { timeZone = DEFAULT_TIME_ZONE, now = new Date() }: { timeZone?: string; now?: Date } = {}): Promise<DashboardSummary> {
  const dueClauses = scopeClauses(ctx, { ...emptyListQuery(), followUp: "due" }, { timeZone, now });
  const { byStatus, followUpsDue } = await leadCounts(ctx, dueClauses);

  const leadsByStatus = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as DashboardSummary["leadsByStatus"];
  for (const row of byStatus) if (row._id in leadsByStatus) leadsByStatus[row._id as keyof typeof leadsByStatus] = row.n;
  const total = Object.values(leadsByStatus).reduce((sum, n) => sum + n, 0);
  return { leads: total, leadsByStatus, followUpsDue };
}

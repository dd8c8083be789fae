import "server-only";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import type { Clause } from "@/lib/leads/list/criteria";
import { CLOSED_STATUSES } from "@/lib/leads/list/criteria";
import { pageSourceFor } from "@/lib/leads/list/source";
import { Buyer } from "@/models/buyer";
import { Deal } from "@/models/deal";
import { Lead, LEAD_STATUSES } from "@/models/lead";

export type DashboardSummary = {
  leads: number;
  leadsByStatus: Record<(typeof LEAD_STATUSES)[number], number>;
  activeBuyers: number;
  openDeals: number;
  followUpsDue: number;
};

/**
 * The lead counts: from the tenant's list index when it has one (a big tenant on the embedded
 * database, where an aggregate over the leads reads the whole collection), else one aggregate.
 */
async function leadCounts(ctx: TenantContext, endOfToday: Date): Promise<{ byStatus: { _id: string; n: number }[]; followUpsDue: number }> {
  const dueClauses: Clause[] = [
    { kind: "range", field: "next_follow_up", lt: new Date(endOfToday.getTime() + 1) },
    { kind: "nin", field: "status", values: [...CLOSED_STATUSES] },
  ];
  const source = await pageSourceFor(ctx);
  if (source.name !== "database") {
    const [followUpsDue, ...counts] = await Promise.all([
      source.count(ctx, dueClauses),
      ...LEAD_STATUSES.map((s) => source.count(ctx, [{ kind: "in", field: "status", values: [s] }])),
    ]);
    return { byStatus: LEAD_STATUSES.map((s, i) => ({ _id: s, n: counts[i] })), followUpsDue };
  }
  const leads = scoped(ctx, Lead);
  const [byStatus, followUpsDue] = await Promise.all([
    leads.aggregate<{ _id: string; n: number }>([{ $group: { _id: "$status", n: { $sum: 1 } } }]),
    leads.countDocuments({ next_follow_up: { $lte: endOfToday }, status: { $nin: [...CLOSED_STATUSES] } }),
  ]);
  return { byStatus, followUpsDue };
}

/** Headline counts for the dashboard, all read from this tenant's data. */
export async function getDashboardSummary(ctx: TenantContext): Promise<DashboardSummary> {
  const endOfToday = new Date();
  endOfToday.setHours(23, 59, 59, 999);

  const [{ byStatus, followUpsDue }, activeBuyers, openDeals] = await Promise.all([
    leadCounts(ctx, endOfToday),
    scoped(ctx, Buyer).countDocuments({ is_active: true }),
    scoped(ctx, Deal).countDocuments({ status: { $in: ["pending", "under_contract"] } }),
  ]);

  const leadsByStatus = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as DashboardSummary["leadsByStatus"];
  for (const row of byStatus) if (row._id in leadsByStatus) leadsByStatus[row._id as keyof typeof leadsByStatus] = row.n;
  const total = Object.values(leadsByStatus).reduce((sum, n) => sum + n, 0);
  return { leads: total, leadsByStatus, activeBuyers, openDeals, followUpsDue };
}

import "server-only";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
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

/** Headline counts for the dashboard, all read from this tenant's data. */
export async function getDashboardSummary(ctx: TenantContext): Promise<DashboardSummary> {
  const leads = scoped(ctx, Lead);
  const endOfToday = new Date();
  endOfToday.setHours(23, 59, 59, 999);

  const [byStatus, activeBuyers, openDeals, followUpsDue] = await Promise.all([
    leads.aggregate<{ _id: string; n: number }>([{ $group: { _id: "$status", n: { $sum: 1 } } }]),
    scoped(ctx, Buyer).countDocuments({ is_active: true }),
    scoped(ctx, Deal).countDocuments({ status: { $in: ["pending", "under_contract"] } }),
    leads.countDocuments({ next_follow_up: { $lte: endOfToday }, status: { $nin: ["closed", "lost"] } }),
  ]);

  const leadsByStatus = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as DashboardSummary["leadsByStatus"];
  for (const row of byStatus) if (row._id in leadsByStatus) leadsByStatus[row._id as keyof typeof leadsByStatus] = row.n;
  const total = Object.values(leadsByStatus).reduce((sum, n) => sum + n, 0);
  return { leads: total, leadsByStatus, activeBuyers, openDeals, followUpsDue };
}

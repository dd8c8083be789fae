import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Communication } from "@/models/communication";
import { deriveFinancials } from "@/lib/deals/financials";
import { Deal } from "@/models/deal";
import type { DealType } from "@/models/deal-enums";

// A buyer's track record, computed from the deals and communications every time it is shown,
// never typed in (docs/buyers.md defines each number):
// - deals closed: deals with this buyer whose status is closed;
// - total / average deal size: what the buyer paid for those deals: the sale price, else (a
//   wholesale deal closed on its contract price and fee) the contract price plus the assignment
//   fee, as matching prices a deal (lib/matching/property.ts);
// - deals offered: deals this buyer was assigned to, whatever became of them (pending, under
//   contract, closed or cancelled); conversion rate = deals closed ÷ deals offered;
// - average response time: for each of our outbound messages (text, e-mail, call) to the buyer
//   answered by an inbound one before our next message, the time until that answer, averaged;
// - deal velocity: average days from contract to closing over the closed deals;
// - ROI: our profit on the closed deals, as the deal page derives it (lib/deals/financials.ts),
//   ÷ what they cost us (purchase, rehab, closing, holding).

export type BuyerMetrics = {
  dealsClosed: number;
  dealsOffered: number;
  totalDealSize: number;
  averageDealSize: number | null;
  conversionRate: number | null;
  averageResponseMinutes: number | null;
  responsesMeasured: number;
  dealVelocityDays: number | null;
  roiPercent: number | null;
};

const MAX_MESSAGES = 2000;

export async function computeBuyerMetrics(ctx: TenantContext, buyerId: string): Promise<BuyerMetrics> {
  const id = new Types.ObjectId(buyerId);
  const [deals, comms] = await Promise.all([
    scoped(ctx, Deal).find({ buyer_id: id }, { status: 1, deal_type: 1, financials: 1, timeline: 1 }).lean<Record<string, any>[]>(),
    scoped(ctx, Communication)
      .find({ recipient_type: "buyer", recipient_id: id }, { direction: 1, sent_at: 1, created_at: 1, status: 1 })
      .sort({ created_at: -1 })
      .limit(MAX_MESSAGES)
      .lean<Record<string, any>[]>(),
  ]);
  const closed = deals.filter((d) => d.status === "closed");
  let totalDealSize = 0;
  let sized = 0;
  let days = 0;
  let timed = 0;
  let profit = 0;
  let cost = 0;
  for (const d of closed) {
    const t = d.timeline ?? {};
    if (t.contract_date && t.closing_date) {
      days += (new Date(t.closing_date).getTime() - new Date(t.contract_date).getTime()) / 86_400_000;
      timed += 1;
    }
    const f = d.financials ?? {};
    const type: DealType = d.deal_type ?? "wholesale";
    const paid = f.sale_price ?? (type === "wholesale" && f.purchase_price != null ? f.purchase_price + (f.assignment_fee ?? 0) : null);
    if (paid != null) {
      totalDealSize += paid;
      sized += 1;
    }
    const derived = deriveFinancials(type, f).profit;
    const spent = (f.purchase_price ?? 0) + (f.rehab_cost ?? 0) + (f.closing_costs ?? 0) + (f.holding_costs ?? 0);
    if (derived != null && spent > 0) {
      profit += derived;
      cost += spent;
    }
  }

  // Oldest first; each inbound message answers the latest unanswered outbound one before it.
  const messages = comms
    .filter((c) => c.status !== "scheduled" && c.status !== "failed")
    .map((c) => ({ out: c.direction === "outbound", at: new Date(c.sent_at ?? c.created_at).getTime() }))
    .filter((m) => Number.isFinite(m.at))
    .sort((a, b) => a.at - b.at);
  let waiting: number | null = null;
  let responseTotal = 0;
  let responses = 0;
  for (const m of messages) {
    if (m.out) waiting ??= m.at;
    else if (waiting !== null) {
      responseTotal += m.at - waiting;
      responses += 1;
      waiting = null;
    }
  }
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    dealsClosed: closed.length,
    dealsOffered: deals.length,
    totalDealSize,
    averageDealSize: sized ? Math.round(totalDealSize / sized) : null,
    conversionRate: deals.length ? round1((closed.length / deals.length) * 100) : null,
    averageResponseMinutes: responses ? round1(responseTotal / responses / 60_000) : null,
    responsesMeasured: responses,
    dealVelocityDays: timed ? round1(days / timed) : null,
    roiPercent: cost > 0 ? round1((profit / cost) * 100) : null,
  };
}

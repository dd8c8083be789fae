// A buyer's counters and track record, summed from the deals and messages generated for them
// (so communication_count and total_deals agree with those collections).
import type { Types } from "mongoose";
import { DAY } from "../clock";
import type { Doc } from "../context";

/** Buyer counters and track record, from the deals and messages generated for them. */
export function summariseBuyers(buyers: Doc[], deals: Doc[], comms: Doc[]) {
  const byId = new Map(buyers.map((b) => [b._id.toHexString(), b]));
  const blasts = new Map<string, number>();
  for (const c of comms) {
    const b = byId.get((c.recipient_id as Types.ObjectId).toHexString());
    if (!b || c.status === "scheduled") continue;
    b.communication_count = (b.communication_count as number) + 1;
    if (!b.last_contacted || (c.sent_at as Date) > (b.last_contacted as Date)) b.last_contacted = c.sent_at;
    if (b.updated_at && (c.sent_at as Date) > (b.updated_at as Date)) b.updated_at = c.sent_at;
    if (c.direction === "outbound" && c.type === "sms") blasts.set(b._id.toHexString(), (blasts.get(b._id.toHexString()) ?? 0) + 1);
  }
  const closingDays = new Map<string, number>();
  for (const d of deals) {
    const buyerId = d.buyer_id as Types.ObjectId | undefined;
    const b = buyerId && byId.get(buyerId.toHexString());
    const f = d.financials as { sale_price?: number };
    const t = d.timeline as { contract_date?: Date; closing_date?: Date };
    if (!b || d.status !== "closed" || !f.sale_price) continue;
    b.total_deals = (b.total_deals as number) + 1;
    b.total_investment = (b.total_investment as number) + f.sale_price;
    b.average_deal_size = Math.round((b.total_investment as number) / (b.total_deals as number));
    const days = (t.closing_date!.getTime() - t.contract_date!.getTime()) / DAY;
    closingDays.set(b._id.toHexString(), (closingDays.get(b._id.toHexString()) ?? 0) + days);
  }
  for (const b of buyers) {
    const sent = blasts.get(b._id.toHexString());
    if (!sent) continue;
    const closed = b.total_deals as number;
    b.performance_metrics = {
      // Share of deals offered to this buyer that they closed, in percent.
      conversion_rate: Math.round((closed / sent) * 1000) / 10,
      // Average days from contract to closing.
      ...(closed ? { deal_velocity: Math.round(closingDays.get(b._id.toHexString())! / closed) } : {}),
    };
  }
}

// The demo's "learned buy box" (issue 11 item 4): one active buyer tells us Dallas at
// $150,000–$300,000, yet the deals they closed with us are in Fort Worth at $90,000–$120,000.
// Matching finds the contradiction in these closed deals and offers to widen the box.
import { isLocationKey, parseLocation } from "@/lib/buyers/locations";
import { analyzeDeal } from "@/lib/deals/analyzer";
import { deriveFinancials } from "@/lib/deals/financials";
import type { TenantSeedContext } from "../context";
import { cityLabel, type BuyerDraft } from "./buyer";
import type { DealBuild } from "./deal";
import { dollars } from "./fake";

const STATED = { min: 150_000, max: 300_000 };

/** Rewrites, in place, one buyer's stated box and up to four closed deals in another city to be theirs. Returns the buyer, or null when the data has no such deals. */
export function tellLearnedBuyBoxStory(ctx: TenantSeedContext, buyers: BuyerDraft[], deals: DealBuild[]): BuyerDraft | null {
  const closed = deals.filter((d) => d.deal.status === "closed" && d.deal.deal_type === "wholesale" && d.deal.buyer_id);
  const byCity = new Map<string, DealBuild[]>();
  for (const d of closed) if (d.city !== "Dallas") byCity.set(d.city, [...(byCity.get(d.city) ?? []), d]);
  const city = (byCity.get("Fort Worth")?.length ?? 0) >= 2 ? "Fort Worth" : [...byCity.entries()].sort((a, b) => b[1].length - a[1].length)[0]?.[0];
  const picked = (city ? byCity.get(city)! : []).slice(0, 4);
  const dallas = ctx.cities.find((c) => c.city === "Dallas");
  const buyer = buyers.find((b) => b.active && b.city === dallas) ?? buyers.find((b) => b.active);
  if (picked.length < 2 || !buyer || !dallas) return null;

  // Stored as the other buyers' locations are (typed keys, or the labels of older data).
  const usesKeys = buyers.some((b) => ((b.doc.preferred_locations as string[]) ?? []).some((l) => isLocationKey(l)));
  const parsed = parseLocation(cityLabel(dallas));
  buyer.doc.preferred_locations = [usesKeys && parsed.ok ? parsed.location.key : cityLabel(dallas)];
  buyer.locations = [cityLabel(dallas)];
  buyer.doc.price_range = { ...STATED };
  const types = new Set([...((buyer.doc.property_types as string[]) ?? []), ...picked.map((d) => (d.deal.property_details as { type?: string }).type).filter((t): t is string => !!t)]);
  buyer.doc.property_types = [...types];
  buyer.doc.investment_criteria = `Says they buy only in ${cityLabel(dallas)}, ${dollars(STATED.min)} to ${dollars(STATED.max)}.`;

  picked.forEach((d, i) => {
    const deal = d.deal;
    const f = deal.financials as Record<string, number | undefined>;
    const fee = f.assignment_fee ?? 10_000;
    f.sale_price = 90_000 + i * 10_000;
    f.purchase_price = f.sale_price - fee;
    f.assignment_fee = fee;
    const { profit, roi } = deriveFinancials("wholesale", f);
    f.profit = profit ?? undefined;
    f.roi = roi ?? undefined;
    d.profit = f.profit;
    const a = deal.analysis as { arv: number; repairs: number; offer_rule: number; assignment_fee: number; spread?: number } | undefined;
    if (a) a.spread = analyzeDeal({ arv: a.arv, repairs: a.repairs, offerRule: a.offer_rule, assignmentFee: a.assignment_fee, contractPrice: f.purchase_price }).spread ?? undefined;
    deal.buyer_id = buyer.doc._id;
    deal.notes = `Assigned to ${buyer.label} for a ${dollars(fee)} fee.`;
  });
  return buyer;
}

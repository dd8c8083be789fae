// Profit and ROI of a deal, derived from its amounts on the server (never typed by a person).
import type { DealType } from "@/models/deal-enums";

export type DealAmounts = {
  purchase_price?: number | null;
  sale_price?: number | null;
  rehab_cost?: number | null;
  closing_costs?: number | null;
  holding_costs?: number | null;
  assignment_fee?: number | null;
};

export type DerivedFinancials = { profit: number | null; roi: number | null };

const n = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const has = (v: number | null | undefined) => typeof v === "number" && Number.isFinite(v);
const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Wholesale: we sell the contract, so profit is the assignment fee (or, without one, what the
 * buyer paid over our contract price) less the closing and holding costs we paid. Flip and buy
 * and hold: sale price less purchase, rehab, closing and holding costs, once there is a sale.
 * ROI is profit over the money the deal cost (purchase + rehab + closing + holding), in percent
 * with one decimal; null when there is no profit yet or nothing was spent.
 */
export function deriveFinancials(type: DealType, a: DealAmounts): DerivedFinancials {
  const costs = n(a.rehab_cost) + n(a.closing_costs) + n(a.holding_costs);
  let profit: number | null = null;
  if (type === "wholesale") {
    if (has(a.assignment_fee)) profit = n(a.assignment_fee) - n(a.closing_costs) - n(a.holding_costs);
    else if (has(a.sale_price) && has(a.purchase_price)) profit = n(a.sale_price) - n(a.purchase_price) - n(a.closing_costs) - n(a.holding_costs);
  } else if (has(a.sale_price) && has(a.purchase_price)) {
    profit = n(a.sale_price) - n(a.purchase_price) - costs;
  }
  if (profit === null) return { profit: null, roi: null };
  const basis = n(a.purchase_price) + costs;
  return { profit: Math.round(profit), roi: basis > 0 ? round1((profit / basis) * 100) : null };
}

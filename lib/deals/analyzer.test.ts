import { describe, expect, it } from "vitest";
import { analyzeDeal, analyzerProblems, DEFAULT_OFFER_RULE } from "./analyzer";
import { deriveFinancials } from "./financials";
import { canMoveDeal, leadStatusForDeal } from "./transitions";
import { timelineProblems } from "./timeline-order";

describe("analyzeDeal", () => {
  it("MAO is ARV × the offer rule less repairs (70% by default)", () => {
    const r = analyzeDeal({ arv: 200_000, repairs: 30_000, offerRule: DEFAULT_OFFER_RULE, assignmentFee: 10_000 });
    expect(r.mao).toBe(110_000);
    expect(r.offerToSeller).toBe(100_000);
    expect(r.spread).toBeNull();
    expect(r.feeFits).toBe(true);
  });

  it("a stricter rule lowers the MAO; the spread is measured against the contract price", () => {
    const r = analyzeDeal({ arv: 200_000, repairs: 30_000, offerRule: 65, assignmentFee: 10_000, contractPrice: 95_000 });
    expect(r.mao).toBe(100_000);
    expect(r.spread).toBe(5_000);
    expect(r.spreadAfterFee).toBe(-5_000);
    expect(r.feeFits).toBe(false);
  });

  it("rounds to whole dollars and goes negative when repairs eat the value", () => {
    expect(analyzeDeal({ arv: 100_001, repairs: 0, offerRule: 70, assignmentFee: 0 }).mao).toBe(70_001);
    const r = analyzeDeal({ arv: 50_000, repairs: 60_000, offerRule: 70, assignmentFee: 5_000 });
    expect(r.mao).toBe(-25_000);
    expect(r.feeFits).toBe(false);
  });

  it("names each bad input and refuses to analyse it", () => {
    expect(analyzerProblems({ arv: -1, repairs: Number.NaN, offerRule: 0, assignmentFee: 1e13, contractPrice: -5 })).toEqual({
      arv: "ARV must be a non-negative amount",
      repairs: "Repairs must be a non-negative amount",
      offer_rule: "Offer rule must be 1 to 100 percent",
      assignment_fee: "Assignment fee must be a non-negative amount",
      contract_price: "Contract price must be a non-negative amount",
    });
    expect(() => analyzeDeal({ arv: 100, repairs: 0, offerRule: 101, assignmentFee: 0 })).toThrow("Offer rule must be 1 to 100 percent");
  });
});

describe("deriveFinancials", () => {
  it("wholesale: the assignment fee less our costs, ROI over the contract price", () => {
    expect(deriveFinancials("wholesale", { purchase_price: 100_000, assignment_fee: 12_000, closing_costs: 2_000 })).toEqual({ profit: 10_000, roi: 9.8 });
    expect(deriveFinancials("wholesale", { purchase_price: 100_000, sale_price: 110_000 })).toEqual({ profit: 10_000, roi: 10 });
    expect(deriveFinancials("wholesale", { purchase_price: 100_000 })).toEqual({ profit: null, roi: null });
  });

  it("flip: sale less every cost, ROI over the money spent", () => {
    expect(deriveFinancials("flip", { purchase_price: 100_000, sale_price: 180_000, rehab_cost: 40_000, closing_costs: 5_000, holding_costs: 5_000 })).toEqual({ profit: 30_000, roi: 20 });
    expect(deriveFinancials("buy_and_hold", { purchase_price: 100_000, rehab_cost: 10_000 })).toEqual({ profit: null, roi: null });
    expect(deriveFinancials("flip", { purchase_price: 0, sale_price: 10 })).toEqual({ profit: 10, roi: null });
  });
});

describe("deal status transitions", () => {
  it("moves forward, cancels open deals, reopens cancelled ones, and never leaves closed", () => {
    expect(canMoveDeal("pending", "under_contract")).toBe(true);
    expect(canMoveDeal("under_contract", "closed")).toBe(true);
    expect(canMoveDeal("pending", "closed")).toBe(false);
    expect(canMoveDeal("closed", "cancelled")).toBe(false);
    expect(canMoveDeal("cancelled", "pending")).toBe(true);
    expect(canMoveDeal("cancelled", "closed")).toBe(false);
  });

  it("keeps the lead in step", () => {
    expect(leadStatusForDeal("pending")).toBe("under_contract");
    expect(leadStatusForDeal("closed")).toBe("closed");
    expect(leadStatusForDeal("cancelled")).toBe("contacted");
  });
});

describe("timelineProblems", () => {
  it("names the field that comes too early", () => {
    const d = (s: string) => new Date(`${s}T12:00:00Z`);
    expect(timelineProblems({ contract_date: d("2026-05-10"), closing_date: d("2026-05-01") })).toEqual({ closing_date: ["Closing date cannot be before the contract date"] });
    expect(timelineProblems({ rehab_start_date: d("2026-06-10"), rehab_end_date: d("2026-06-01"), listing_date: d("2026-07-01"), sale_date: d("2026-06-20") })).toEqual({
      rehab_end_date: ["Rehab end cannot be before the rehab start"],
      sale_date: ["Sale date cannot be before the listing date"],
    });
    expect(timelineProblems({ contract_date: d("2026-05-10"), closing_date: d("2026-05-10") })).toEqual({});
  });
});

import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { analyzeDeal } from "../analyzer";
import { getDealDocumentOrThrow } from "../get-deal";
import { getOfferRule } from "../offer-rule";
import { saveDealChanges } from "./deal-changes";

/** Runs the analyzer at the workspace's offer rule against the deal's contract price and saves it with the deal. */
export async function saveDealAnalysis(ctx: TenantContext, dealId: string, input: { arv: number; repairs: number; assignment_fee: number }) {
  requirePermission(ctx, "deals.write");
  const doc = await getDealDocumentOrThrow(ctx, dealId);
  const offerRule = await getOfferRule(ctx);
  const contractPrice = (doc.get("financials.purchase_price") as number | undefined) ?? null;
  const r = analyzeDeal({ arv: input.arv, repairs: input.repairs, offerRule, assignmentFee: input.assignment_fee, contractPrice });
  return saveDealChanges(ctx, doc, (d) => {
    d.set("analysis", { arv: input.arv, repairs: input.repairs, offer_rule: offerRule, assignment_fee: input.assignment_fee, mao: r.mao, offer_to_seller: r.offerToSeller, spread: r.spread ?? undefined, analyzed_at: new Date() });
  });
}

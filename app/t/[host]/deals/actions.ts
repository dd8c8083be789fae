"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { changeDealStatusSchema, assignDealBuyerSchema, createDealSchema, dealIdSchema, saveDealAnalysisSchema, updateDealSchema, offerRuleSchema } from "@/lib/deals/schemas";
import { searchBuyerOptions } from "@/lib/deals/search-buyer-options";
import { setOfferRule } from "@/lib/deals/offer-rule";
import { assignDealBuyer } from "@/lib/deals/write/assign-deal-buyer";
import { changeDealStatus } from "@/lib/deals/write/change-deal-status";
import { createDealFromLead } from "@/lib/deals/write/create-deal";
import { deleteDeal } from "@/lib/deals/write/delete-deal";
import { saveDealAnalysis } from "@/lib/deals/write/save-deal-analysis";
import { updateDeal } from "@/lib/deals/write/update-deal";

// Paths are per host segment; revalidating the route patterns covers every tenant's pages.
const refresh = () => {
  revalidatePath("/t/[host]/deals", "layout");
  revalidatePath("/t/[host]/leads/[id]", "page");
};

export const createDealAction = tenantAction(createDealSchema, "deals.write", async (ctx, input) => {
  const res = await createDealFromLead(ctx, input);
  refresh();
  return res;
});

export const updateDealAction = tenantAction(updateDealSchema, "deals.write", async (ctx, { deal_id, ...input }) => {
  const changes = await updateDeal(ctx, deal_id, input);
  refresh();
  return { changed: Object.keys(changes) };
});

export const changeDealStatusAction = tenantAction(changeDealStatusSchema, "deals.write", async (ctx, { deal_id, status, cancel_reason }) => {
  await changeDealStatus(ctx, deal_id, status, cancel_reason);
  refresh();
  return { status };
});

export const assignDealBuyerAction = tenantAction(assignDealBuyerSchema, "deals.write", async (ctx, { deal_id, buyer_id }) => {
  await assignDealBuyer(ctx, deal_id, buyer_id);
  refresh();
  return { buyer_id: buyer_id ?? null };
});

export const deleteDealAction = tenantAction(dealIdSchema, "deals.delete", async (ctx, { deal_id }) => {
  const res = await deleteDeal(ctx, deal_id);
  refresh();
  return res;
});

export const saveDealAnalysisAction = tenantAction(saveDealAnalysisSchema, "deals.write", async (ctx, { deal_id, ...input }) => {
  await saveDealAnalysis(ctx, deal_id, input);
  refresh();
  return null;
});

export const searchBuyerOptionsAction = tenantAction(z.object({ q: z.string().max(100, "Search at most 100 characters").default("") }), "deals.write", async (ctx, { q }) => searchBuyerOptions(ctx, q));

export const setOfferRuleAction = tenantAction(offerRuleSchema, "settings.manage", async (ctx, { offer_rule }) => {
  await setOfferRule(ctx, offer_rule);
  revalidatePath("/t/[host]/settings/workspace", "page");
  return { offer_rule };
});

import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getDealDocumentOrThrow } from "../get-deal";
import type { UpdateDealInput } from "../schemas";
import { TIMELINE_FIELDS } from "../timeline-order";
import { saveDealChanges } from "./deal-changes";

const AMOUNTS = ["purchase_price", "sale_price", "rehab_cost", "closing_costs", "holding_costs", "assignment_fee"] as const;

/** The deal's details form: type, amounts, dates, notes. A field left empty is cleared. */
export async function updateDeal(ctx: TenantContext, dealId: string, input: Omit<UpdateDealInput, "deal_id">) {
  requirePermission(ctx, "deals.write");
  const doc = await getDealDocumentOrThrow(ctx, dealId);
  return saveDealChanges(ctx, doc, (d) => {
    d.set("deal_type", input.deal_type);
    d.set("notes", input.notes ?? undefined);
    for (const k of AMOUNTS) d.set(`financials.${k}`, input[k] ?? undefined);
    // Only wholesale deals earn an assignment fee.
    if (input.deal_type !== "wholesale") d.set("financials.assignment_fee", undefined);
    for (const k of TIMELINE_FIELDS) d.set(`timeline.${k}`, input[k] ?? undefined);
  });
}

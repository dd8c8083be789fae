import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { Buyer } from "@/models/buyer";
import { getDealDocumentOrThrow } from "../get-deal";
import { saveDealChanges } from "./deal-changes";

/** Assigns one of the workspace's buyers to the deal (or none); another company's buyer is not found. */
export async function assignDealBuyer(ctx: TenantContext, dealId: string, buyerId: string | undefined) {
  requirePermission(ctx, "deals.write");
  const doc = await getDealDocumentOrThrow(ctx, dealId);
  let buyer: { _id: unknown } | null = null;
  if (buyerId) {
    buyer = await scoped(ctx, Buyer).findById(buyerId, { _id: 1 }).lean();
    if (!buyer) throw new AppError("not_found", "Buyer not found", { buyer_id: ["Buyer not found"] });
  }
  if (doc.get("status") === "closed" || doc.get("status") === "cancelled") {
    throw new AppError("bad_request", "The buyer of a closed or cancelled deal cannot change.", { buyer_id: ["The deal is no longer open"] });
  }
  return saveDealChanges(ctx, doc, (d) => d.set("buyer_id", buyer?._id ?? undefined));
}

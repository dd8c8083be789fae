import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { Deal } from "@/models/deal";
import { DEAL_STATUS_LABELS, type DealStatus } from "@/models/deal-enums";
import { getDealDocumentOrThrow } from "../get-deal";
import { canMoveDeal, DEAL_TRANSITIONS } from "../transitions";
import { saveDealChanges } from "./deal-changes";

const today = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12));
};

/**
 * Moves a deal along pending → under contract → closed, or to cancelled with a reason (a
 * cancelled deal may be reopened as pending). Going under contract dates the contract and closing
 * dates the closing when they are not set yet; a wholesale deal closes only with its buyer. The
 * lead follows (lib/deals/transitions.ts).
 */
export async function changeDealStatus(ctx: TenantContext, dealId: string, status: DealStatus, cancelReason?: string) {
  requirePermission(ctx, "deals.write");
  const doc = await getDealDocumentOrThrow(ctx, dealId);
  const from = doc.get("status") as DealStatus;
  if (from === status) return {};
  if (!canMoveDeal(from, status)) {
    const allowed = DEAL_TRANSITIONS[from].map((s) => DEAL_STATUS_LABELS[s].toLowerCase());
    throw new AppError("bad_request", `A ${DEAL_STATUS_LABELS[from].toLowerCase()} deal cannot become ${DEAL_STATUS_LABELS[status].toLowerCase()}${allowed.length ? ` (it can become ${allowed.join(" or ")})` : ""}.`, { status: [`Cannot move from ${DEAL_STATUS_LABELS[from].toLowerCase()} to ${DEAL_STATUS_LABELS[status].toLowerCase()}`] });
  }
  if (status === "cancelled" && !cancelReason?.trim()) throw new AppError("bad_request", "Say why the deal is cancelled.", { cancel_reason: ["Say why the deal is cancelled"] });
  if (status === "closed" && doc.get("deal_type") === "wholesale" && !doc.get("buyer_id")) {
    throw new AppError("bad_request", "Assign a buyer before closing a wholesale deal.", { buyer_id: ["Assign a buyer before closing"] });
  }
  if (from === "cancelled") {
    const other = await scoped(ctx, Deal).exists({ lead_id: doc.get("lead_id"), _id: { $ne: doc._id }, status: { $in: ["pending", "under_contract", "closed"] } });
    if (other) throw new AppError("conflict", "The lead has another deal now; this one cannot be reopened.", { status: ["The lead has another deal"] });
  }
  return saveDealChanges(ctx, doc, (d) => {
    d.set("status", status);
    if (status === "cancelled") d.set("cancel_reason", cancelReason!.trim());
    else d.set("cancel_reason", undefined);
    if ((status === "under_contract" || status === "closed") && !d.get("timeline.contract_date")) d.set("timeline.contract_date", today());
    if (status === "closed" && !d.get("timeline.closing_date")) d.set("timeline.closing_date", today());
  });
}

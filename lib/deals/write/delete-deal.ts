import "server-only";
import type { Types } from "mongoose";
import { recordActivity } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { deleteFile, listFiles } from "@/lib/storage";
import { Deal } from "@/models/deal";
import { DEAL_STATUS_LABELS, type DealStatus } from "@/models/deal-enums";
import { DEAL_ACTIVITY } from "../activity-types";
import { getDealDocumentOrThrow } from "../get-deal";
import { syncLeadStatus } from "./deal-changes";

const OPEN: readonly DealStatus[] = ["pending", "under_contract"];

/**
 * Deletes a deal for good (the page asks first): its stored documents go with it, the activity
 * log keeps what it was, and when it was the lead's open deal the lead goes back to the
 * acquisition pipeline as a cancelled deal would send it (contacted). Admins and disposition
 * managers only (`deals.delete`); another tenant's or an unseen deal is not found, nothing changed.
 */
export async function deleteDeal(ctx: TenantContext, dealId: string): Promise<{ leadId: string | null }> {
  requirePermission(ctx, "deals.delete");
  const doc = await getDealDocumentOrThrow(ctx, dealId);
  const status = doc.get("status") as DealStatus;
  const leadId = doc.get("lead_id") as Types.ObjectId | undefined;
  const address = (doc.get("property_address.full_address") as string | undefined) || (doc.get("property_address.street") as string | undefined) || null;
  // The files the deal lists and any other kept for it (an upload whose listing failed).
  const listed = ((doc.get("documents") ?? []) as { file_id?: Types.ObjectId | null }[]).map((d) => (d?.file_id ? String(d.file_id) : null));
  const owned = (await listFiles(ctx, { type: "deal", id: String(doc._id) })).map((f) => f.id);
  const files = [...new Set([...listed, ...owned])].filter((id): id is string => !!id);

  const deals = scoped(ctx, Deal);
  const res = await deals.deleteOne({ _id: doc._id });
  if (res.deletedCount !== 1) return { leadId: null }; // deleted meanwhile by someone else: their delete did the rest
  // The deal is gone first, so a failure below leaves a stray file (harmless), never a deal without its files.
  for (const id of files) await deleteFile(ctx, id).catch(() => {});
  await recordActivity(ctx, {
    type: DEAL_ACTIVITY.deleted,
    entityType: "deal",
    entityId: doc._id as Types.ObjectId,
    description: `Deal deleted${address ? `: ${address}` : ""} (was ${DEAL_STATUS_LABELS[status].toLowerCase()})`,
    metadata: {
      lead_id: leadId ?? null,
      status,
      deal_type: doc.get("deal_type") ?? null,
      buyer_id: doc.get("buyer_id") ?? null,
      purchase_price: doc.get("financials.purchase_price") ?? null,
      sale_price: doc.get("financials.sale_price") ?? null,
      documents: files.length,
    },
  });
  if (leadId && OPEN.includes(status)) {
    const another = await deals.exists({ lead_id: leadId, status: { $in: ["pending", "under_contract", "closed"] } });
    if (!another) await syncLeadStatus(ctx, leadId, "cancelled");
  }
  return { leadId: leadId ? String(leadId) : null };
}

import "server-only";
// A buyer's learned buy box (learned-box.ts) from their closed deals, and the widening it offers.
import { Types } from "mongoose";
import { isLocationKey, labelOfLocationKey } from "@/lib/buyers/locations";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { Buyer } from "@/models/buyer";
import { Deal } from "@/models/deal";
import { closedDealOfRow, type ClosedDealRow } from "./history";
import { learnBuyBox, widenedBox, type LearnedBox } from "./learned-box";
import { getBuyerBoxOrThrow } from "./match-deals-for-buyer";

export interface LearnedBuyBox extends LearnedBox {
  /** The widening's locations as people read them. */
  addLocationLabels: string[];
}

async function learn(ctx: TenantContext, buyerId: string) {
  const buyer = await getBuyerBoxOrThrow(ctx, buyerId);
  const rows = await scoped(ctx, Deal)
    .find(
      { buyer_id: new Types.ObjectId(buyer.id), status: "closed" },
      { property_address: 1, "property_details.type": 1, financials: 1, "timeline.closing_date": 1, updated_at: 1 },
    )
    .lean<ClosedDealRow[]>()
    .exec();
  return { buyer, learned: learnBuyBox(buyer, rows.map(closedDealOfRow)) };
}

export async function learnedBuyBox(ctx: TenantContext, buyerId: string): Promise<LearnedBuyBox> {
  requirePermission(ctx, "deals.read");
  const { learned } = await learn(ctx, buyerId);
  return { ...learned, addLocationLabels: (learned.widening?.add_locations ?? []).map(labelOfLocationKey) };
}

/**
 * Widens the box as the closed deals say, recomputed here (the client only names the buyer), and
 * written through the model's validators (min ≤ max, known types, location keys checked).
 */
export async function widenBuyBox(ctx: TenantContext, buyerId: string): Promise<{ widened: boolean }> {
  requirePermission(ctx, "buyers.write");
  requirePermission(ctx, "deals.read");
  const { buyer, learned } = await learn(ctx, buyerId);
  if (!learned.widening) return { widened: false };
  const box = widenedBox(buyer, learned.widening);
  if (!box.preferred_locations.every(isLocationKey)) {
    throw new AppError("bad_request", "Preferred locations: the stored box has entries that are not places we know; edit the box first.", {
      preferred_locations: ["Preferred locations: fix the entries that are not places we know before widening"],
    });
  }
  const $set: Record<string, unknown> = { preferred_locations: box.preferred_locations, property_types: box.property_types };
  if (box.price_range.min !== undefined) $set["price_range.min"] = box.price_range.min;
  if (box.price_range.max !== undefined) $set["price_range.max"] = box.price_range.max;
  const updated = await scoped(ctx, Buyer).updateById(buyer.id, { $set });
  if (!updated) throw notFound("Buyer");
  return { widened: true };
}

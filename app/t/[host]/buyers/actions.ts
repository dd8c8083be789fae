"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { applyBulkBuyerChange, bulkBuyerChangeSchema, buyerTargetSchema, deleteBuyers, restoreBuyers } from "@/lib/buyers/bulk";
import { createBuyer, updateBuyBox, updateBuyerContact } from "@/lib/buyers/buyers";
import { buyBoxSchema, buyerContactSchema, newBuyerSchema } from "@/lib/buyers/schemas";

// Buyer server actions: each checks its permission and re-reads its target on the server.

const id = z.string().max(40);

export const createBuyerAction = tenantAction(newBuyerSchema, "buyers.write", (ctx, input) => createBuyer(ctx, input));

export const updateBuyerContactAction = tenantAction(z.object({ id, contact: buyerContactSchema }), "buyers.write", (ctx, input) => updateBuyerContact(ctx, input.id, input.contact));

export const updateBuyBoxAction = tenantAction(z.object({ id, box: buyBoxSchema }), "buyers.write", (ctx, input) => updateBuyBox(ctx, input.id, input.box));

export const bulkBuyerChangeAction = tenantAction(z.object({ target: buyerTargetSchema, change: bulkBuyerChangeSchema }), "buyers.write", (ctx, input) =>
  applyBulkBuyerChange(ctx, input.target, input.change),
);

export const deleteBuyersAction = tenantAction(z.object({ target: buyerTargetSchema }), "buyers.delete", (ctx, input) => deleteBuyers(ctx, input.target));

export const restoreBuyersAction = tenantAction(z.object({ batchId: z.string().max(64) }), "buyers.delete", (ctx, input) => restoreBuyers(ctx, input.batchId));

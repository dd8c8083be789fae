"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { widenBuyBox } from "@/lib/matching/learn-buy-box";
import { objectIdSchema } from "@/lib/zod/fields";

/** Widens a buyer's box to cover their closed deals (the widening is recomputed on the server). */
export const widenBuyBoxAction = tenantAction(z.object({ buyer_id: objectIdSchema }), "buyers.write", async (ctx, { buyer_id }) => {
  const result = await widenBuyBox(ctx, buyer_id);
  revalidatePath("/t/[host]/buyers/[id]", "page");
  return result;
});

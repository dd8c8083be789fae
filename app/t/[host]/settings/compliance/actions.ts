"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { resolveFlaggedReply } from "@/lib/communications/compliance-overview";

export const resolveFlaggedReplyAction = tenantAction(z.object({ id: z.string().min(1), decision: z.enum(["opt_out", "keep"]) }), "communications.write", async (ctx, { id, decision }) => {
  await resolveFlaggedReply(ctx, id, decision);
  revalidatePath("/t/[host]/settings/compliance", "page");
  return null;
});

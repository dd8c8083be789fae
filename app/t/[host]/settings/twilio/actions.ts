"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { A2P_STATUSES, addCompanyNumber, removeCompanyNumber, saveTwilioSettings } from "@/lib/providers/twilio/twilio-settings";

const refresh = () => revalidatePath("/settings/twilio");

const accountSchema = z.object({
  accountSid: z.string().trim().max(64),
  authToken: z.string().trim().max(64).optional(),
  messagingServiceSid: z.string().trim().max(64).optional(),
  a2pBrandStatus: z.enum(A2P_STATUSES),
  a2pCampaignStatus: z.enum(A2P_STATUSES),
});

export const saveTwilioAccountAction = tenantAction(accountSchema, "settings.manage", async (ctx, input) => {
  await saveTwilioSettings(ctx, input);
  refresh();
  return { saved: true };
});

export const addTwilioNumberAction = tenantAction(z.object({ number: z.string().max(40) }), "settings.manage", async (ctx, { number }) => {
  const e164 = await addCompanyNumber(ctx, number);
  refresh();
  return { number: e164 };
});

export const removeTwilioNumberAction = tenantAction(z.object({ number: z.string().max(40) }), "settings.manage", async (ctx, { number }) => {
  await removeCompanyNumber(ctx, number);
  refresh();
  return { removed: true };
});

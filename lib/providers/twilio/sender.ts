import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { tenantObjectId } from "@/lib/core/db/tenant-context";
import { TenantPhoneNumber } from "@/models/tenant-phone-number";
import { TwilioAccount } from "@/models/twilio-account";

export type SenderIdentity = { from: string; messagingServiceSid?: string };

/** The company's numbers (E.164), oldest first: the first is its default caller ID and sender. */
export async function companyNumbers(ctx: TenantContext): Promise<string[]> {
  const rows = await TenantPhoneNumber.find({ tenant_id: tenantObjectId(ctx) }, { number: 1, created_at: 1 }).lean<{ number: string; created_at: Date }[]>();
  return rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime()).map((r) => r.number);
}

/** Who texts and calls for the company: its first number, and its Messaging Service when set. Null: Twilio is not set up. */
export async function senderFor(ctx: TenantContext): Promise<SenderIdentity | null> {
  const [account, numbers] = await Promise.all([scoped(ctx, TwilioAccount).findOne({}, { messaging_service_sid: 1 }).lean(), companyNumbers(ctx)]);
  if (!account || !numbers.length) return null;
  return { from: numbers[0], ...(account.messaging_service_sid ? { messagingServiceSid: account.messaging_service_sid } : {}) };
}

import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { TwilioAccount } from "@/models/twilio-account";

export type SendingStatus = {
  connected: boolean;
  simulated: boolean;
  brand: string;
  campaign: string;
  /** Shown on every send screen while carriers may filter the company's texts. */
  warning: string | null;
};

const WORDS: Record<string, string> = { not_registered: "not registered", pending: "pending", approved: "approved", failed: "failed" };

/** The company's Twilio connection and A2P 10DLC registration, for the send screens' banner. */
export async function getTextingStatus(ctx: TenantContext): Promise<SendingStatus> {
  const account = await scoped(ctx, TwilioAccount).findOne({}, { a2p_brand_status: 1, a2p_campaign_status: 1, simulated: 1 }).lean();
  if (!account) return { connected: false, simulated: false, brand: "not_registered", campaign: "not_registered", warning: "Twilio is not connected: an admin connects it in Settings → Twilio." };
  const brand = account.a2p_brand_status ?? "not_registered";
  const campaign = account.a2p_campaign_status ?? "not_registered";
  const simulated = account.simulated === true;
  const approved = brand === "approved" && campaign === "approved";
  const warning = simulated
    ? "Simulated Twilio (development): texts go to a local stand-in, not to real phones."
    : approved
      ? null
      : `A2P 10DLC registration is not approved (brand ${WORDS[brand] ?? brand}, campaign ${WORDS[campaign] ?? campaign}): carriers may filter or block your texts until it is.`;
  return { connected: true, simulated, brand, campaign, warning };
}

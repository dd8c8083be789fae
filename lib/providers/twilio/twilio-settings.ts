import "server-only";
import { can, requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import { tenantObjectId, type TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { isFeatureEnabled } from "@/lib/settings/feature-keys";
import { normalizePhone } from "@/lib/validation/phone";
import { Communication } from "@/models/communication";
import { TenantPhoneNumber } from "@/models/tenant-phone-number";
import { TwilioAccount } from "@/models/twilio-account";
import { makeTwilioClient, twilioApiBase, twilioErrorOf } from "./client";
import { companyNumbers } from "./sender";
import { addTenantPhoneNumber, setTwilioAccount } from "./twilio-account";
import { TWILIO_WEBHOOK_PATHS, twilioWebhookBase } from "./urls";

export const A2P_STATUSES = ["not_registered", "pending", "approved", "failed"] as const;
export type A2pStatus = (typeof A2P_STATUSES)[number];

/** What every send screen shows: whether texts can go, and what may hold them back. */
export type SendingStatus = {
  configured: boolean;
  simulated: boolean;
  smsEnabled: boolean;
  callEnabled: boolean;
  numbers: string[];
  messagingServiceSid: string | null;
  a2p: { brand: A2pStatus; campaign: A2pStatus; approved: boolean };
  /** A sentence for the send screens while something is not right; null when all is well. */
  warning: string | null;
};

export async function getSendingStatus(ctx: TenantContext): Promise<SendingStatus> {
  const [tenant, account, numbers] = await Promise.all([getTenantOrThrow(ctx), scoped(ctx, TwilioAccount).findOne({}).lean(), companyNumbers(ctx)]);
  const brand = (account?.a2p_brand_status ?? "not_registered") as A2pStatus;
  const campaign = (account?.a2p_campaign_status ?? "not_registered") as A2pStatus;
  const simulated = !!account?.simulated;
  const approved = brand === "approved" && campaign === "approved";
  const smsEnabled = isFeatureEnabled(tenant, "sms_enabled");
  const callEnabled = isFeatureEnabled(tenant, "call_enabled");
  let warning: string | null = null;
  if (!account || !numbers.length) warning = "Twilio is not set up: an admin adds the account and a phone number in Settings → Twilio.";
  else if (!smsEnabled) warning = "Text messages are turned off for this workspace.";
  else if (simulated) warning = "Simulated: texts and calls go to a local stand-in of Twilio, not to real phones.";
  else if (!approved) warning = `A2P 10DLC registration is not approved (brand ${brand.replace("_", " ")}, campaign ${campaign.replace("_", " ")}): US carriers may filter or block these texts.`;
  return { configured: !!account && numbers.length > 0, simulated, smsEnabled, callEnabled, numbers, messagingServiceSid: account?.messaging_service_sid ?? null, a2p: { brand, campaign, approved }, warning };
}

export type TwilioSettingsView = {
  accountSid: string | null;
  hasToken: boolean;
  verifiedAt: Date | null;
  simulated: boolean;
  messagingServiceSid: string | null;
  a2pBrandStatus: A2pStatus;
  a2pCampaignStatus: A2pStatus;
  numbers: string[];
  webhooks: { label: string; url: string }[];
};

export async function getTwilioSettings(ctx: TenantContext): Promise<TwilioSettingsView> {
  requirePermission(ctx, "settings.manage");
  const [account, numbers] = await Promise.all([scoped(ctx, TwilioAccount).findOne({}).lean(), companyNumbers(ctx)]);
  const base = twilioWebhookBase();
  return {
    accountSid: account?.account_sid ?? null,
    hasToken: !!account,
    verifiedAt: account?.verified_at ?? null,
    simulated: !!account?.simulated,
    messagingServiceSid: account?.messaging_service_sid ?? null,
    a2pBrandStatus: (account?.a2p_brand_status ?? "not_registered") as A2pStatus,
    a2pCampaignStatus: (account?.a2p_campaign_status ?? "not_registered") as A2pStatus,
    numbers,
    webhooks: [
      { label: "A message comes in (the number's Messaging webhook)", url: base + TWILIO_WEBHOOK_PATHS.sms },
      { label: "A call comes in (the number's Voice webhook)", url: base + TWILIO_WEBHOOK_PATHS.voice },
      { label: "Message status callback (set by DealCycle on each text)", url: base + TWILIO_WEBHOOK_PATHS.messageStatus },
      { label: "Call status callback (set by DealCycle on each call)", url: base + TWILIO_WEBHOOK_PATHS.callStatus },
    ],
  };
}

const invalid = (field: string, message: string) => new AppError("bad_request", "Please correct the highlighted fields.", { [field]: [message] });

function isLoopback(base: string | null): boolean {
  if (!base) return false;
  const host = new URL(base).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "::1";
}

/** Asks Twilio (the local one when TWILIO_API_BASE says so) whether it accepts the SID and token. */
async function checkCredentials(accountSid: string, authToken: string): Promise<void> {
  try {
    await makeTwilioClient(accountSid, authToken).api.v2010.accounts(accountSid).fetch();
  } catch (err) {
    const e = twilioErrorOf(err);
    if (e && (e.status === 401 || e.status === 403 || e.status === 404)) throw invalid("authToken", "Twilio refused this Account SID and auth token. Copy both again from the Twilio console.");
    throw new AppError("internal", "Could not reach Twilio to check the credentials; nothing was saved. Try again in a minute.");
  }
}

/**
 * Saves the company's Twilio account: the SID, the auth token (checked against Twilio, then sealed
 * and never shown again; left blank, the stored one is kept), the optional Messaging Service and
 * the A2P 10DLC statuses the admin reads in Twilio's console.
 */
export async function saveTwilioSettings(
  ctx: TenantContext,
  input: { accountSid: string; authToken?: string; messagingServiceSid?: string; a2pBrandStatus?: A2pStatus; a2pCampaignStatus?: A2pStatus },
): Promise<void> {
  requirePermission(ctx, "settings.manage");
  const accountSid = input.accountSid.trim();
  if (!/^AC[0-9a-f]{32}$/.test(accountSid)) throw invalid("accountSid", "An Account SID is AC followed by 32 characters 0-9 and a-f.");
  const service = input.messagingServiceSid?.trim() || undefined;
  if (service && !/^MG[0-9a-f]{32}$/.test(service)) throw invalid("messagingServiceSid", "A Messaging Service SID is MG followed by 32 characters 0-9 and a-f.");
  for (const [field, value] of [["a2pBrandStatus", input.a2pBrandStatus], ["a2pCampaignStatus", input.a2pCampaignStatus]] as const) {
    if (value !== undefined && !(A2P_STATUSES as readonly string[]).includes(value)) throw invalid(field, `Choose one of: ${A2P_STATUSES.join(", ")}.`);
  }
  const existing = await scoped(ctx, TwilioAccount).findOne({}).select("+auth_token_sealed").lean();
  let token = input.authToken?.trim();
  if (!token) {
    if (!existing || existing.account_sid !== accountSid) throw invalid("authToken", "Enter the auth token (it is stored encrypted and never shown again).");
  } else {
    if (!/^[0-9a-f]{32}$/.test(token)) throw invalid("authToken", "An auth token is 32 characters 0-9 and a-f.");
    await checkCredentials(accountSid, token);
    await setTwilioAccount(ctx, { accountSid, authToken: token });
  }
  await scoped(ctx, TwilioAccount).updateOne(
    {},
    {
      $set: {
        ...(input.a2pBrandStatus ? { a2p_brand_status: input.a2pBrandStatus } : {}),
        ...(input.a2pCampaignStatus ? { a2p_campaign_status: input.a2pCampaignStatus } : {}),
        ...(token ? { verified_at: new Date(), simulated: isLoopback(twilioApiBase()) } : {}),
        ...(service ? { messaging_service_sid: service } : {}),
      },
      ...(service ? {} : { $unset: { messaging_service_sid: 1 } }),
    },
  );
  token = undefined;
}

/** Adds a number (E.164; one company only). */
export async function addCompanyNumber(ctx: TenantContext, number: string): Promise<string> {
  return addTenantPhoneNumber(ctx, number);
}

/** Removes one of the company's numbers (another company's answers not found). */
export async function removeCompanyNumber(ctx: TenantContext, number: string): Promise<void> {
  requirePermission(ctx, "settings.manage");
  const e164 = normalizePhone(number);
  const res = e164 ? await TenantPhoneNumber.deleteOne({ number: e164, tenant_id: tenantObjectId(ctx) }) : { deletedCount: 0 };
  if (!res.deletedCount) throw new AppError("not_found", "Number not found");
  (globalThis as unknown as { __dcTwilioCompanies?: Map<string, unknown> }).__dcTwilioCompanies?.clear();
}

export type MonthlySpend = { month: string; total: number; unit: string; byType: { type: string; count: number; cost: number }[] };

/** What Twilio charged the company this month (UTC), from the prices stored on each message and call. */
export async function getMonthlySpend(ctx: TenantContext, at = new Date()): Promise<MonthlySpend> {
  if (!can(ctx, "settings.read") && !can(ctx, "settings.manage")) requirePermission(ctx, "settings.manage");
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  // Summed here: FerretDB's $group counted 0 for { $sum: 1 } and { $count: {} } (measured, 1.24.2).
  const rows = await scoped(ctx, Communication)
    .find({ created_at: { $gte: start, $lt: end }, "metadata.cost": { $gte: 0 } }, { type: 1, "metadata.cost": 1 })
    .lean<{ type: string; metadata?: { cost?: number } }[]>();
  const totals = new Map<string, { count: number; cost: number }>();
  for (const r of rows) {
    const t = totals.get(r.type) ?? { count: 0, cost: 0 };
    t.count += 1;
    t.cost += r.metadata?.cost ?? 0;
    totals.set(r.type, t);
  }
  const byType = [...totals].map(([type, t]) => ({ type, count: t.count, cost: Math.round(t.cost * 100_000) / 100_000 }));
  return { month: start.toISOString().slice(0, 7), total: Math.round(byType.reduce((s, r) => s + r.cost, 0) * 100) / 100, unit: "USD", byType };
}


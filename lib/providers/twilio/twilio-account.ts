import "server-only";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { normalizePhone } from "@/lib/validation/phone";
import { TenantPhoneNumber } from "@/models/tenant-phone-number";
import { TwilioAccount } from "@/models/twilio-account";

// The webhook verifier remembers numbers and tokens for a few seconds; a change here clears it.
const forget = () => (globalThis as unknown as { __dcTwilioCompanies?: Map<string, unknown> }).__dcTwilioCompanies?.clear();

export const NUMBER_TAKEN = "This number is already connected to a workspace.";

/** Saves the company's Twilio account SID and auth token (sealed), replacing any before. */
export async function setTwilioAccount(ctx: TenantContext, input: { accountSid: string; authToken: string; secondaryAuthToken?: string }): Promise<void> {
  requirePermission(ctx, "settings.manage");
  const accounts = scoped(ctx, TwilioAccount);
  const fields = {
    account_sid: input.accountSid,
    auth_token_sealed: sealSecret(input.authToken),
    ...(input.secondaryAuthToken ? { secondary_auth_token_sealed: sealSecret(input.secondaryAuthToken) } : {}),
  };
  const existing = await accounts.findOne({}, { _id: 1 }).lean();
  if (existing) await accounts.updateOne({ _id: existing._id }, { $set: fields, ...(input.secondaryAuthToken ? {} : { $unset: { secondary_auth_token_sealed: 1 } }) });
  else await accounts.create(fields);
  forget();
}

/** Connects a phone number to the company: webhooks for it reach this company only. */
export async function addTenantPhoneNumber(ctx: TenantContext, number: string): Promise<string> {
  requirePermission(ctx, "settings.manage");
  const e164 = normalizePhone(number);
  if (!e164) throw new AppError("bad_request", "Please correct the highlighted fields.", { number: ["Enter a phone number such as +1 214 555 0100"] });
  const tenant_id = new Types.ObjectId(ctx.tenantId);
  const existing = await TenantPhoneNumber.findOne({ number: e164 }, { tenant_id: 1 }).lean();
  if (existing) {
    if (existing.tenant_id.equals(tenant_id)) return e164;
    throw new AppError("conflict", NUMBER_TAKEN, { number: [NUMBER_TAKEN] });
  }
  try {
    await TenantPhoneNumber.create({ number: e164, tenant_id });
    forget();
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw new AppError("conflict", NUMBER_TAKEN, { number: [NUMBER_TAKEN] });
    throw err;
  }
  return e164;
}

/** The company that owns a number (E.164), or null. */
export async function tenantIdForNumber(number: string): Promise<string | null> {
  const row = await TenantPhoneNumber.findOne({ number }, { tenant_id: 1 }).lean();
  return row ? String(row.tenant_id) : null;
}

/** The company's Twilio account SID and the auth tokens a signature may be made with (current first). */
export async function twilioCredentials(ctx: TenantContext): Promise<{ accountSid: string; authTokens: string[] } | null> {
  const account = await scoped(ctx, TwilioAccount).findOne({}).select("+auth_token_sealed +secondary_auth_token_sealed").lean();
  if (!account) return null;
  const sealed = [account.auth_token_sealed, account.secondary_auth_token_sealed].filter((s): s is string => typeof s === "string" && s.length > 0);
  return { accountSid: account.account_sid, authTokens: sealed.map(openSecret) };
}

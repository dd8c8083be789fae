// The demo companies' Twilio set-up on the local Twilio (scripts/lib/local-twilio.mjs): an account
// marked simulated and one number each, so a newcomer can text, call and see replies on `npm start`.
// Only when TWILIO_API_BASE points at a local Twilio; never against Twilio itself.
import { createHash } from "node:crypto";
import { sealSecret } from "@/lib/crypto/secret-box";
import { Tenant } from "@/models/tenant";
import { TenantPhoneNumber } from "@/models/tenant-phone-number";
import { TwilioAccount } from "@/models/twilio-account";
import { DEMO_TENANTS } from "./demo-users";

const DEMO_NUMBERS: Record<string, string> = { acme: "+12145550100", globex: "+13125550100" };

const hex = (seed: string) => createHash("sha256").update(seed).digest("hex").slice(0, 32);

/** The demo account of a demo company (deterministic: the local Twilio accepts it on first use). */
export function demoTwilioCredentials(key: string): { accountSid: string; authToken: string; number: string } {
  return { accountSid: `AC${hex(`dealcycle-demo-${key}-account`)}`, authToken: hex(`dealcycle-demo-${key}-token`), number: DEMO_NUMBERS[key] };
}

function isLocalApiBase(base: string | undefined): boolean {
  if (!base) return false;
  const host = new URL(base).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "::1";
}

/** Connects each demo company without a Twilio account to the local Twilio. Returns how many. */
export async function connectDemoTwilio(): Promise<number> {
  if (!isLocalApiBase(process.env.TWILIO_API_BASE)) return 0;
  let connected = 0;
  for (const { key, subdomain } of DEMO_TENANTS) {
    const tenant = await Tenant.findOne({ subdomain }, { _id: 1 }).lean();
    if (!tenant) continue;
    if (await TwilioAccount.exists({ tenant_id: tenant._id })) continue;
    const demo = demoTwilioCredentials(key);
    await TwilioAccount.create({ tenant_id: tenant._id, account_sid: demo.accountSid, auth_token_sealed: sealSecret(demo.authToken), simulated: true, verified_at: new Date() });
    if (!(await TenantPhoneNumber.exists({ number: demo.number }))) await TenantPhoneNumber.create({ number: demo.number, tenant_id: tenant._id });
    connected += 1;
  }
  return connected;
}

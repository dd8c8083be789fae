// Twilio settings against the local Twilio: credentials checked when saved, the token sealed and
// never returned, numbers one company's only, the sending status every send screen shows, and the
// month's spend from stored prices.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { TwilioAccount } from "@/models/twilio-account";
import { addCompanyNumber, getMonthlySpend, getSendingStatus, getTwilioSettings, removeCompanyNumber, saveTwilioSettings } from "./twilio-settings";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

async function localAccount() {
  const res = await fetch(`${process.env.TWILIO_API_BASE}/_control/accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  return (await res.json()) as { sid: string; token: string };
}

let acme: Awaited<ReturnType<typeof createWorkspace>>;
let globex: Awaited<ReturnType<typeof createWorkspace>>;
beforeAll(async () => {
  acme = await createWorkspace();
  globex = await createWorkspace();
});
afterAll(() => undefined);

describe("Twilio settings", () => {
  it("checks the credentials with Twilio, seals the token and never shows it; a wrong token saves nothing", async () => {
    const account = await localAccount();
    await expect(saveTwilioSettings(acme.admin, { accountSid: account.sid, authToken: "0".repeat(32), a2pBrandStatus: "pending", a2pCampaignStatus: "pending" })).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { authToken: [expect.stringMatching(/Twilio refused/)] },
    });
    expect(await scoped(acme.admin, TwilioAccount).countDocuments()).toBe(0);
    await expect(saveTwilioSettings(acme.admin, { accountSid: "nope", authToken: account.token })).rejects.toMatchObject({ fieldErrors: { accountSid: expect.any(Array) } });
    await expect(saveTwilioSettings(acme.rep, { accountSid: account.sid, authToken: account.token })).rejects.toMatchObject({ code: "forbidden" });

    await saveTwilioSettings(acme.admin, { accountSid: account.sid, authToken: account.token, a2pBrandStatus: "approved", a2pCampaignStatus: "pending" });
    const view = await getTwilioSettings(acme.admin);
    expect(view).toMatchObject({ accountSid: account.sid, hasToken: true, simulated: true, a2pBrandStatus: "approved", a2pCampaignStatus: "pending" });
    expect(JSON.stringify(view)).not.toContain(account.token);
    const raw = await TwilioAccount.collection.findOne({ account_sid: account.sid });
    expect(JSON.stringify(raw)).not.toContain(account.token);
    // Blank token: the stored one is kept.
    await saveTwilioSettings(acme.admin, { accountSid: account.sid, a2pBrandStatus: "approved", a2pCampaignStatus: "approved" });
    expect((await getTwilioSettings(acme.admin)).a2pCampaignStatus).toBe("approved");
  });

  it("numbers belong to one company; another company cannot remove them; the status says what holds texts back", async () => {
    expect((await getSendingStatus(globex.admin)).warning).toMatch(/not set up/);
    const number = `+1972555${String(1000 + Math.floor(Math.random() * 8999))}`;
    expect(await addCompanyNumber(acme.admin, number)).toBe(number);
    await expect(addCompanyNumber(globex.admin, number)).rejects.toMatchObject({ code: "conflict" });
    await expect(removeCompanyNumber(globex.admin, number)).rejects.toMatchObject({ code: "not_found" });
    const status = await getSendingStatus(acme.rep);
    expect(status).toMatchObject({ configured: true, simulated: true, numbers: [number] });
    expect(status.warning).toMatch(/Simulated/);
    await TwilioAccount.updateOne({ tenant_id: acme.tenant._id }, { $set: { simulated: false, a2p_campaign_status: "pending" } });
    expect((await getSendingStatus(acme.rep)).warning).toMatch(/A2P 10DLC registration is not approved/);
  });

  it("the month's spend sums the stored prices of this company only", async () => {
    const lead = await scoped(acme.admin, Lead).create({ name: "Spend", phone: "+12145550111", status: "new" });
    const base = { direction: "outbound", recipient_type: "lead", recipient_id: lead._id, status: "delivered" };
    await scoped(acme.admin, Communication).insertMany([
      { ...base, type: "sms", metadata: { cost: 0.0079 } },
      { ...base, type: "sms", metadata: { cost: 0.0079 } },
      { ...base, type: "call", metadata: { cost: 0.014 } },
      { ...base, type: "sms" },
    ]);
    const spend = await getMonthlySpend(acme.admin);
    expect(spend.total).toBe(0.03);
    expect(spend.byType.find((t) => t.type === "sms")).toMatchObject({ count: 2, cost: 0.0158 });
    expect((await getMonthlySpend(globex.admin)).total).toBe(0);
  });
});

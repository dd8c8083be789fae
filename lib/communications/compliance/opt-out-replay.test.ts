// A Twilio signature has no time in it: a signed webhook captured once can be posted again, and
// Twilio itself retries. STOP and START are applied at once in the webhook request, so a replay
// of an old START after a later STOP would opt the number back in. Each message counts once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { startRouteServer } from "@/lib/testing/route-server";
import { Lead } from "@/models/lead";
import { OptOut } from "@/models/opt-out";
import { POST as smsRoute } from "@/app/api/webhooks/twilio/sms/route";
import { twilioSignature } from "../../../scripts/lib/local-twilio.mjs";
import { closeInboundQueue } from "../inbound/inbound-sms";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

async function control<T = any>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${process.env.TWILIO_API_BASE}/_control/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json() as Promise<T>;
}

let hooks: Awaited<ReturnType<typeof startRouteServer>>;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let account: { sid: string; token: string };
const number = `+1305557${String(1000 + Math.floor(Math.random() * 8999))}`;

beforeAll(async () => {
  hooks = await startRouteServer({ "/api/webhooks/twilio/sms": smsRoute });
  ws = await createWorkspace();
  account = await control("accounts", {});
  await control("numbers", { accountSid: account.sid, number, smsUrl: `${hooks.url}/api/webhooks/twilio/sms` });
  await setTwilioAccount(ws.admin, { accountSid: account.sid, authToken: account.token });
  await addTenantPhoneNumber(ws.admin, number);
});
afterAll(async () => {
  await closeInboundQueue();
  await hooks.close();
});

/** Posts a webhook Twilio signed earlier, exactly as it was. */
async function replay(sent: { params: Record<string, string> }) {
  const url = `${hooks.url}/api/webhooks/twilio/sms`;
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(account.token, url, sent.params) }, body: new URLSearchParams(sent.params) });
}

describe("replayed STOP and START", () => {
  it("an old START posted again after a later STOP leaves the number opted out and the lead tagged dnc; an old STOP after START leaves it textable", async () => {
    const phone = `+1786558${String(1000 + Math.floor(Math.random() * 8999))}`;
    const lead = await scoped(ws.admin, Lead).create({ name: "Sam Seller", phone, status: "new" });
    const state = async () => ({ optedOut: (await scoped(ws.admin, OptOut).findOne({ number: phone }).lean())?.opted_out, tags: (await scoped(ws.admin, Lead).findById(String(lead._id)).lean())?.tags });

    const stop1 = await control("inbound-sms", { to: number, from: phone, body: "STOP" });
    const start1 = await control("inbound-sms", { to: number, from: phone, body: "START" });
    await control("inbound-sms", { to: number, from: phone, body: "STOP" });
    expect(await state()).toEqual({ optedOut: true, tags: ["dnc"] });

    const replayed = await replay(start1);
    expect(replayed.status).toBe(200);
    expect(await state()).toEqual({ optedOut: true, tags: ["dnc"] });

    await control("inbound-sms", { to: number, from: phone, body: "START" });
    expect(await state()).toEqual({ optedOut: false, tags: [] });
    expect((await replay(stop1)).status).toBe(200);
    expect(await state()).toEqual({ optedOut: false, tags: [] });
    expect((await scoped(ws.admin, OptOut).findOne({ number: phone }).lean())?.history).toHaveLength(4);
  });
});

// Calls through the real SDK and the local Twilio: click-to-call rings the rep then the lead,
// inbound calls ring the assigned rep then the fallback, missed calls are recorded, outcomes logged.
import { Types } from "mongoose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { startRouteServer } from "@/lib/testing/route-server";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { POST as voiceRoute } from "@/app/api/webhooks/twilio/voice/route";
import { POST as callStatusRoute } from "@/app/api/webhooks/twilio/call-status/route";
import { POST as dialResultRoute } from "@/app/api/webhooks/twilio/dial-result/route";
import { twilioSignature } from "../../../scripts/lib/local-twilio.mjs";
import { pinOutreachClock } from "../clock";
import { requestText } from "../send/request-text";
import { closeSendQueue } from "../send/queue";
import { logCallOutcome } from "./log-call-outcome";
import { requestCall } from "./request-call";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

async function control<T = any>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${process.env.TWILIO_API_BASE}/_control/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json() as Promise<T>;
}
let seq = Math.floor(Math.random() * 4000);
const num = (area: string) => `+1${area}555${String(1000 + (seq++ % 8999)).padStart(4, "0")}`;

let hooks: Awaited<ReturnType<typeof startRouteServer>>;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let other: Awaited<ReturnType<typeof createWorkspace>>;
let account: { sid: string; token: string };
let companyNumber: string;
const repPhone = num("469");
const adminPhone = num("682");

async function signedPost(path: string, params: Record<string, string>) {
  const url = `${hooks.url}${path}`;
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(account.token, url, params) }, body: new URLSearchParams(params) });
}

beforeAll(async () => {
  hooks = await startRouteServer({ "/api/webhooks/twilio/voice": voiceRoute, "/api/webhooks/twilio/call-status": callStatusRoute, "/api/webhooks/twilio/dial-result": dialResultRoute });
  process.env.TWILIO_WEBHOOK_BASE = hooks.url;
  ws = await createWorkspace();
  other = await createWorkspace();
  account = await control("accounts", {});
  companyNumber = num("214");
  await control("numbers", { accountSid: account.sid, number: companyNumber, voiceUrl: `${hooks.url}/api/webhooks/twilio/voice` });
  await control("behaviour", { accountSid: account.sid, progress: "manual" });
  await setTwilioAccount(ws.admin, { accountSid: account.sid, authToken: account.token });
  await addTenantPhoneNumber(ws.admin, companyNumber);
  await scoped(ws.admin, User).updateOne({ _id: ws.ids.admin }, { $set: { phone: adminPhone } });
});
beforeEach(() => pinOutreachClock(new Date("2026-03-11T16:00:00Z")));
afterAll(async () => {
  pinOutreachClock(null);
  await closeSendQueue();
  await hooks.close();
});

describe("calls", () => {
  it("click-to-call rings the rep's phone, then dials the lead with the company number as caller ID", async () => {
    const lead = await scoped(ws.admin, Lead).create({ name: "Pat Owner", phone: num("972"), status: "new", assigned_to: ws.ids.rep, address: { state: "TX", zip_code: "75201" } });
    const to = { kind: "lead" as const, id: String(lead._id) };
    expect(await requestCall(ws.rep, { to, intentKey: `c:${new Types.ObjectId()}` })).toMatchObject({ ok: false, code: "no_rep_phone" });
    await scoped(ws.admin, User).updateOne({ _id: ws.ids.rep }, { $set: { phone: repPhone } });
    const res = await requestCall(ws.rep, { to, intentKey: `c:${new Types.ObjectId()}` });
    expect(res).toMatchObject({ ok: true });
    if (!res.ok) return;
    const calls = await control<any[]>(`calls?accountSid=${account.sid}`);
    const placed = calls.find((c) => c.sid === res.callSid);
    expect(placed).toMatchObject({ to: repPhone, from: companyNumber });
    expect(placed.twiml).toContain(`callerId="${companyNumber}"`);
    expect(placed.twiml).toContain(`<Number>${lead.phone}</Number>`);

    await control("advance", { sid: res.callSid, status: "ringing" });
    await control("advance", { sid: res.callSid, status: "in-progress" });
    expect((await scoped(ws.admin, Communication).findById(res.communicationId).lean())?.status).toBe("in_progress");
    const dialed = await signedPost(`/api/webhooks/twilio/dial-result?c=${res.communicationId}`, { AccountSid: account.sid, CallSid: res.callSid, From: companyNumber, To: repPhone, Direction: "outbound-api", DialCallStatus: "completed", DialCallDuration: "95" });
    expect(dialed.status).toBe(200);
    await control("advance", { sid: res.callSid, status: "ringing" });
    expect(await scoped(ws.admin, Communication).findById(res.communicationId).lean()).toMatchObject({ status: "answered", duration: 95, type: "call", direction: "outbound" });

    await logCallOutcome(ws.rep, res.communicationId, { disposition: "wrong_number", note: "Not the owner" });
    expect(await scoped(ws.admin, Communication).findById(res.communicationId).lean()).toMatchObject({ disposition: "wrong_number", note: "Not the owner" });
    expect((await scoped(ws.admin, Lead).findById(String(lead._id)).lean())?.phones?.find((p) => p.number === lead.phone)?.status).toBe("wrong_number");
    expect(await requestText(ws.rep, { to, body: "Hi", intentKey: `t:${new Types.ObjectId()}` })).toMatchObject({ ok: false, code: "number_status" });
    await expect(logCallOutcome(other.admin, res.communicationId, { disposition: "talked" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a call at 10 pm the lead's time is refused with the rule and when calling is allowed", async () => {
    pinOutreachClock(new Date("2026-03-12T03:00:00Z")); // 10 pm in Dallas
    const lead = await scoped(ws.admin, Lead).create({ name: "Late", phone: num("214"), status: "new", address: { state: "TX", zip_code: "75201" } });
    const res = await requestCall(ws.admin, { to: { kind: "lead", id: String(lead._id) }, intentKey: `c:${new Types.ObjectId()}` });
    expect(res).toMatchObject({ ok: false, code: "quiet_hours", message: expect.stringMatching(/Texas/) });
  });

  it("an inbound call rings the assigned rep, then the fallback, and is recorded as missed", async () => {
    const lead = await scoped(ws.admin, Lead).create({ name: "Caller", phone: num("817"), status: "new", assigned_to: ws.ids.rep });
    const rang = await control("inbound-call", { to: companyNumber, from: lead.phone });
    expect(rang.status).toBe(200);
    expect(rang.body).toContain(`<Number>${repPhone}</Number>`);
    const row = await scoped(ws.admin, Communication).findOne({ twilio_sid: rang.sid }).lean();
    expect(row).toMatchObject({ type: "call", direction: "inbound", status: "ringing", recipient_type: "lead" });
    const base = { AccountSid: account.sid, CallSid: rang.sid as string, From: lead.phone as string, To: companyNumber, Direction: "inbound" };
    const fallback = await signedPost(`/api/webhooks/twilio/dial-result?c=${row!._id}&s=0`, { ...base, DialCallStatus: "no-answer" });
    expect(await fallback.text()).toContain(`<Number>${adminPhone}</Number>`);
    await signedPost(`/api/webhooks/twilio/dial-result?c=${row!._id}&s=1`, { ...base, DialCallStatus: "no-answer" });
    expect((await scoped(ws.admin, Communication).findById(String(row!._id)).lean())?.status).toBe("missed");
    // The same CallSid again (Twilio retried): stored once.
    await control("inbound-call", { to: companyNumber, from: lead.phone, sid: rang.sid });
    expect(await scoped(ws.admin, Communication).countDocuments({ twilio_sid: rang.sid })).toBe(1);

    const stranger = num("254");
    const unknown = await control("inbound-call", { to: companyNumber, from: stranger });
    expect(unknown.status).toBe(200);
    expect(await scoped(ws.admin, Lead).findOne({ phone: stranger }).lean()).toMatchObject({ source: "inbound_call" });
  });

  it("callbacks that overtake our save of the call's SID still move it: found by the id in our signed URL, one SID per call", async () => {
    const lead = await scoped(ws.admin, Lead).create({ name: "Quick Answer", phone: num("972"), status: "new", address: { state: "TX", zip_code: "75201" } });
    // The call as requestCall stores it before Twilio answers the create (no SID yet).
    const call = await scoped(ws.admin, Communication).create({ type: "call", direction: "outbound", recipient_type: "lead", recipient_id: lead._id, sender_id: ws.ids.admin, status: "queued", status_rank: 0, from_number: companyNumber, to_number: lead.phone, source: "call" });
    const sid = `CA${new Types.ObjectId().toHexString()}abcdefab`;
    const base = { AccountSid: account.sid, CallSid: sid, From: companyNumber, To: adminPhone, Direction: "outbound-api" };
    expect((await signedPost(`/api/webhooks/twilio/call-status?c=${call._id}`, { ...base, CallStatus: "ringing" })).status).toBe(200);
    expect(await scoped(ws.admin, Communication).findById(String(call._id)).lean()).toMatchObject({ status: "ringing", twilio_sid: sid });
    // Another SID naming the same call changes nothing: a call has one SID.
    await signedPost(`/api/webhooks/twilio/call-status?c=${call._id}`, { ...base, CallSid: `CA${new Types.ObjectId().toHexString()}abcdefab`, CallStatus: "in-progress" });
    expect((await scoped(ws.admin, Communication).findById(String(call._id)).lean())?.status).toBe("ringing");
    await signedPost(`/api/webhooks/twilio/dial-result?c=${call._id}`, { ...base, DialCallStatus: "completed", DialCallDuration: "61" });
    expect(await scoped(ws.admin, Communication).findById(String(call._id)).lean()).toMatchObject({ status: "answered", duration: 61 });
    // Another company's call id in the URL is not found there.
    const foreign = await scoped(other.admin, Communication).create({ type: "call", direction: "outbound", recipient_type: "lead", recipient_id: lead._id, status: "queued", status_rank: 0, from_number: companyNumber, to_number: lead.phone, source: "call" });
    await signedPost(`/api/webhooks/twilio/call-status?c=${foreign._id}`, { ...base, CallSid: `CA${new Types.ObjectId().toHexString()}abcdefab`, CallStatus: "ringing" });
    expect(await scoped(other.admin, Communication).findById(String(foreign._id)).lean()).toMatchObject({ status: "queued" });
  });

  it("played by the local Twilio on its own: the rep answers, the lead is dialled (<Dial action>), the call ends answered", async () => {
    await control("behaviour", { accountSid: account.sid, progress: "auto" });
    try {
      const lead = await scoped(ws.admin, Lead).create({ name: "Auto Dial", phone: num("972"), status: "new", address: { state: "TX", zip_code: "75201" } });
      const res = await requestCall(ws.admin, { to: { kind: "lead", id: String(lead._id) }, intentKey: `c:${new Types.ObjectId()}` });
      expect(res).toMatchObject({ ok: true });
      if (!res.ok) return;
      await vi.waitFor(async () => expect(await scoped(ws.admin, Communication).findById(res.communicationId).lean()).toMatchObject({ status: "answered", duration: 37 }), { timeout: 15_000, interval: 100 });
      // Every callback answered (none left to reach a closed database); the rep's leg (42 s) did not replace the lead's talk time.
      await vi.waitFor(async () => expect((await control<any[]>(`calls?accountSid=${account.sid}`)).find((c) => c.sid === res.callSid)).toMatchObject({ status: "completed", played: true }), { timeout: 15_000, interval: 100 });
      expect((await scoped(ws.admin, Communication).findById(res.communicationId).lean())?.duration).toBe(37);
    } finally {
      await control("behaviour", { accountSid: account.sid, progress: "manual" });
    }
  });
});

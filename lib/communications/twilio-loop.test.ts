// The whole texting loop with the real twilio SDK against the local Twilio, whose callbacks and
// inbound texts reach our route handlers over HTTP, signed: send, status callbacks (repeated and
// out of order), a crash between Twilio's answer and our save, STOP and its kin, stop in words,
// unknown senders, bad input, and another company's numbers and SIDs.
import type { Job } from "bullmq";
import { Types } from "mongoose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { sharedQueue } from "@/lib/core/jobs/connection";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { startRouteServer } from "@/lib/testing/route-server";
import { Communication } from "@/models/communication";
import { DomainEvent } from "@/models/domain-event";
import { Lead } from "@/models/lead";
import { OptOut } from "@/models/opt-out";
import { POST as smsRoute } from "@/app/api/webhooks/twilio/sms/route";
import { POST as statusRoute } from "@/app/api/webhooks/twilio/message-status/route";
import { pinOutreachClock } from "./clock";
import { closeInboundQueue, INBOUND_QUEUE, processInboundJob, type InboundSms } from "./inbound/inbound-sms";
import { closePriceQueue } from "./send/price-job";
import { closeSendQueue, type SendJob } from "./send/queue";
import { requestText } from "./send/request-text";
import { processSendJob } from "./send/send-job";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

const api = () => process.env.TWILIO_API_BASE!;
async function control<T = any>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${api()}/_control/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json() as Promise<T>;
}

let numberSeq = Math.floor(Math.random() * 5000);
const companyNumber = () => `+1305556${String(1000 + (numberSeq++ % 8999)).padStart(4, "0")}`;
let leadSeq = Math.floor(Math.random() * 5000);
const leadNumber = () => `+1786555${String(1000 + (leadSeq++ % 8999)).padStart(4, "0")}`;

async function company() {
  const ws = await createWorkspace();
  const account = await control<{ sid: string; token: string }>("accounts", {});
  const number = companyNumber();
  await control("numbers", { accountSid: account.sid, number, smsUrl: `${hooks.url}/api/webhooks/twilio/sms`, voiceUrl: `${hooks.url}/api/webhooks/twilio/voice` });
  await control("behaviour", { accountSid: account.sid, progress: "manual" });
  await setTwilioAccount(ws.admin, { accountSid: account.sid, authToken: account.token });
  await addTenantPhoneNumber(ws.admin, number);
  return { ...ws, account, number };
}

async function lead(ctx: TenantContext, phone = leadNumber()) {
  const l = await scoped(ctx, Lead).create({ name: "Sam Seller", phone, status: "new", address: { state: "FL", zip_code: "33139" } });
  return { id: String(l._id), phone };
}

const sendJob = (data: SendJob) => ({ data }) as Job<SendJob>;
async function runInbound(sid: string) {
  const job = await sharedQueue(INBOUND_QUEUE).getJob(`in-${sid}`);
  expect(job, `inbound job for ${sid}`).toBeTruthy();
  return processInboundJob(job as Job<InboundSms>);
}
const messagesTo = (to: string, accountSid: string) => control<any[]>(`messages?accountSid=${accountSid}&to=${encodeURIComponent(to)}`);
const key = () => `loop:${new Types.ObjectId()}`;

let acme: Awaited<ReturnType<typeof company>>;
let globex: Awaited<ReturnType<typeof company>>;
let hooks: Awaited<ReturnType<typeof startRouteServer>>;

beforeAll(async () => {
  hooks = await startRouteServer({ "/api/webhooks/twilio/sms": smsRoute, "/api/webhooks/twilio/message-status": statusRoute });
  process.env.TWILIO_WEBHOOK_BASE = hooks.url;
  acme = await company();
  globex = await company();
});
beforeEach(() => pinOutreachClock(new Date("2026-03-11T15:00:00Z")));
afterAll(async () => {
  pinOutreachClock(null);
  await Promise.all([closeSendQueue(), closeInboundQueue(), closePriceQueue()]);
  await hooks.close();
});

async function sendOne(ctx: TenantContext, to: { id: string }, body = "Hi Sam, Rex from Acme. Reply STOP to opt out.") {
  const res = await requestText(ctx, { to: { kind: "lead", id: to.id }, body, intentKey: key() });
  if (!res.ok) throw new Error(res.message);
  return res.communicationId;
}

describe("texting through the local Twilio", () => {
  it("sends once, and status callbacks (repeated, late, out of order) only move the status forward", async () => {
    const l = await lead(acme.admin);
    const id = await sendOne(acme.admin, l);
    expect(await processSendJob(sendJob({ tenantId: acme.admin.tenantId, communicationId: id, version: 0 }))).toBe("sent");
    // A second delivery of the same job sends nothing.
    expect(await processSendJob(sendJob({ tenantId: acme.admin.tenantId, communicationId: id, version: 0 }))).toBe("skipped");
    const [msg] = await messagesTo(l.phone, acme.account.sid);
    expect(msg).toMatchObject({ from: acme.number, body: expect.stringContaining("Reply STOP") });
    let row = await scoped(acme.admin, Communication).findById(id).lean();
    expect(row).toMatchObject({ status: "queued", twilio_sid: msg.sid, from_number: acme.number });
    // The SID and Twilio's first status are one change (one event, one recount of the inbox and counters).
    const events = await DomainEvent.find({ tenant_id: new Types.ObjectId(acme.admin.tenantId), resource: "communication", ids: new Types.ObjectId(id) }).lean();
    const stored = events.filter((e) => e.changes.some((c) => c.path === "twilio_sid"));
    expect(stored.map((e) => e.changes.map((c) => c.path).sort())).toEqual([expect.arrayContaining(["twilio_sid", "twilio_status", "status_rank"])]);

    // Delivered arrives first, three times; then the late "sent": delivered stays.
    const delivered = await control("advance", { sid: msg.sid, status: "delivered", duplicates: 2 });
    expect(delivered.results.map((r: { status: number }) => r.status)).toEqual([200, 200, 200]);
    await control("advance", { sid: msg.sid, status: "sent" });
    row = await scoped(acme.admin, Communication).findById(id).lean();
    expect(row).toMatchObject({ status: "delivered", twilio_status: "delivered" });
    expect(row?.delivered_at).toBeInstanceOf(Date);
    expect(await messagesTo(l.phone, acme.account.sid)).toHaveLength(1);
    expect(await scoped(acme.admin, Communication).countDocuments({ twilio_sid: msg.sid })).toBe(1);
  });

  it("a crash between Twilio's answer and our save is reconciled: the retry adopts the message, never sends it twice", async () => {
    const l = await lead(acme.admin);
    const id = await sendOne(acme.admin, l, "Reconcile me");
    await control("behaviour", { accountSid: acme.account.sid, dropAfterCreate: 1 });
    await expect(processSendJob(sendJob({ tenantId: acme.admin.tenantId, communicationId: id, version: 0 }))).rejects.toThrow();
    const before = await scoped(acme.admin, Communication).findById(id).lean();
    expect(before?.send_attempted_at).toBeInstanceOf(Date);
    expect(before?.twilio_sid).toBeUndefined();
    expect(await messagesTo(l.phone, acme.account.sid)).toHaveLength(1);
    expect(await processSendJob(sendJob({ tenantId: acme.admin.tenantId, communicationId: id, version: 0 }))).toBe("adopted");
    const sent = await messagesTo(l.phone, acme.account.sid);
    expect(sent).toHaveLength(1);
    expect((await scoped(acme.admin, Communication).findById(id).lean())?.twilio_sid).toBe(sent[0].sid);
  });

  it("a 500 from Twilio (nothing created) retries and sends once", async () => {
    const l = await lead(acme.admin);
    const id = await sendOne(acme.admin, l, "Try again");
    await control("behaviour", { accountSid: acme.account.sid, failCreates: 1 });
    await expect(processSendJob(sendJob({ tenantId: acme.admin.tenantId, communicationId: id, version: 0 }))).rejects.toThrow();
    expect(await processSendJob(sendJob({ tenantId: acme.admin.tenantId, communicationId: id, version: 0 }))).toBe("sent");
    expect(await messagesTo(l.phone, acme.account.sid)).toHaveLength(1);
  });

  it("STOP opts out at once: the text already queued is refused, new ones too; START opts back in", async () => {
    const l = await lead(acme.admin);
    const queued = await sendOne(acme.admin, l, "Queued before the STOP");
    const stop = await control("inbound-sms", { to: acme.number, from: l.phone, body: "Stop" });
    expect(stop.status).toBe(200);
    expect(stop.body).toBe("<Response/>");
    expect(await scoped(acme.admin, OptOut).findOne({ number: l.phone }).lean()).toMatchObject({ opted_out: true, source: "keyword", keyword: "STOP" });
    expect((await scoped(acme.admin, Lead).findById(l.id).lean())?.tags).toContain("dnc");
    expect(await runInbound(stop.sid)).toBe("stored");
    expect(await runInbound(stop.sid)).toBe("duplicate");

    expect(await processSendJob(sendJob({ tenantId: acme.admin.tenantId, communicationId: queued, version: 0 }))).toBe("refused");
    expect(await scoped(acme.admin, Communication).findById(queued).lean()).toMatchObject({ status: "failed", error_code: "opted_out" });
    for (const source of ["compose", "bulk", "schedule", "automation"] as const) {
      expect(await requestText(acme.admin, { to: { kind: "lead", id: l.id }, body: "Hi", intentKey: key(), source })).toMatchObject({ ok: false, code: "opted_out" });
    }
    expect(await messagesTo(l.phone, acme.account.sid)).toHaveLength(0);

    const start = await control("inbound-sms", { to: acme.number, from: l.phone, body: "START" });
    expect(start.status).toBe(200);
    expect((await scoped(acme.admin, OptOut).findOne({ number: l.phone }).lean())?.opted_out).toBe(false);
    expect((await scoped(acme.admin, Lead).findById(l.id).lean())?.tags).not.toContain("dnc");
    const help = await control("inbound-sms", { to: acme.number, from: l.phone, body: "help" });
    expect(help.body).toMatch(/<Message>.*Reply STOP to opt out/);
  });

  it("Twilio's own 21610 (a STOP we never heard) fails the text in words and records the opt-out", async () => {
    const l = await lead(acme.admin);
    // The STOP reaches Twilio but not us (posted to a URL nobody serves).
    await control("inbound-sms", { to: acme.number, from: l.phone, body: "STOP", url: `${hooks.url}/nowhere` });
    const id = await sendOne(acme.admin, l, "Hello?");
    expect(await processSendJob(sendJob({ tenantId: acme.admin.tenantId, communicationId: id, version: 0 }))).toBe("failed");
    expect(await scoped(acme.admin, Communication).findById(id).lean()).toMatchObject({ status: "failed", error_code: "21610", error_message: expect.stringMatching(/replied STOP/) });
    expect(await scoped(acme.admin, OptOut).findOne({ number: l.phone }).lean()).toMatchObject({ opted_out: true, source: "twilio" });
  });

  it("stop in words is flagged for review; an unknown sender becomes a new lead; media is kept", async () => {
    const l = await lead(acme.admin);
    const words = await control("inbound-sms", { to: acme.number, from: l.phone, body: "Stop texting me please" });
    expect(await runInbound(words.sid)).toBe("stored");
    const flagged = await scoped(acme.admin, Communication).findOne({ twilio_sid: words.sid }).lean();
    expect(flagged).toMatchObject({ direction: "inbound", status: "received", recipient_type: "lead", review: { reason: expect.any(String) } });
    expect(String(flagged?.recipient_id)).toBe(l.id);
    expect((await scoped(acme.admin, OptOut).findOne({ number: l.phone }).lean())?.opted_out ?? false).toBe(false);

    const stranger = leadNumber();
    const hello = await control("inbound-sms", { to: acme.number, from: stranger, body: "Saw your sign. Buying in Tampa?", mediaUrls: ["https://example.com/house.jpg"] });
    expect(await runInbound(hello.sid)).toBe("stored");
    const newLead = await scoped(acme.admin, Lead).findOne({ phone: stranger }).lean();
    expect(newLead).toMatchObject({ source: "inbound_sms" });
    expect(await scoped(acme.admin, Communication).findOne({ twilio_sid: hello.sid }).lean()).toMatchObject({ media_urls: ["https://example.com/house.jpg"], recipient_id: newLead?._id });
    expect(await scoped(globex.admin, Lead).countDocuments({ phone: stranger })).toBe(0);
  });

  it("a From that is not a phone number is refused and a 20,000-character body is stored whole", async () => {
    const bad = await control("inbound-sms", { to: acme.number, from: "VERIFY", body: "hello" });
    expect(bad.status).toBe(400);
    const long = "x".repeat(20_000);
    const l = await lead(acme.admin);
    const res = await control("inbound-sms", { to: acme.number, from: l.phone, body: long });
    expect(res.status).toBe(200);
    expect(await runInbound(res.sid)).toBe("stored");
    expect((await scoped(acme.admin, Communication).findOne({ twilio_sid: res.sid }).lean())?.content).toHaveLength(20_000);
  });

  it("another company's number or SID changes nothing", async () => {
    const l = await lead(acme.admin);
    const id = await sendOne(acme.admin, l, "Mine");
    await processSendJob(sendJob({ tenantId: acme.admin.tenantId, communicationId: id, version: 0 }));
    const { twilio_sid: sid } = (await scoped(acme.admin, Communication).findById(id).lean())!;
    // Globex's Twilio account reports a status for Acme's SID from Globex's number: signed right, but not Acme's message.
    const params = { AccountSid: globex.account.sid, MessageSid: sid!, MessageStatus: "failed", From: globex.number, To: l.phone, ErrorCode: "30007" };
    const { twilioSignature } = await import("../../scripts/lib/local-twilio.mjs");
    const url = `${hooks.url}/api/webhooks/twilio/message-status`;
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(globex.account.token, url, params) }, body: new URLSearchParams(params) });
    expect(res.status).toBe(200);
    expect((await scoped(acme.admin, Communication).findById(id).lean())?.status).toBe("queued");
    // Signed with Globex's token for Acme's number: refused.
    const forged = { ...params, AccountSid: acme.account.sid, From: acme.number };
    const refused = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(globex.account.token, url, forged) }, body: new URLSearchParams(forged) });
    expect(refused.status).toBe(403);
    expect((await scoped(acme.admin, Communication).findById(id).lean())?.status).toBe("queued");
    // A status for a SID nobody stored: answered, nothing written.
    const unknown = { ...params, AccountSid: acme.account.sid, From: acme.number, MessageSid: `SM${"0".repeat(32)}` };
    const answered = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(acme.account.token, url, unknown) }, body: new URLSearchParams(unknown) });
    expect(answered.status).toBe(200);
    expect(await scoped(acme.admin, Communication).countDocuments({ twilio_sid: unknown.MessageSid })).toBe(0);
  });
});

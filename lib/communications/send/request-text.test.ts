// The sending API on the real database and Redis: every sender's one path, its checks and its
// idempotency. The outreach clock is pinned so the hours the law allows are the same at any hour.
import { Types } from "mongoose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { SendIntent } from "@/models/send-intent";
import { Tenant } from "@/models/tenant";
import { pinOutreachClock } from "../clock";
import { optInNumber, optOutNumber } from "../compliance/opt-outs";
import { closeSendQueue } from "./queue";
import { requestText } from "./request-text";
import { cancelScheduledText, listScheduledTexts, rescheduleText } from "./scheduled-texts";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join("");
let seq = 0;
const WED_11AM_ET = new Date("2026-03-11T15:00:00Z");

async function company() {
  const ws = await createWorkspace();
  seq += 1;
  await setTwilioAccount(ws.admin, { accountSid: `AC${hex(32)}`, authToken: hex(32) });
  await addTenantPhoneNumber(ws.admin, `+1305555${String(2000 + seq + Math.floor(Math.random() * 7000)).padStart(4, "0")}`);
  return ws;
}

let phoneSeq = 0;
async function floridaLead(ctx: TenantContext, overrides: Record<string, unknown> = {}) {
  phoneSeq += 1;
  const lead = await scoped(ctx, Lead).create({
    name: "Sam Seller",
    phone: `+1305${String(5550000 + Math.floor(Math.random() * 9000) * 10 + (phoneSeq % 10)).slice(-7)}`,
    status: "new",
    address: { street: "1 Ocean Dr", city: "Miami", state: "FL", zip_code: "33139" },
    ...overrides,
  });
  return { id: String(lead._id), phone: lead.phone as string };
}

let acme: Awaited<ReturnType<typeof company>>;
let globex: Awaited<ReturnType<typeof company>>;
const key = () => `test:${hex(12)}`;

beforeAll(async () => {
  acme = await company();
  globex = await company();
});
beforeEach(() => pinOutreachClock(WED_11AM_ET));
afterAll(async () => {
  pinOutreachClock(null);
  await closeSendQueue();
});

describe("requestText", () => {
  it("queues a text now, stores it once, and the same intent key answers with the same one", async () => {
    const lead = await floridaLead(acme.admin, { assigned_to: acme.ids.rep });
    const intentKey = key();
    const first = await requestText(acme.rep, { to: { kind: "lead", id: lead.id }, body: "Hi Sam, this is Rex. Reply STOP to opt out.", intentKey });
    expect(first).toMatchObject({ ok: true, status: "queued" });
    const again = await Promise.all([1, 2, 3].map(() => requestText(acme.rep, { to: { kind: "lead", id: lead.id }, body: "Hi Sam, this is Rex. Reply STOP to opt out.", intentKey })));
    for (const r of again) expect(r).toMatchObject({ ok: true, existing: true, communicationId: first.ok ? first.communicationId : "" });
    const rows = await scoped(acme.admin, Communication).find({ recipient_id: lead.id }).lean();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: "sms", direction: "outbound", status: "queued", to_number: lead.phone, intent_key: intentKey, source: "compose" });
  });

  it("racing requests with one key store one communication", async () => {
    const lead = await floridaLead(acme.admin);
    const intentKey = key();
    const results = await Promise.all(Array.from({ length: 6 }, () => requestText(acme.admin, { to: { kind: "lead", id: lead.id }, body: "Hello", intentKey })));
    const ids = new Set(results.map((r) => (r.ok ? r.communicationId : r.code)));
    expect(ids.size).toBe(1);
    expect(await scoped(acme.admin, Communication).countDocuments({ recipient_id: lead.id })).toBe(1);
    expect(await scoped(acme.admin, SendIntent).countDocuments({ key: intentKey })).toBe(1);
  });

  it("8:30 pm in Florida is deferred to 8 am, with the reason", async () => {
    pinOutreachClock(new Date("2026-03-11T00:30:00Z"));
    const lead = await floridaLead(acme.admin);
    const res = await requestText(acme.admin, { to: { kind: "lead", id: lead.id }, body: "Evening!", intentKey: key() });
    expect(res).toMatchObject({ ok: true, status: "deferred" });
    if (!res.ok) return;
    expect(res.deferredUntil?.toISOString()).toBe("2026-03-11T12:00:00.000Z");
    expect(res.reason).toMatch(/Florida allows texts and calls 8 am to 8 pm/);
    const row = await scoped(acme.admin, Communication).findById(res.communicationId).lean();
    expect(row).toMatchObject({ status: "scheduled", deferral: { rule: "FL" } });
    expect(row?.scheduled_at?.toISOString()).toBe("2026-03-11T12:00:00.000Z");
  });

  it("refuses opted-out, do-not-call and bad numbers, a switched-off channel and bad bodies, storing nothing", async () => {
    const lead = await floridaLead(acme.admin);
    const to = { kind: "lead" as const, id: lead.id };
    await optOutNumber(acme.admin, lead.phone, { source: "keyword", keyword: "STOP" });
    expect(await requestText(acme.admin, { to, body: "Hi", intentKey: key() })).toMatchObject({ ok: false, code: "opted_out", message: expect.stringMatching(/replied STOP/) });
    expect((await scoped(acme.admin, Lead).findById(lead.id).lean())?.tags).toContain("dnc");
    // START takes back the opt-out and the dnc tag the STOP added.
    await optInNumber(acme.admin, lead.phone, { source: "keyword", keyword: "START" });
    expect((await scoped(acme.admin, Lead).findById(lead.id).lean())?.tags).not.toContain("dnc");
    expect(await requestText(acme.admin, { to, body: "Hi again", intentKey: key() })).toMatchObject({ ok: true });
    // A dnc tag put on by a person refuses too.
    await scoped(acme.admin, Lead).updateOne({ _id: lead.id }, { $set: { tags: ["dnc"] } });
    expect(await requestText(acme.admin, { to, body: "Hi", intentKey: key() })).toMatchObject({ ok: false, code: "do_not_call" });

    const other = await floridaLead(acme.admin);
    await Lead.collection.updateOne({ _id: new Types.ObjectId(other.id) }, { $set: { phones: [{ number: other.phone, type: "mobile", status: "wrong_number" }] } });
    expect(await requestText(acme.admin, { to: { kind: "lead", id: other.id }, body: "Hi", intentKey: key() })).toMatchObject({ ok: false, code: "number_status", message: expect.stringMatching(/wrong number/) });
    await Lead.collection.updateOne({ _id: new Types.ObjectId(other.id) }, { $set: { phones: [{ number: other.phone, type: "mobile", status: "do_not_call" }] } });
    expect(await requestText(acme.admin, { to: { kind: "lead", id: other.id }, body: "Hi", intentKey: key() })).toMatchObject({ ok: false, code: "do_not_call" });
    expect(await requestText(acme.admin, { to: { kind: "lead", id: other.id, phone: "+12145550199" }, body: "Hi", intentKey: key() })).toMatchObject({ ok: false, code: "no_phone" });

    expect(await requestText(acme.admin, { to, body: "   ", intentKey: key() })).toMatchObject({ ok: false, code: "invalid_body", field: "body" });
    expect(await requestText(acme.admin, { to, body: "x".repeat(1601), intentKey: key() })).toMatchObject({ ok: false, code: "invalid_body" });
    expect(await requestText(acme.admin, { to, body: "Hi", intentKey: "" })).toMatchObject({ ok: false, code: "invalid_request", field: "intentKey" });

    await Tenant.updateOne({ _id: acme.tenant._id }, { $set: { "settings.sms_enabled": false } });
    expect(await requestText(acme.admin, { to, body: "Hi", intentKey: key() })).toMatchObject({ ok: false, code: "sms_disabled" });
    await Tenant.updateOne({ _id: acme.tenant._id }, { $set: { "settings.sms_enabled": true } });
    expect(await scoped(acme.admin, Communication).countDocuments({ recipient_id: other.id })).toBe(0);
  });

  it("another company's lead, or a lead a rep may not see, is not found", async () => {
    const theirs = await floridaLead(globex.admin);
    expect(await requestText(acme.admin, { to: { kind: "lead", id: theirs.id }, body: "Hi", intentKey: key() })).toMatchObject({ ok: false, code: "not_found" });
    const unassigned = await floridaLead(acme.admin);
    const asRep = { ...acme.rep, permissions: acme.rep.permissions!.filter((p) => p !== "leads.read_all") };
    expect(await requestText(asRep, { to: { kind: "lead", id: unassigned.id }, body: "Hi", intentKey: key() })).toMatchObject({ ok: false, code: "not_found" });
    expect(await requestText(acme.admin, { to: { kind: "lead", id: "not-an-id" }, body: "Hi", intentKey: key() })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("schedules, lists, reschedules (through the gate) and cancels a text", async () => {
    const lead = await floridaLead(acme.admin, { assigned_to: acme.ids.rep });
    const tomorrow = new Date("2026-03-12T14:00:00Z");
    const res = await requestText(acme.rep, { to: { kind: "lead", id: lead.id }, body: "Tomorrow's text", sendAt: tomorrow, intentKey: key() });
    expect(res).toMatchObject({ ok: true, status: "scheduled" });
    if (!res.ok) return;
    expect((await listScheduledTexts(acme.rep)).map((t) => t.id)).toContain(res.communicationId);
    expect(await listScheduledTexts(globex.admin)).toEqual([]);
    // 9 pm Miami: moved on to 8 am the next day.
    const moved = await rescheduleText(acme.rep, res.communicationId, new Date("2026-03-13T01:00:00Z"));
    expect(moved.sendAt.toISOString()).toBe("2026-03-13T12:00:00.000Z");
    expect(moved.reason).toMatch(/Florida/);
    await expect(cancelScheduledText(globex.admin, res.communicationId)).rejects.toMatchObject({ code: "not_found" });
    await cancelScheduledText(acme.rep, res.communicationId);
    expect((await scoped(acme.admin, Communication).findById(res.communicationId).lean())?.status).toBe("canceled");
    await expect(cancelScheduledText(acme.rep, res.communicationId)).rejects.toMatchObject({ code: "conflict" });
    expect((await listScheduledTexts(acme.rep)).map((t) => t.id)).not.toContain(res.communicationId);
  });
});

// Inbound texts stored together (a worker's batch) or side by side (two workers): each text once
// by its SID, an unknown number one new lead however its texts arrive, and the inbox row and the
// lead's counters right for a contact that sent several texts in one batch.
import { randomBytes } from "node:crypto";
import type { Job } from "bullmq";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { Communication } from "@/models/communication";
import { Conversation } from "@/models/conversation";
import { Lead } from "@/models/lead";
import { processInboundJob, type InboundSms } from "./inbound-sms";
import { storeInboundTexts } from "./store-inbound";

let seq = Math.floor(Math.random() * 5000);
const number = () => `+1407555${String(1000 + (seq++ % 8999)).padStart(4, "0")}`;
const sid = () => `SM${randomBytes(16).toString("hex")}`;
const text = (tenantId: string, from: string, body = "Is the house still for sale?", id = sid()): InboundSms => ({
  tenantId,
  sid: id,
  from,
  to: "+14075550100",
  body,
  media: [],
  receivedAt: new Date().toISOString(),
});

describe("storing inbound texts", () => {
  it("makes one new lead for an unknown number whose texts arrive together, in one batch or in two workers", async () => {
    const ws = await createWorkspace();
    const t = ws.admin.tenantId;
    const oneBatch = number();
    expect(await storeInboundTexts([text(t, oneBatch, "Hi"), text(t, oneBatch, "Are you buying?")])).toEqual(["stored", "stored"]);
    const twoWorkers = number();
    const outcomes = await Promise.all([storeInboundTexts([text(t, twoWorkers, "Hi")]), storeInboundTexts([text(t, twoWorkers, "Hello?")]), storeInboundTexts([text(t, twoWorkers, "Anyone?")])]);
    expect(outcomes.flat()).toEqual(["stored", "stored", "stored"]);
    for (const [phone, texts] of [[oneBatch, 2], [twoWorkers, 3]] as const) {
      const leads = await scoped(ws.admin, Lead).find({ phone }, { source: 1, communication_count: 1 }).lean();
      expect(leads, phone).toHaveLength(1);
      expect(leads[0]).toMatchObject({ source: "inbound_sms", communication_count: texts });
      expect(await scoped(ws.admin, Communication).countDocuments({ recipient_type: "lead", recipient_id: leads[0]._id })).toBe(texts);
    }
  });

  it("stores a text once when Twilio's repeat is in the same batch, in a later one, or in another worker at once", async () => {
    const ws = await createWorkspace();
    const t = ws.admin.tenantId;
    const from = number();
    const a = text(t, from, "first");
    const b = text(t, from, "second");
    expect(await storeInboundTexts([a, b, { ...a }])).toEqual(["stored", "stored", "stored"]);
    expect(await storeInboundTexts([{ ...b }, text(t, from, "third")])).toEqual(["duplicate", "stored"]);
    const c = text(t, from, "fourth");
    const raced = await Promise.all([storeInboundTexts([c]), storeInboundTexts([{ ...c }])]);
    expect(raced.flat().sort()).toEqual(["duplicate", "stored"]);
    for (const s of [a.sid, b.sid, c.sid]) expect(await scoped(ws.admin, Communication).countDocuments({ twilio_sid: s })).toBe(1);
    expect(await scoped(ws.admin, Communication).countDocuments({ from_number: from })).toBe(4);
  });

  it("refuses another company's SID in a batch and stores the rest", async () => {
    const acme = await createWorkspace();
    const globex = await createWorkspace();
    const theirs = text(globex.admin.tenantId, number(), "theirs");
    expect(await storeInboundTexts([theirs])).toEqual(["stored"]);
    const mine = text(acme.admin.tenantId, number(), "mine");
    expect(await storeInboundTexts([{ ...theirs, tenantId: acme.admin.tenantId }, mine])).toEqual(["foreign", "stored"]);
    expect(await scoped(acme.admin, Communication).countDocuments({ twilio_sid: theirs.sid })).toBe(0);
    expect(await scoped(acme.admin, Communication).countDocuments({ twilio_sid: mine.sid })).toBe(1);
  });

  it("jobs worked at the same time are stored together, each job answered with its own outcome; the inbox row and counters count them all", async () => {
    const ws = await createWorkspace();
    const t = ws.admin.tenantId;
    const lead = await scoped(ws.admin, Lead).create({ name: "Sam Seller", phone: number(), status: "new" });
    const other = number();
    const texts = [text(t, lead.phone!, "one"), text(t, lead.phone!, "two"), text(t, other, "hello"), text(t, lead.phone!, "stop texting me please")];
    const job = (data: InboundSms) => ({ data }) as Job<InboundSms>;
    const outcomes = await Promise.all([...texts.map((d) => processInboundJob(job(d))), processInboundJob(job({ ...texts[0] }))]);
    expect(outcomes).toEqual(["stored", "stored", "stored", "stored", "stored"]);
    const row = await scoped(ws.admin, Conversation).findOne({ contact_type: "lead", contact_id: lead._id }).lean();
    expect(row).toMatchObject({ message_count: 3, unread: 3, needs_review: true, last_direction: "inbound" });
    expect(await scoped(ws.admin, Lead).findById(String(lead._id), { communication_count: 1 }).lean()).toMatchObject({ communication_count: 3 });
    const newLead = await scoped(ws.admin, Lead).findOne({ phone: other }).lean();
    expect(await scoped(ws.admin, Conversation).findOne({ contact_type: "lead", contact_id: newLead!._id }).lean()).toMatchObject({ message_count: 1, last_preview: "hello" });
    expect(String((await scoped(ws.admin, Communication).findOne({ twilio_sid: texts[3].sid }).lean())?.recipient_id)).toBe(String(lead._id));
    expect(new Types.ObjectId(String(newLead!._id))).toBeTruthy();
  });
});

// New messages are added to the contact's inbox row (and its counters) without reading the
// contact's history: exactly once under redelivery, the newest kept as last whatever the order
// they are applied in, and the result equal to a full recompute after a random mix of changes.
import { randomBytes } from "node:crypto";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { deliverEvent } from "@/lib/core/events/deliver";
import { refreshContactCounters } from "@/lib/contact-counters/refresh-contact-counters";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { propertyRounds, propertySeeds, seededRandom } from "@/lib/testing/property";
import { Communication } from "@/models/communication";
import { Conversation } from "@/models/conversation";
import { DomainEvent } from "@/models/domain-event";
import { Lead } from "@/models/lead";
import { storeInboundTexts, type InboundSms } from "../inbound/store-inbound";
import { markThreadRead } from "../thread/read-thread";
import { applyNewMessages, refreshConversation } from "./refresh-conversation";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;

let seq = Math.floor(Math.random() * 5000);
const number = () => `+1689555${String(1000 + (seq++ % 8999)).padStart(4, "0")}`;
const text = (tenantId: string, from: string, body = "Still buying?"): InboundSms => ({
  tenantId,
  sid: `SM${randomBytes(16).toString("hex")}`,
  from,
  to: "+16895550100",
  body,
  media: [],
  receivedAt: new Date().toISOString(),
});

async function newLead(ws: Ws) {
  const lead = await scoped(ws.admin, Lead).create({ name: `Seller ${seq}`, phone: number(), status: "new" });
  return { id: String(lead._id), phone: lead.phone! };
}

const rowOf = (ws: Ws, leadId: string) => scoped(ws.admin, Conversation).findOne({ contact_type: "lead", contact_id: new Types.ObjectId(leadId) }).lean();

/** What the inbox shows of a row and the lead's counters (not the bookkeeping). */
async function shown(ws: Ws, leadId: string) {
  const r = await rowOf(ws, leadId);
  const l = await scoped(ws.admin, Lead).findById(leadId, { communication_count: 1, last_contacted: 1 }).lean<{ communication_count?: number; last_contacted?: Date }>();
  return {
    row: r && {
      message_count: r.message_count,
      unread: r.unread,
      needs_review: r.needs_review,
      last_at: r.last_at,
      last_id: String(r.last_id),
      last_preview: r.last_preview,
      last_direction: r.last_direction,
      last_status: r.last_status,
      contact_name: r.contact_name,
      opted_out: r.opted_out,
    },
    counters: { communication_count: l?.communication_count ?? 0, last_contacted: l?.last_contacted ?? null },
  };
}

/** The row and counters as a full recompute from every message gives them. */
async function recomputed(ws: Ws, leadId: string) {
  await refreshConversation({ tenantId: ws.admin.tenantId, contactType: "lead", contactId: leadId });
  await refreshContactCounters(ws.admin, new Types.ObjectId(leadId), "lead");
  return shown(ws, leadId);
}

const eventsOf = (ws: Ws) => DomainEvent.find({ tenant_id: new Types.ObjectId(ws.admin.tenantId), resource: "communication", kind: "created" }, { _id: 1 }).lean();

/** The worker delivering an event again to every subscriber (as after a crash before it recorded them). */
async function redeliver(eventId: unknown) {
  await DomainEvent.updateOne({ _id: eventId }, { $set: { delivered: [] } });
  await deliverEvent(String(eventId));
}

describe("new messages on the inbox row", () => {
  it("a batch delivered again counts nothing twice: unread, messages and the lead's count stay", async () => {
    const ws = await createWorkspace();
    const t = ws.admin.tenantId;
    const lead = await newLead(ws);
    expect(await storeInboundTexts([text(t, lead.phone, "one"), text(t, lead.phone, "two")])).toEqual(["stored", "stored"]);
    expect(await storeInboundTexts([text(t, lead.phone, "three"), text(t, lead.phone, "four"), text(t, lead.phone, "five")])).toEqual(["stored", "stored", "stored"]);
    const before = await shown(ws, lead.id);
    expect(before.row).toMatchObject({ message_count: 5, unread: 5, last_direction: "inbound" });
    expect(before.counters.communication_count).toBe(5);

    for (const e of await eventsOf(ws)) await redeliver(e._id);
    // Twice more, side by side.
    const events = await eventsOf(ws);
    await Promise.all([...events, ...events].map((e) => redeliver(e._id)));
    expect(await shown(ws, lead.id)).toEqual(before);
    expect(await recomputed(ws, lead.id)).toEqual(before);
  });

  it("messages applied out of order leave the newest as the last message", async () => {
    const ws = await createWorkspace();
    const lead = await newLead(ws);
    const key = { tenantId: ws.admin.tenantId, contactType: "lead" as const, contactId: lead.id };
    const at = Date.now() - 60_000;
    const message = (content: string, secondsIn: number, rev: number, extra: Record<string, unknown> = {}) => ({
      _id: new Types.ObjectId(),
      tenant_id: new Types.ObjectId(ws.admin.tenantId),
      type: "sms",
      direction: "inbound",
      recipient_type: "lead",
      recipient_id: new Types.ObjectId(lead.id),
      content,
      status: "received",
      sent_at: new Date(at + secondsIn * 1000),
      created_at: new Date(at + secondsIn * 1000),
      updated_at: new Date(at + secondsIn * 1000),
      rev,
      ...extra,
    });
    const first = message("first", 0, 1);
    await Communication.collection.insertMany([first]);
    await refreshConversation(key);
    // Written in this order, their events arrive the other way round, then again.
    const older = message("older", 10, 5);
    const newer = message("newer", 20, 6);
    const scheduled = message("later, scheduled", 30, 7, { direction: "outbound", status: "scheduled" });
    await Communication.collection.insertMany([older, newer, scheduled]);
    await applyNewMessages(key, 7, [String(scheduled._id)]);
    await applyNewMessages(key, 6, [String(newer._id)]);
    await applyNewMessages(key, 5, [String(older._id)]);
    await applyNewMessages(key, 6, [String(newer._id)]);
    await applyNewMessages(key, 5, [String(older._id)]);
    const row = await rowOf(ws, lead.id);
    expect(row).toMatchObject({ message_count: 4, unread: 3, last_preview: "newer", last_at: newer.created_at });
    expect(String(row!.last_id)).toBe(String(newer._id));
    // An event older than anything the row remembers is recomputed, with the same answer.
    await applyNewMessages(key, 0, [String(first._id)]);
    expect(await rowOf(ws, lead.id)).toMatchObject({ message_count: 4, unread: 3, last_preview: "newer" });
    const { row: shownRow } = await shown(ws, lead.id);
    expect((await recomputed(ws, lead.id)).row).toEqual(shownRow);
  });

  for (const seed of propertySeeds([11, 29])) {
    it(`after random batches, redeliveries, replies, reads and status changes side by side, every row and counter equals a full recompute (seed ${seed})`, async () => {
      const { random, pick } = seededRandom(seed);
      const ws = await createWorkspace();
      const t = ws.admin.tenantId;
      const leads = [await newLead(ws), await newLead(ws), await newLead(ws)];
      const sent: InboundSms[] = [];
      const ops: Record<string, () => Promise<unknown>> = {
        async inbound() {
          const batch = Array.from({ length: 1 + Math.floor(random() * 6) }, () => text(t, pick(leads).phone, pick(["Yes", "How much?", "stop texting me please", "Call me"])));
          // Twilio's repeat of an earlier text now and then.
          if (sent.length && random() < 0.3) batch.push({ ...pick(sent) });
          sent.push(...batch);
          return storeInboundTexts(batch);
        },
        async redeliver() {
          const events = await eventsOf(ws);
          if (events.length) await redeliver(pick(events)._id);
        },
        async reply() {
          const lead = pick(leads);
          return scoped(ws.admin, Communication).create({ type: "sms", direction: "outbound", recipient_type: "lead", recipient_id: new Types.ObjectId(lead.id), content: "Thanks!", status: "queued" });
        },
        async read() {
          return markThreadRead(ws.admin, "lead", pick(leads).id);
        },
        async status() {
          const lead = pick(leads);
          return scoped(ws.admin, Communication).updateMany(
            { recipient_type: "lead", recipient_id: new Types.ObjectId(lead.id), direction: "outbound", status: "queued" },
            { $set: { status: "delivered", sent_at: new Date() } },
          );
        },
      };
      const names = Object.keys(ops);
      for (let round = 0; round < propertyRounds(8); round++) {
        await Promise.all(Array.from({ length: 2 + Math.floor(random() * 3) }, () => ops[pick(names)]()));
      }
      for (const lead of leads) {
        const now = await shown(ws, lead.id);
        expect(now, `lead ${lead.id}`).toEqual(await recomputed(ws, lead.id));
      }
    });
  }
});

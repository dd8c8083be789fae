// A sent text's status callbacks (queued → sent → delivered, undelivered or failed) are applied to
// the contact's inbox row and counters without reading the contact's history, and a writer that
// read before another one wrote (a lock holder stalled past the lock's expiry) loses nothing.
import { randomBytes } from "node:crypto";
import mongoose, { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { deliverEvent } from "@/lib/core/events/deliver";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import { addNewCommunications, refreshContactCounters } from "@/lib/contact-counters/refresh-contact-counters";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { Communication } from "@/models/communication";
import { Conversation } from "@/models/conversation";
import { DomainEvent } from "@/models/domain-event";
import { Lead } from "@/models/lead";
import { receiveMessageStatus } from "../inbound/message-status";
import { claimSid } from "../provider-records";
import { applyNewMessages, refreshConversation } from "./refresh-conversation";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;

let seq = Math.floor(Math.random() * 5000);
const number = () => `+1689556${String(1000 + (seq++ % 8999)).padStart(4, "0")}`;

async function newLead(ws: Ws) {
  const lead = await scoped(ws.admin, Lead).create({ name: `Seller ${seq}`, phone: number(), status: "new" });
  return String(lead._id);
}

/** What the inbox shows of the lead's row and the lead's counters. */
async function shown(ws: Ws, leadId: string) {
  const r = await scoped(ws.admin, Conversation).findOne({ contact_type: "lead", contact_id: new Types.ObjectId(leadId) }).lean();
  const l = await scoped(ws.admin, Lead).findById(leadId, { communication_count: 1, last_contacted: 1 }).lean<{ communication_count?: number; last_contacted?: Date }>();
  return {
    row: r && {
      message_count: r.message_count, unread: r.unread, needs_review: r.needs_review, last_at: r.last_at, last_id: String(r.last_id),
      last_preview: r.last_preview, last_direction: r.last_direction, last_status: r.last_status, contact_name: r.contact_name, opted_out: r.opted_out,
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

/** A text the company sent to the lead, as the send job leaves it (queued at Twilio under `sid`). */
async function sentText(ws: Ws, leadId: string, content: string) {
  const sid = `SM${randomBytes(16).toString("hex")}`;
  const m = await scoped(ws.admin, Communication).create({
    type: "sms", direction: "outbound", recipient_type: "lead", recipient_id: new Types.ObjectId(leadId), content, status: "queued", status_rank: 1, twilio_sid: sid,
  });
  await claimSid(ws.admin, sid, m._id as Types.ObjectId);
  return { id: String(m._id), sid };
}

const callback = (ws: Ws, sid: string, status: string) => receiveMessageStatus(ws.admin, { MessageSid: sid, MessageStatus: status, ...(status === "failed" ? { ErrorCode: "30003" } : {}) });

/** The message's status events, oldest first. */
const statusEvents = (ws: Ws, id: string) =>
  DomainEvent.find({ tenant_id: new Types.ObjectId(ws.admin.tenantId), resource: "communication", kind: "updated", ids: new Types.ObjectId(id) }, { _id: 1 }).sort({ rev: 1 }).lean();

async function redeliver(eventId: unknown) {
  await DomainEvent.updateOne({ _id: eventId }, { $set: { delivered: [] } });
  await deliverEvent(String(eventId));
}

/** How many times `fn` read a contact's whole message history. */
async function historyReads(fn: () => Promise<unknown>): Promise<number> {
  let reads = 0;
  mongoose.set("debug", (collection: string, method: string, query: unknown) => {
    const q = query as Record<string, unknown> | null;
    if (collection === "communications" && method === "find" && q && "recipient_id" in q && !("_id" in q)) reads += 1;
  });
  try {
    await fn();
  } finally {
    mongoose.set("debug", false);
  }
  return reads;
}

/** A writer stalled between its reading and its write until `release()`; `reached` once it read. */
function stall() {
  let release!: () => void;
  let reachedResolve!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const reached = new Promise<void>((r) => (reachedResolve = r));
  return { release, reached, beforeWrite: async () => { reachedResolve(); await gate; } };
}

/** The lock's expiry, early: the key is gone, as after its 10 s. */
const expireLock = (name: string) => getRedis().del(`${redisKeyPrefix()}:lock:${name}`);

describe("status callbacks on the inbox row and counters", () => {
  it("a callback repeated and one delivered out of order leave the row and counters equal to a full recompute, without reading the history", async () => {
    const ws = await createWorkspace();
    const lead = await newLead(ws);
    const older = await sentText(ws, lead, "Are you still selling 12 Elm St?");
    const newer = await sentText(ws, lead, "I can close in 10 days, cash");
    expect((await shown(ws, lead)).row).toMatchObject({ message_count: 2, last_status: "queued", last_id: newer.id });

    const reads = await historyReads(async () => {
      await callback(ws, newer.sid, "sent");
      await callback(ws, newer.sid, "delivered");
      // Twilio's late "sent" and a repeated "delivered": the status does not move back.
      await callback(ws, newer.sid, "sent");
      await callback(ws, newer.sid, "delivered");
      // The older text's callbacks change nothing the row shows.
      await callback(ws, older.sid, "sent");
      await callback(ws, older.sid, "undelivered");
    });
    expect(reads).toBe(0);
    const now = await shown(ws, lead);
    expect(now.row).toMatchObject({ message_count: 2, last_status: "delivered", last_id: newer.id, last_preview: "I can close in 10 days, cash" });
    expect(now.counters.last_contacted).not.toBeNull();

    // The worker delivering the events again, the "sent" one after the "delivered" one.
    const events = await statusEvents(ws, newer.id);
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const e of [...events].reverse()) await redeliver(e._id);
    for (const e of await statusEvents(ws, older.id)) await redeliver(e._id);
    expect(await shown(ws, lead)).toEqual(now);
    expect(await recomputed(ws, lead)).toEqual(now);
  });

  it("the last text failing shows as failed and takes it out of last contacted, as a recompute does", async () => {
    const ws = await createWorkspace();
    const lead = await newLead(ws);
    const first = await sentText(ws, lead, "Hello from Acme Home Buyers");
    await callback(ws, first.sid, "sent");
    await callback(ws, first.sid, "delivered");
    const contactedBefore = (await shown(ws, lead)).counters.last_contacted;
    const last = await sentText(ws, lead, "Following up on my offer");
    await callback(ws, last.sid, "sent");
    await callback(ws, last.sid, "failed");
    await callback(ws, last.sid, "delivered");
    const now = await shown(ws, lead);
    expect(now.row).toMatchObject({ message_count: 2, last_status: "failed", last_id: last.id });
    expect(await recomputed(ws, lead)).toEqual(now);
    // Sent, then failed: the send time is kept as a recount keeps it.
    expect(now.counters.last_contacted!.getTime()).toBeGreaterThanOrEqual(contactedBefore!.getTime());
  });

  it("a writer stalled past the lock's expiry, writing after the next one, loses neither message (inbox row and counters)", async () => {
    const ws = await createWorkspace();
    const lead = await newLead(ws);
    const key = { tenantId: ws.admin.tenantId, contactType: "lead" as const, contactId: lead };
    await sentText(ws, lead, "First text");
    // Two new messages written without events, each applied by its own writer.
    const message = (content: string) => ({
      _id: new Types.ObjectId(), tenant_id: new Types.ObjectId(ws.admin.tenantId), type: "sms", direction: "inbound", recipient_type: "lead",
      recipient_id: new Types.ObjectId(lead), content, status: "received", created_at: new Date(), updated_at: new Date(), rev: 1_000_000,
    });
    const a = message("Yes still selling");
    const b = message("Call me after 5");
    await Communication.collection.insertMany([a, b]);
    const lockOfRow = `conversation:${ws.admin.tenantId}:lead:${lead}`;
    const lockOfCounters = `contact-counters:${ws.admin.tenantId}:lead:${lead}`;

    // The inbox row: A reads and stalls; its lock expires; B adds its message; then A writes.
    const rowStall = stall();
    const writerA = applyNewMessages(key, 1_000_000, [String(a._id)], rowStall);
    await rowStall.reached;
    await expireLock(lockOfRow);
    await applyNewMessages(key, 1_000_000, [String(b._id)]);
    rowStall.release();
    await writerA;

    // The counters, the same way.
    const countersStall = stall();
    const countersA = addNewCommunications(ws.admin, new Types.ObjectId(lead), "lead", 1_000_000, [String(a._id)], countersStall);
    await countersStall.reached;
    await expireLock(lockOfCounters);
    await addNewCommunications(ws.admin, new Types.ObjectId(lead), "lead", 1_000_000, [String(b._id)]);
    countersStall.release();
    await countersA;

    const now = await shown(ws, lead);
    expect(now.row).toMatchObject({ message_count: 3, unread: 2 });
    expect(now.counters.communication_count).toBe(3);
    expect(await recomputed(ws, lead)).toEqual(now);
  });

  it("a recompute stalled past the lock's expiry does not write its older reading over a message added since", async () => {
    const ws = await createWorkspace();
    const lead = await newLead(ws);
    const key = { tenantId: ws.admin.tenantId, contactType: "lead" as const, contactId: lead };
    await sentText(ws, lead, "First text");
    const c = {
      _id: new Types.ObjectId(), tenant_id: new Types.ObjectId(ws.admin.tenantId), type: "sms", direction: "inbound", recipient_type: "lead",
      recipient_id: new Types.ObjectId(lead), content: "What's your offer?", status: "received", created_at: new Date(), updated_at: new Date(), rev: 1_000_000,
    };
    // The counters drifted (as the repair path finds them), so A's recount has something to write.
    await Lead.collection.updateOne({ _id: new Types.ObjectId(lead) }, { $set: { communication_count: 0 } });
    // A recomputes (it read one message) and stalls; the new message is stored and added; A writes.
    const rowStall = stall();
    const recomputeA = refreshConversation(key, rowStall);
    const countersStall = stall();
    const countersA = refreshContactCounters(ws.admin, new Types.ObjectId(lead), "lead", countersStall);
    await Promise.all([rowStall.reached, countersStall.reached]);
    await Promise.all([expireLock(`conversation:${ws.admin.tenantId}:lead:${lead}`), expireLock(`contact-counters:${ws.admin.tenantId}:lead:${lead}`)]);
    await Communication.collection.insertOne(c);
    await applyNewMessages(key, 1_000_000, [String(c._id)]);
    await addNewCommunications(ws.admin, new Types.ObjectId(lead), "lead", 1_000_000, [String(c._id)]);
    rowStall.release();
    countersStall.release();
    await Promise.all([recomputeA, countersA]);

    const now = await shown(ws, lead);
    expect(now.row).toMatchObject({ message_count: 2, unread: 1, last_preview: "What's your offer?" });
    expect(now.counters.communication_count).toBe(2);
    expect(await recomputed(ws, lead)).toEqual(now);
  });
});

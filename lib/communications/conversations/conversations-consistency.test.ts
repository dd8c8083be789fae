import { randomBytes } from "node:crypto";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { effectivePermissions } from "@/lib/core/permissions";
import { createBuyer } from "@/lib/buyers/buyers";
import { newBuyerSchema } from "@/lib/buyers/schemas";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { assignLead } from "@/lib/leads/write/assign-lead";
import { createLead } from "@/lib/leads/write/create-lead";
import { deleteLead } from "@/lib/leads/write/delete-lead";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { propertyRounds, propertySeeds, seededRandom } from "@/lib/testing/property";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { Communication } from "@/models/communication";
import { optInNumber, optOutNumber } from "../compliance/opt-outs";
import { storeInboundSms } from "../inbound/inbound-sms";
import { markThreadRead } from "../thread/read-thread";
import { INBOX_FILTERS } from "./inbox-filters";
import { countUnread, countUnreadFromDb, listConversations, listConversationsFromDb, visibilityOf } from "./list-conversations";
import { conversationRowsOf, forgetInboxRows, inboxRowsReady } from "./conversation-read-model";

// The property the inbox's rows in memory must keep: whatever happens to the conversations
// (texts in and out, status changes, reads, assignments, STOP and START, review flags, a deleted
// lead), through the code that does it in the app, every filter's pages and the unread badge
// answer from memory exactly what the database answers, for every kind of member.
// PROPERTY_SEED=<n> runs one other seed (PROPERTY_ROUNDS=<n> for longer runs).

const [SEED] = propertySeeds([17]);
const ROUNDS = propertyRounds(5);
const BODIES = ["Yes I might sell", "What's your offer?", "Call me after 5", "stop texting me please", "Not interested", "Who is this?"];

type Contact = { kind: "lead" | "buyer"; id: string; phone: string };

/** Every filter's first page, a page after a cursor, and the badge, both ways. */
async function answers(ctx: TenantContext) {
  expect(await conversationRowsOf(ctx.tenantId)).not.toBeNull();
  const v = visibilityOf(ctx);
  const out: { what: string; memory: unknown; database: unknown }[] = [];
  for (const filter of INBOX_FILTERS) {
    const page = await listConversations(ctx, { filter });
    const db = await listConversationsFromDb(ctx, v, filter, null);
    out.push({ what: filter, memory: page.rows, database: db.slice(0, 50) });
    const middle = db[Math.floor(db.length / 2)];
    if (middle) {
      const cursor = { at: new Date(middle.lastAt).getTime(), id: middle.id };
      const after = await listConversations(ctx, { filter, before: `${middle.lastAt}|${middle.id}` });
      out.push({ what: `${filter} after ${middle.contactName}`, memory: after.rows, database: (await listConversationsFromDb(ctx, v, filter, cursor)).slice(0, 50) });
    }
  }
  out.push({ what: "unread badge", memory: await countUnread(ctx), database: await countUnreadFromDb(ctx, v) });
  return out;
}

describe("inbox rows in memory (conversation-read-model.ts) against the database", () => {
  it(`answer exactly what the database answers after random texts, reads, assignments and opt-outs (seed ${SEED})`, async () => {
    const { random, pick } = seededRandom(SEED);
    const ws = await createWorkspace();
    const dispo: TenantContext = { tenantId: ws.admin.tenantId, userId: String(new Types.ObjectId()), role: "disposition_manager", permissions: effectivePermissions("disposition_manager") };
    const members = [ws.admin, ws.rep, ws.rep2, dispo];

    const contacts: Contact[] = [];
    for (let i = 0; i < 7; i++) {
      const phone = `+1214555${String(3400 + SEED * 10 + i).padStart(4, "0")}`;
      const r = await createLead(ws.admin, createLeadSchema.parse({ name: `Seller ${i}`, phone }), { allowDuplicate: true });
      if (!r.created) throw new Error("lead not created");
      if (i % 3 !== 2) await assignLead(ws.admin, r.id, i % 3 === 0 ? ws.ids.rep : ws.ids.rep2);
      contacts.push({ kind: "lead", id: r.id, phone });
    }
    for (let i = 0; i < 3; i++) {
      const phone = `+1469555${String(3400 + SEED * 10 + i).padStart(4, "0")}`;
      const { id } = await createBuyer(ws.admin, newBuyerSchema.parse({ name: `Buyer ${i}`, phone, property_types: [], preferred_locations: [] }));
      contacts.push({ kind: "buyer", id, phone });
    }
    const inbound = (c: Contact, body: string) =>
      storeInboundSms({ tenantId: ws.admin.tenantId, sid: `SM${randomBytes(16).toString("hex")}`, from: c.phone, to: "+12145550000", body, media: [], receivedAt: new Date().toISOString() });
    const outbound = (c: Contact, content: string) =>
      scoped(ws.admin, Communication).create({ type: "sms", direction: "outbound", recipient_type: c.kind, recipient_id: new Types.ObjectId(c.id), content, status: "queued" });

    // Some conversations exist before the rows are built (the worker's scan), the rest arrive after (the events).
    for (const c of contacts.slice(0, 4)) await outbound(c, `Hi ${c.kind}, are you still looking?`);
    await inboxRowsReady(ws.admin.tenantId);

    // Racing the lead's deletion (the round that deletes one), a read or an assignment may find it gone: not found, as in the app.
    const goneIsNotFound = (c: Contact) => (err: unknown) => {
      if (!(deleted.has(c.id) && err instanceof AppError && err.code === "not_found")) throw err;
    };
    const seen = { unread: false, optedOut: false, review: false, removed: false };
    const deleted = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const live = contacts.filter((c) => !deleted.has(c.id));
      const ops: (() => Promise<unknown>)[] = [];
      for (let i = 0; i < 6; i++) {
        const c = pick(live);
        const x = random();
        if (x < 0.3) ops.push(() => inbound(c, pick(BODIES)));
        else if (x < 0.45) ops.push(() => outbound(c, "Following up on the house"));
        else if (x < 0.55)
          ops.push(async () => {
            const sent = await scoped(ws.admin, Communication).findOne({ recipient_id: new Types.ObjectId(c.id), direction: "outbound" }).lean();
            if (sent) await scoped(ws.admin, Communication).updateOne({ _id: sent._id }, { $set: { status: pick(["sent", "delivered", "failed"]) } });
          });
        else if (x < 0.7) ops.push(() => markThreadRead(pick([ws.admin, dispo]), c.kind, c.id).catch(goneIsNotFound(c)));
        else if (x < 0.8 && c.kind === "lead") ops.push(() => assignLead(ws.admin, c.id, pick([ws.ids.rep, ws.ids.rep2, undefined])).catch(goneIsNotFound(c)));
        else if (x < 0.88) ops.push(() => optOutNumber(ws.admin, c.phone, { source: "keyword", keyword: "STOP" }));
        else if (x < 0.95) ops.push(() => optInNumber(ws.admin, c.phone, { source: "keyword", keyword: "START" }));
      }
      // A reply that means stop in words, flagged for review, early in every run.
      if (round === 0) ops.push(() => inbound(pick(live), "Please stop texting me"));
      // One lead removed late in the run: its conversation leaves the inbox.
      if (round === ROUNDS - 2) {
        const gone = live.find((c) => c.kind === "lead")!;
        deleted.add(gone.id);
        ops.push(() => deleteLead(ws.admin, gone.id));
        seen.removed = true;
      }
      // Concurrently, as a busy inbox sees them.
      await Promise.all(ops.map((op) => op()));
      // Another web process (or this one after an eviction) loads the shared copy on its next request.
      if (round === 2) {
        forgetInboxRows(ws.admin.tenantId);
        await inboxRowsReady(ws.admin.tenantId);
      }
      for (const ctx of members) {
        for (const a of await answers(ctx)) expect({ member: ctx.role, what: a.what, rows: a.memory }).toEqual({ member: ctx.role, what: a.what, rows: a.database });
      }
      const all = await listConversations(ws.admin);
      seen.unread ||= all.rows.some((r) => r.unread > 0);
      seen.optedOut ||= all.rows.some((r) => r.optedOut);
      seen.review ||= all.rows.some((r) => r.needsReview);
    }
    // The run exercised what it claims to (else a weaker seed would pass vacuously).
    expect(seen).toEqual({ unread: true, optedOut: true, review: true, removed: true });
    expect((await listConversations(ws.admin)).rows.map((r) => r.contactId)).not.toContain([...deleted][0]);
  });

  it("another company's rows never answer: its inbox is empty and its badge zero", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const r = await createLead(ws.admin, createLeadSchema.parse({ name: "Maria Lopez", phone: "+12145553991" }), { allowDuplicate: true });
    if (!r.created) throw new Error("lead not created");
    await storeInboundSms({ tenantId: ws.admin.tenantId, sid: `SM${randomBytes(16).toString("hex")}`, from: "+12145553991", to: "+12145550000", body: "Hello?", media: [], receivedAt: new Date().toISOString() });
    await inboxRowsReady(ws.admin.tenantId);
    await inboxRowsReady(other.admin.tenantId);
    expect((await listConversations(ws.admin)).rows.map((c) => c.contactName)).toEqual(["Maria Lopez"]);
    expect(await countUnread(ws.admin)).toBe(1);
    expect((await listConversations(other.admin)).rows).toEqual([]);
    expect(await countUnread(other.admin)).toBe(0);
  });
});

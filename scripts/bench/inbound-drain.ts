// The inbound drain as a contact's history grows: `npm run bench:inbound-drain [-- --texts 6000
// --contacts 50 --history 0 --untuned]`. The worker's inbound path without Twilio or HTTP: `--texts`
// inbound jobs (texts from `--contacts` numbers, each already a lead with `--history` older messages)
// handed to processInboundJob 100 at a time, as the inbound worker runs them (INBOUND_CONCURRENCY),
// so they are stored in batches with their inline subscribers (inbox row, contact counters). Prints
// the rate of each tenth of the run: flat when a batch's cost does not depend on history; and,
// unaffected by the machine's load, the database calls per text and how many times a contact's
// whole history was read.
// Runs on its own throwaway FerretDB and the machine's Redis.
import type { Job } from "bullmq";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import mongoose, { Types } from "mongoose";
import { connectDb, disconnectDb } from "@/lib/core/db/connect";
import { scoped } from "@/lib/core/db/scoped";
import { ensureIndexes } from "@/lib/migrations/run-migrations";
import { INBOUND_CONCURRENCY, processInboundJob, type InboundSms } from "@/lib/communications/inbound/inbound-sms";
import { refreshConversation } from "@/lib/communications/conversations/refresh-conversation";
import { refreshContactCounters } from "@/lib/contact-counters/refresh-contact-counters";
import { createTenant } from "@/lib/testing/factories";
import { Communication } from "@/models/communication";
import { Conversation } from "@/models/conversation";
import { Lead } from "@/models/lead";
import { tunePostgresForFerretDB } from "../lib/pg-tuning.mjs";
import { startThrowawayFerretDB } from "../lib/throwaway-database.mjs";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TEXTS = arg("texts", 6000);
const CONTACTS = arg("contacts", 50);
const HISTORY = arg("history", 0);

process.env.APP_SECRET_KEY ??= randomBytes(24).toString("hex");
process.env.BULLMQ_PREFIX = `bench-inbound-drain-${Date.now()}`;

async function main() {
  const t0 = Date.now();
  const log = (m: string) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}`);
  const db = await startThrowawayFerretDB();
  process.env.MONGODB_URI = `${db.uri}/bench_inbound_drain`;
  await connectDb(process.env.MONGODB_URI);
  await ensureIndexes();
  const { ctx } = await createTenant(`drain${Date.now().toString(36)}`);
  const senders = Array.from({ length: CONTACTS }, (_, i) => `+1972555${String(1000 + i)}`);
  const leads = [];
  for (const phone of senders) leads.push(await scoped(ctx, Lead).create({ name: `Seller ${phone.slice(-4)}`, phone, status: "new" }));
  if (HISTORY > 0) {
    // Older messages written straight to the collection (no events), then each contact's row and
    // counters derived once, as a long-lived company's are.
    const at = Date.now() - 86_400_000;
    for (const lead of leads) {
      const docs = Array.from({ length: HISTORY }, (_, i) => ({
        _id: new Types.ObjectId(), tenant_id: new Types.ObjectId(ctx.tenantId), type: "sms", direction: i % 2 ? "inbound" : "outbound",
        recipient_type: "lead", recipient_id: lead._id, content: `older message ${i}`, status: i % 2 ? "received" : "delivered",
        read_at: new Date(at), sent_at: new Date(at + i * 1000), created_at: new Date(at + i * 1000), updated_at: new Date(at + i * 1000), rev: 1,
      }));
      for (let i = 0; i < docs.length; i += 40) await Communication.collection.insertMany(docs.slice(i, i + 40));
      await refreshConversation({ tenantId: ctx.tenantId, contactType: "lead", contactId: String(lead._id) });
      await refreshContactCounters(ctx, lead._id, "lead");
    }
    log(`${CONTACTS} contacts with ${HISTORY} older messages each`);
  }
  // The GIN indexes `npm start` adds on PostgreSQL (scripts/lib/pg-tuning.mjs): without them every
  // lookup by _id scans the table, and the run measures the collection's size, not the drain.
  const tuned = db.postgresqlUrl && !process.argv.includes("--untuned") ? await tunePostgresForFerretDB(db.postgresqlUrl, "bench_inbound_drain") : 0;

  // Database calls per text, by collection and method, and the reads of a contact's messages by
  // contact (each one reads its whole history): counts that do not depend on the machine's load.
  const calls = new Map<string, number>();
  let historyReads = 0;
  mongoose.set("debug", (collection: string, method: string, query: unknown) => {
    calls.set(`${collection}.${method}`, (calls.get(`${collection}.${method}`) ?? 0) + 1);
    const q = query as Record<string, unknown> | null;
    if (collection === "communications" && method === "find" && q && "recipient_id" in q && !("_id" in q)) historyReads += 1;
  });

  const texts: InboundSms[] = Array.from({ length: TEXTS }, (_, i) => ({
    tenantId: ctx.tenantId, sid: `SM${randomBytes(16).toString("hex")}`, from: senders[i % senders.length], to: "+12145550199",
    body: "Is the house still for sale?", media: [], receivedAt: new Date().toISOString(),
  }));
  // INBOUND_CONCURRENCY jobs at a time, each taking the next text when it ends (as a worker does).
  // Rates by slices of at least two batches (a batch's jobs end together).
  const slice = Math.max(2 * INBOUND_CONCURRENCY, Math.floor(TEXTS / 10));
  const slices: string[] = [];
  let next = 0;
  let done = 0;
  let sliceStart = Date.now();
  const started = Date.now();
  await Promise.all(
    Array.from({ length: INBOUND_CONCURRENCY }, async () => {
      while (next < texts.length) {
        const data = texts[next++];
        const outcome = await processInboundJob({ data } as Job<InboundSms>);
        if (outcome !== "stored") throw new Error(`text ${data.sid}: ${outcome}`);
        done += 1;
        if (done % slice === 0) {
          const seconds = (Date.now() - sliceStart) / 1000;
          slices.push(`${done}: ${Math.round(slice / seconds)}/s`);
          log(`${done} texts stored: ${Math.round(slice / seconds)}/s over the last ${slice}`);
          sliceStart = Date.now();
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  mongoose.set("debug", false);
  const totalCalls = [...calls.values()].reduce((a, b) => a + b, 0);
  const perText = Object.fromEntries([...calls].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => [k, Math.round((n / TEXTS) * 100) / 100]));

  // Each contact's row and counters against its messages.
  let wrong = 0;
  for (const lead of leads) {
    const [count, unread, row, stored] = await Promise.all([
      scoped(ctx, Communication).countDocuments({ recipient_type: "lead", recipient_id: lead._id }),
      scoped(ctx, Communication).countDocuments({ recipient_type: "lead", recipient_id: lead._id, direction: "inbound", read_at: null }),
      scoped(ctx, Conversation).findOne({ contact_type: "lead", contact_id: lead._id }).lean(),
      scoped(ctx, Lead).findById(String(lead._id), { communication_count: 1 }).lean<{ communication_count?: number }>(),
    ]);
    if (row?.message_count !== count || row?.unread !== unread || stored?.communication_count !== count) wrong += 1;
  }
  console.log(JSON.stringify({ load: loadavg().map((l) => Math.round(l * 100) / 100), backend: db.backend, ginIndexes: tuned, texts: TEXTS, contacts: CONTACTS, history: HISTORY, seconds: Math.round(seconds), rate: Math.round(TEXTS / seconds), ratesUpTo: slices.join(", "), dbCallsPerText: Math.round((totalCalls / TEXTS) * 10) / 10, historyReads, topCallsPerText: perText, contactsWithWrongCounts: wrong }, null, 2));
  await disconnectDb();
  await db.stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

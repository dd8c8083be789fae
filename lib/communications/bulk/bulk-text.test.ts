import { randomUUID } from "node:crypto";
import type { Job } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { sharedQueue } from "@/lib/core/jobs/connection";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { pinOutreachClock } from "../clock";
import { BulkText } from "@/models/bulk-text";
import { BULK_TEXT_QUEUE, countBulkTextRecipients, getBulkTextSummary, processBulkTextJob, startBulkText } from "./bulk-text";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

async function control<T = any>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${process.env.TWILIO_API_BASE}/_control/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json() as Promise<T>;
}

let seq = Math.floor(Math.random() * 5000);
const number = (prefix: string) => `${prefix}${String(1000 + (seq++ % 8999)).padStart(4, "0")}`;

afterAll(() => pinOutreachClock(null));

describe("bulk texting", () => {
  it("asks requestText once per lead under bulk:<id>:<lead>, through the same gate; a rerun sends nothing twice; the summary says why", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const account = await control<{ sid: string; token: string }>("accounts", {});
    await setTwilioAccount(ws.admin, { accountSid: account.sid, authToken: account.token });
    await addTenantPhoneNumber(ws.admin, number("+1305557"));
    // Noon in Florida on a Wednesday: inside every window.
    pinOutreachClock(new Date("2026-12-09T17:00:00Z"));
    const mk = (name: string, extra: Record<string, unknown> = {}) =>
      scoped(ws.admin, Lead).create({ name, phone: number("+1786556"), status: "new", address: { street: "1 Main St", city: "Miami", state: "FL", zip_code: "33139" }, ...extra });
    const ok = await mk("Ann Able");
    const dnc = await mk("Dee Nocall", { tags: ["dnc"] });
    const bare = await mk("Bo Bare", { address: {} });

    const started = await startBulkText(ws.admin, {
      target: { mode: "ids", ids: [String(ok._id), String(dnc._id), String(bare._id)] },
      body: "Hi {{first_name}}, {{rep_name}} here about {{property_address}}. Reply STOP to opt out.",
    });
    expect(started.total).toBe(3);
    const job = (await sharedQueue(BULK_TEXT_QUEUE).getJob(`bulk-${started.bulkId}`)) as Job;
    expect(job).toBeTruthy();
    await processBulkTextJob(job);
    // a retry (a crash after the first recipients) asks again under the same keys
    await processBulkTextJob(job);

    const texts = await scoped(ws.admin, Communication).find({ source: "bulk" }).lean();
    expect(texts.map((t) => [String(t.recipient_id), t.intent_key])).toEqual([[String(ok._id), `bulk:${started.bulkId}:${String(ok._id)}`]]);
    expect(texts[0].content).toBe("Hi Ann, Ada here about 1 Main St, Miami, FL 33139. Reply STOP to opt out.");

    const summary = await getBulkTextSummary(ws.admin, started.bulkId);
    expect(summary).toMatchObject({ total: 3, done: 3, finished: true, counts: { sent: 1, scheduled: 0, deferred: 0, skipped: 2 } });
    expect(summary.reasons.map((r) => [r.kind, r.reason]).sort()).toEqual([
      ["skipped", "Dee Nocall is on the do-not-contact list (tagged dnc)."],
      ["skipped", "No value for {{property_address}}."],
    ]);
    // who was not texted, and why, is kept with the bulk (it outlives Redis)
    expect(summary.notSent?.map((o) => [o.leadId, o.kind]).sort()).toEqual([[String(bare._id), "skipped"], [String(dnc._id), "skipped"]].sort());
    await expect(getBulkTextSummary(other.admin, started.bulkId)).rejects.toMatchObject({ code: "not_found" });

    // The same words to the same leads again (the rep sends the bulk a second time): nobody is texted twice.
    const again = await startBulkText(ws.admin, {
      target: { mode: "ids", ids: [String(ok._id), String(dnc._id)] },
      body: "Hi {{first_name}}, {{rep_name}} here about {{property_address}}. Reply STOP to opt out.",
    });
    await processBulkTextJob((await sharedQueue(BULK_TEXT_QUEUE).getJob(`bulk-${again.bulkId}`)) as Job);
    expect(await scoped(ws.admin, Communication).countDocuments({ source: "bulk", recipient_id: ok._id })).toBe(1);
    expect((await getBulkTextSummary(ws.admin, again.bulkId)).reasons.map((r) => r.reason)).toContain("These words already went (or are set to go) to this lead in the last 24 hours.");

    // another company's lead ids match nothing
    await expect(startBulkText(other.admin, { target: { mode: "ids", ids: [String(ok._id)] }, body: "Hi" })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("the same request twice (a double click, a retried submit) starts one bulk; the count before sending matches", async () => {
    const ws = await createWorkspace();
    const leads = await Promise.all(["Cy One", "Di Two"].map((name) => scoped(ws.admin, Lead).create({ name, phone: number("+1212555"), status: "new" })));
    const target = { mode: "ids" as const, ids: leads.map((l) => String(l._id)) };
    expect(await countBulkTextRecipients(ws.admin, target)).toBe(2);
    const request = { target, body: "Hi {{first_name}}. Reply STOP to opt out.", request_id: randomUUID() };
    const [a, b] = await Promise.all([startBulkText(ws.admin, request), startBulkText(ws.admin, request)]);
    const c = await startBulkText(ws.admin, request);
    expect(new Set([a.bulkId, b.bulkId, c.bulkId]).size).toBe(1);
    expect([a.total, b.total, c.total]).toEqual([2, 2, 2]);
    expect(await scoped(ws.admin, BulkText).countDocuments({})).toBe(1);
    await expect(startBulkText(ws.admin, { ...request, request_id: "short" })).rejects.toBeTruthy();
  });
});

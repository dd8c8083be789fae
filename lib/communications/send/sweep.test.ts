import type { Job } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { sharedQueue } from "@/lib/core/jobs/connection";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { BULK_TEXT_QUEUE, getBulkTextSummary, processBulkTextJob, startBulkText } from "../bulk/bulk-text";
import { pinOutreachClock } from "../clock";
import { SEND_QUEUE } from "./queue";
import { requestText } from "./request-text";
import { processSendJob } from "./send-job";
import { sweepPendingSends } from "./sweep";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

async function control<T = any>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${process.env.TWILIO_API_BASE}/_control/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json() as Promise<T>;
}

let seq = Math.floor(Math.random() * 5000);
const number = (prefix: string) => `${prefix}${String(1000 + (seq++ % 8999)).padStart(4, "0")}`;
// Redis lost its data: every job of this file's queues, and the sweep's marker.
async function loseRedisData() {
  await sharedQueue(SEND_QUEUE).obliterate({ force: true });
  await sharedQueue(BULK_TEXT_QUEUE).obliterate({ force: true });
  await getRedis().del(`${redisKeyPrefix()}:send-sweep:marker`);
}

afterAll(() => pinOutreachClock(null));

describe("the send sweep", () => {
  it("queues again, from the database, texts and bulk sends whose jobs Redis lost; each text goes to Twilio once", async () => {
    const ws = await createWorkspace();
    const account = await control<{ sid: string; token: string }>("accounts", {});
    await setTwilioAccount(ws.admin, { accountSid: account.sid, authToken: account.token });
    await addTenantPhoneNumber(ws.admin, number("+1305558"));
    // Noon in Florida on a Wednesday: inside every window.
    const noon = new Date("2026-12-09T17:00:00Z");
    pinOutreachClock(noon);
    const mk = (name: string) => scoped(ws.admin, Lead).create({ name, phone: number("+1786557"), status: "new", address: { street: "1 Main St", city: "Miami", state: "FL", zip_code: "33139" } });
    const ann = await mk("Ann Able");
    const now = await requestText(ws.admin, { to: { kind: "lead", id: String(ann._id) }, body: "Hello Ann. Reply STOP to opt out.", intentKey: `sweep-now-${seq}` });
    const later = await requestText(ws.admin, { to: { kind: "lead", id: String(ann._id) }, body: "Tomorrow's note", intentKey: `sweep-later-${seq}`, sendAt: new Date(noon.getTime() + 24 * 3600_000) });
    if (!now.ok || !later.ok) throw new Error("requestText refused");
    const queue = sharedQueue(SEND_QUEUE);
    const jobOf = (r: { communicationId: string }) => queue.getJob(`send-${r.communicationId}-0`);

    // A sweep with every job in place queues nothing.
    await sweepPendingSends();
    expect(await sweepPendingSends()).toMatchObject({ redisLost: false, requeued: 0 });

    // One job lost (it stalled once too often and BullMQ dropped it): once the text is overdue, queued again.
    await (await jobOf(now))!.remove();
    expect(await sweepPendingSends()).toMatchObject({ requeued: 0 });
    pinOutreachClock(new Date(noon.getTime() + 2 * 60_000));
    expect(await sweepPendingSends()).toMatchObject({ redisLost: false, requeued: 1 });
    expect(await jobOf(now)).toBeTruthy();

    // Redis lost everything: the text due now and tomorrow's are both queued again, tomorrow's still delayed.
    await loseRedisData();
    expect(await sweepPendingSends()).toMatchObject({ redisLost: true, requeued: 2 });
    expect(await (await jobOf(later))!.getState()).toBe("delayed");

    // The job runs twice (at least once): one message at Twilio.
    const job = (await jobOf(now)) as Job;
    expect(await processSendJob(job)).toBe("sent");
    expect(await processSendJob(job)).toBe("skipped");
    const sent = await control<{ to: string; body: string }[]>(`messages?accountSid=${account.sid}`);
    expect(sent.map((m) => m.body)).toEqual(["Hello Ann. Reply STOP to opt out."]);

    // A bulk text whose job Redis lost is resumed from its stored request; its summary survives Redis too.
    const bo = await mk("Bo Baker");
    const started = await startBulkText(ws.admin, { target: { mode: "ids", ids: [String(bo._id)] }, body: "Hi {{first_name}}. Reply STOP to opt out." });
    await loseRedisData();
    expect(await sweepPendingSends()).toMatchObject({ bulkResumed: 1 });
    const bulkJob = (await sharedQueue(BULK_TEXT_QUEUE).getJob(`bulk-${started.bulkId}`)) as Job;
    expect(bulkJob).toBeTruthy();
    await processBulkTextJob(bulkJob);
    await loseRedisData();
    expect(await getBulkTextSummary(ws.admin, started.bulkId)).toMatchObject({ total: 1, done: 1, finished: true, counts: { sent: 1, skipped: 0 } });
    expect(await sweepPendingSends()).toMatchObject({ bulkResumed: 0, requeued: 2 });
    expect((await scoped(ws.admin, Communication).find({ source: "bulk" }).lean()).map((c) => c.content)).toEqual(["Hi Bo. Reply STOP to opt out."]);
  });

  it("a due text stored without its numbers fails once with the reason, instead of throwing on every retry and sweep", async () => {
    const ws = await createWorkspace();
    const account = await control<{ sid: string; token: string }>("accounts", {});
    await setTwilioAccount(ws.admin, { accountSid: account.sid, authToken: account.token });
    await addTenantPhoneNumber(ws.admin, number("+1305558"));
    pinOutreachClock(new Date("2026-12-09T17:00:00Z"));
    const lead = await scoped(ws.admin, Lead).create({ name: "Cy Numberless", phone: number("+1786557"), status: "new", address: { street: "1 Main St", city: "Miami", state: "FL", zip_code: "33139" } });
    // As an import or an old seed may have written it: scheduled, due, without to_number or from_number.
    const row = await scoped(ws.admin, Communication).create({ type: "sms", direction: "outbound", recipient_type: "lead", recipient_id: lead._id, content: "Checking in", status: "scheduled", scheduled_at: new Date("2026-12-09T16:00:00Z"), send_version: 0 });
    const job = { data: { tenantId: ws.admin.tenantId, communicationId: String(row._id), version: 0 }, attemptsMade: 0, opts: { attempts: 5 } } as unknown as Job;
    expect(await processSendJob(job)).toBe("refused");
    const stored = await scoped(ws.admin, Communication).findById(String(row._id)).lean();
    expect(stored).toMatchObject({ status: "failed", error_code: "invalid_request", error_message: expect.stringMatching(/no number to send to/) });
    expect(await control<unknown[]>(`messages?accountSid=${account.sid}`)).toEqual([]);
  });
});

// A scheduled text's words changed before it goes, through the local Twilio: the send job that
// was queued for the old words does nothing, the new one sends the new words, once; another
// company's id is not found; a text on its way can no longer be edited.
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { pinOutreachClock } from "../clock";
import { closeSendQueue, type SendJob } from "./queue";
import { requestText } from "./request-text";
import { editScheduledText, listScheduledTexts } from "./scheduled-texts";
import { processSendJob } from "./send-job";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

async function control<T = any>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${process.env.TWILIO_API_BASE}/_control/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json() as Promise<T>;
}
const random4 = () => String(1000 + Math.floor(Math.random() * 8999));

async function company() {
  const ws = await createWorkspace();
  const account = await control<{ sid: string; token: string }>("accounts", {});
  const number = `+1305554${random4()}`;
  await control("numbers", { accountSid: account.sid, number });
  await control("behaviour", { accountSid: account.sid, progress: "manual" });
  await setTwilioAccount(ws.admin, { accountSid: account.sid, authToken: account.token });
  await addTenantPhoneNumber(ws.admin, number);
  return { ...ws, account };
}
let acme: Awaited<ReturnType<typeof company>>;
let globex: Awaited<ReturnType<typeof company>>;

beforeAll(async () => {
  acme = await company();
  globex = await company();
});
afterAll(async () => {
  pinOutreachClock(null);
  await closeSendQueue();
});

describe("editing a scheduled text", () => {
  it("changes the words until it is sent; the job queued for the old words sends nothing", async () => {
    pinOutreachClock(new Date("2026-03-11T15:00:00Z")); // Wed 11 am in Miami
    const phone = `+1786554${random4()}`;
    const lead = await scoped(acme.admin, Lead).create({ name: "Sam Seller", phone, status: "new", assigned_to: acme.ids.rep, address: { state: "FL", zip_code: "33139" } });
    const res = await requestText(acme.rep, { to: { kind: "lead", id: String(lead._id) }, body: "See you Thursday", sendAt: new Date("2026-03-12T15:00:00Z"), intentKey: `t:${random4()}${random4()}` });
    if (!res.ok) throw new Error(res.message);
    const id = res.communicationId;

    await expect(editScheduledText(globex.admin, id, "Hijacked")).rejects.toMatchObject({ code: "not_found" });
    await expect(editScheduledText(acme.rep, id, "   ")).rejects.toMatchObject({ code: "bad_request", fieldErrors: { body: ["Write a message to send."] } });
    await expect(editScheduledText(acme.rep, id, "x".repeat(1601))).rejects.toMatchObject({ code: "bad_request" });
    expect(await editScheduledText(acme.rep, id, "See you Friday instead")).toEqual({ body: "See you Friday instead" });
    expect((await listScheduledTexts(acme.rep, { recipient: { kind: "lead", id: String(lead._id) } })).map((t) => t.body)).toEqual(["See you Friday instead"]);

    pinOutreachClock(new Date("2026-03-12T15:00:00Z"));
    const job = (version: number) => ({ data: { tenantId: acme.admin.tenantId, communicationId: id, version } }) as Job<SendJob>;
    expect(await processSendJob(job(0))).toBe("skipped");
    expect(await processSendJob(job(1))).toBe("sent");
    const sent = await control<{ body: string }[]>(`messages?accountSid=${acme.account.sid}&to=${encodeURIComponent(phone)}`);
    expect(sent.map((m) => m.body)).toEqual(["See you Friday instead"]);
    await expect(editScheduledText(acme.rep, id, "Too late")).rejects.toMatchObject({ code: "conflict" });
    expect((await scoped(acme.admin, Communication).findById(id).lean())?.content).toBe("See you Friday instead");
  });
});

// Photos received by MMS, end to end through the local Twilio: the signed inbound webhook with
// two generated photos, stored by the inbound job, shown in the thread through our own route with
// alt text, and read from Twilio with the company's credentials (Basic auth and Twilio's redirect);
// another company, a contact the member may not see, or a URL that is not Twilio media: not found.
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { sharedQueue } from "@/lib/core/jobs/connection";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { startRouteServer } from "@/lib/testing/route-server";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { POST as smsRoute } from "@/app/api/webhooks/twilio/sms/route";
import { closeInboundQueue, INBOUND_QUEUE, processInboundJob, type InboundSms } from "../inbound/inbound-sms";
import { readThread } from "../thread/read-thread";
import { openMessageMedia } from "./open-message-media";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

async function control<T = any>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${process.env.TWILIO_API_BASE}/_control/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json() as Promise<T>;
}
const random4 = () => String(1000 + Math.floor(Math.random() * 8999));

let hooks: Awaited<ReturnType<typeof startRouteServer>>;
async function company() {
  const ws = await createWorkspace();
  const account = await control<{ sid: string; token: string }>("accounts", {});
  const number = `+1305559${random4()}`;
  await control("numbers", { accountSid: account.sid, number, smsUrl: `${hooks.url}/api/webhooks/twilio/sms` });
  await setTwilioAccount(ws.admin, { accountSid: account.sid, authToken: account.token });
  await addTenantPhoneNumber(ws.admin, number);
  return { ...ws, account, number };
}
let acme: Awaited<ReturnType<typeof company>>;
let globex: Awaited<ReturnType<typeof company>>;

beforeAll(async () => {
  hooks = await startRouteServer({ "/api/webhooks/twilio/sms": smsRoute });
  acme = await company();
  globex = await company();
});
afterAll(async () => {
  await closeInboundQueue();
  await hooks.close();
});

async function receive(to: string, from: string, body: string, extra: Record<string, unknown>) {
  const sent = await control<{ status: number; sid: string }>("inbound-sms", { to, from, body, ...extra });
  expect(sent.status).toBe(200);
  const job = await sharedQueue(INBOUND_QUEUE).getJob(`in-${sent.sid}`);
  expect(await processInboundJob(job as Job<InboundSms>)).toBe("stored");
  return (await scoped(acme.admin, Communication).findOne({ twilio_sid: sent.sid }).lean())!;
}

describe("photos received by MMS", () => {
  it("are stored, listed in the thread through our route with alt text, and read from Twilio with the company's credentials", async () => {
    const phone = `+1786559${random4()}`;
    const lead = await scoped(acme.admin, Lead).create({ name: "Sam Seller", phone, status: "new" });
    const row = await receive(acme.number, phone, "Here is the roof", { photos: 2 });
    expect(row.twilio_sid).toMatch(/^MM/);
    expect(row.media_urls).toHaveLength(2);
    expect(row.media_urls![0]).toContain(`/2010-04-01/Accounts/${acme.account.sid}/Messages/${row.twilio_sid}/Media/ME`);

    const { items } = await readThread(acme.admin, "lead", String(lead._id));
    const item = items.find((i) => i.id === String(row._id))!;
    expect(item.media).toEqual([
      { href: `/api/communications/${row._id}/media/0`, alt: expect.stringMatching(/^Photo 1 of 2 from Sam Seller, received /) },
      { href: `/api/communications/${row._id}/media/1`, alt: expect.stringMatching(/^Photo 2 of 2 from Sam Seller, received /) },
    ]);
    expect(JSON.stringify(items)).not.toContain("/2010-04-01/");

    const photo = await openMessageMedia(acme.admin, String(row._id), 1);
    expect(photo).toMatchObject({ contentType: "image/png", inline: true, filename: "photo-2.png" });
    expect([...photo.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("another company, a lead the member may not see, a missing index or a stored URL that is not this account's Twilio media: not found", async () => {
    const phone = `+1786559${random4()}`;
    await scoped(acme.admin, Lead).create({ name: "Kim Keeper", phone, status: "new" });
    const row = await receive(acme.number, phone, "", { photos: 1 });
    const id = String(row._id);
    await expect(openMessageMedia(globex.admin, id, 0)).rejects.toMatchObject({ code: "not_found" });
    await expect(openMessageMedia(acme.rep, id, 0)).rejects.toMatchObject({ code: "not_found" }); // not assigned to this rep
    await expect(openMessageMedia(acme.admin, id, 1)).rejects.toMatchObject({ code: "not_found" });
    await expect(openMessageMedia(acme.admin, "not-an-id", 0)).rejects.toMatchObject({ code: "not_found" });

    const elsewhere = await receive(acme.number, phone, "Look", { mediaUrls: ["https://example.com/house.jpg", `${process.env.TWILIO_API_BASE}/2010-04-01/Accounts/${globex.account.sid}/Messages/MM${"0".repeat(32)}/Media/ME${"0".repeat(32)}`] });
    await expect(openMessageMedia(acme.admin, String(elsewhere._id), 0)).rejects.toMatchObject({ code: "not_found" });
    await expect(openMessageMedia(acme.admin, String(elsewhere._id), 1)).rejects.toMatchObject({ code: "not_found" });
  });
});

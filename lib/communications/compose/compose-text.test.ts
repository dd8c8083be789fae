// "Send at the contact's 9 am" through the compose path on the real database: the 9 am of the
// zone where it comes last (property and phone in different zones), across daylight saving time,
// and still through the gate (Texas on a Sunday waits until noon, saying so).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { pinOutreachClock } from "../clock";
import { closeSendQueue } from "../send/queue";
import { composeText } from "./compose-text";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join("");
const digits = () => String(2000000 + Math.floor(Math.random() * 7999999));
let ws: Awaited<ReturnType<typeof createWorkspace>>;

beforeAll(async () => {
  ws = await createWorkspace();
  await setTwilioAccount(ws.admin, { accountSid: `AC${hex(32)}`, authToken: hex(32) });
  await addTenantPhoneNumber(ws.admin, `+1303555${String(1000 + Math.floor(Math.random() * 8999))}`);
});
afterAll(async () => {
  pinOutreachClock(null);
  await closeSendQueue();
});

async function morningText(address: { state: string; zip_code: string }, phone: string) {
  const lead = await scoped(ws.admin, Lead).create({ name: "Sam Seller", phone, status: "new", address: { street: "1 Main St", city: "Town", ...address } });
  const out = await composeText(ws.admin, { kind: "lead", id: String(lead._id), body: "Good morning {{first_name}}", when: "morning", intent_key: `compose-test-${hex(12)}` });
  const row = await scoped(ws.admin, Communication).findById(out.communicationId).lean();
  return { out, row };
}

describe("send at the contact's 9 am", () => {
  it("a Denver house whose owner's phone is in Phoenix, in summer: 9 am Phoenix (10 am Denver), not 8 am Phoenix", async () => {
    pinOutreachClock(new Date("2026-07-15T11:00:00Z")); // Wed 5 am in Denver, 4 am in Phoenix
    const { out, row } = await morningText({ state: "CO", zip_code: "80202" }, `+1602${digits()}`);
    expect(out).toMatchObject({ status: "scheduled", message: expect.stringMatching(/^Scheduled for Wed, Jul 15, 9:00 AM \(America\/Phoenix\)$/) });
    expect(row).toMatchObject({ status: "scheduled", content: "Good morning Sam", scheduled_at: new Date("2026-07-15T16:00:00Z") });
  });

  it("the night daylight saving time starts, the same lead: 9 am MST in Phoenix is 10 am MDT in Denver", async () => {
    pinOutreachClock(new Date("2026-03-08T08:00:00Z")); // Sun 1 am in both
    const { row } = await morningText({ state: "CO", zip_code: "80202" }, `+1602${digits()}`);
    expect(row?.scheduled_at).toEqual(new Date("2026-03-08T16:00:00Z"));
  });

  it("Texas on a Sunday: 9 am is moved to noon by the gate, and the sender reads why", async () => {
    pinOutreachClock(new Date("2026-03-15T02:00:00Z")); // Sat 9 pm in Dallas
    const { out, row } = await morningText({ state: "TX", zip_code: "75201" }, `+1214${digits()}`);
    expect(out).toMatchObject({ status: "deferred", message: expect.stringMatching(/^Deferred to Sun, Mar 15, 12:00 PM \(America\/Chicago\): Texas allows/) });
    expect(row).toMatchObject({ scheduled_at: new Date("2026-03-15T17:00:00Z"), deferral: { rule: "TX" } });
  });
});

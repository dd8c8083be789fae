// A company's own hours on the real database: saved by an admin (validated, every error back),
// applied by the one gate to every sending path (a new text, a rescheduled one), deferring and
// saying so, and to this company only.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { listSettings, updateSetting } from "@/lib/settings/settings-store";
import { Lead } from "@/models/lead";
import { pinOutreachClock } from "../clock";
import { closeSendQueue } from "../send/queue";
import { requestText } from "../send/request-text";
import { rescheduleText } from "../send/scheduled-texts";
import { getCompanyHours, setCompanyHours } from "./company-hours-store";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join("");
const key = () => `test:${hex(12)}`;

async function company() {
  const ws = await createWorkspace();
  await setTwilioAccount(ws.admin, { accountSid: `AC${hex(32)}`, authToken: hex(32) });
  await addTenantPhoneNumber(ws.admin, `+1305555${String(1000 + Math.floor(Math.random() * 8999))}`);
  return ws;
}

async function lead(ctx: TenantContext, state: string, zip: string, phone: string) {
  const l = await scoped(ctx, Lead).create({ name: "Sam Seller", phone, status: "new", address: { street: "1 Main St", city: "Town", state, zip_code: zip } });
  return String(l._id);
}
const miamiPhone = () => `+1305${String(2000000 + Math.floor(Math.random() * 7999999))}`;

let acme: Awaited<ReturnType<typeof company>>;
let globex: Awaited<ReturnType<typeof company>>;
const NINE_TO_SEVEN_NO_SUNDAYS = { weekday: { from: 9, to: 19 }, saturday: { from: 9, to: 19 }, sunday: null, holidays: true };

beforeAll(async () => {
  acme = await company();
  globex = await company();
});
beforeEach(() => pinOutreachClock(new Date("2026-03-10T23:30:00Z"))); // Tue 7:30 pm in Miami
afterAll(async () => {
  pinOutreachClock(null);
  await closeSendQueue();
});

describe("company hours", () => {
  it("only an admin sets them; invalid hours come back with every error and change nothing", async () => {
    await expect(setCompanyHours(acme.rep, NINE_TO_SEVEN_NO_SUNDAYS)).rejects.toMatchObject({ code: "forbidden" });
    await expect(setCompanyHours(acme.admin, { weekday: { from: 19, to: 9 }, saturday: { from: 2, to: 6 }, sunday: null, holidays: true })).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { weekdayFrom: ["The end must be after the start"], saturdayFrom: [expect.stringMatching(/between 8 am and 9 pm/)] },
    });
    expect(await getCompanyHours(acme.admin)).toBeNull();
  });

  it("a text at 7:30 pm to Florida (the law allows until 8) waits for the company's 9 am, saying why; another company is not affected", async () => {
    await setCompanyHours(acme.admin, NINE_TO_SEVEN_NO_SUNDAYS);
    const res = await requestText(acme.admin, { to: { kind: "lead", id: await lead(acme.admin, "FL", "33139", miamiPhone()) }, body: "Evening!", intentKey: key() });
    expect(res).toMatchObject({ ok: true, status: "deferred", deferredUntil: new Date("2026-03-11T13:00:00Z"), reason: expect.stringMatching(/^Your company's policy allows texts and calls 9 am to 7 pm/) });

    const theirs = await requestText(globex.admin, { to: { kind: "lead", id: await lead(globex.admin, "FL", "33139", miamiPhone()) }, body: "Evening!", intentKey: key() });
    expect(theirs).toMatchObject({ ok: true, status: "queued" });
  });

  it("rescheduling goes through the same hours: Sunday noon in Texas moves to Monday 9 am", async () => {
    await setCompanyHours(acme.admin, NINE_TO_SEVEN_NO_SUNDAYS);
    pinOutreachClock(new Date("2026-03-11T15:00:00Z")); // Wed 10 am in Dallas
    const id = await lead(acme.admin, "TX", "75201", `+1214${String(2000000 + Math.floor(Math.random() * 7999999))}`);
    const res = await requestText(acme.admin, { to: { kind: "lead", id }, body: "Hi", sendAt: new Date("2026-03-12T15:00:00Z"), intentKey: key() });
    expect(res).toMatchObject({ ok: true, status: "scheduled" });
    if (!res.ok) return;
    const moved = await rescheduleText(acme.admin, res.communicationId, new Date("2026-03-15T17:00:00Z")); // Sun 12:00 CDT
    expect(moved).toMatchObject({ sendAt: new Date("2026-03-16T14:00:00Z"), reason: expect.stringMatching(/^Your company's policy allows no texts or calls on Sundays/) });
  });

  it("the generic settings editor shows them but cannot write them; clearing them leaves the law's hours", async () => {
    await setCompanyHours(acme.admin, NINE_TO_SEVEN_NO_SUNDAYS);
    const row = (await listSettings(acme.admin)).find((g) => g.category === "compliance")?.settings.find((s) => s.key === "company_hours");
    expect(row).toMatchObject({ isSystem: true, value: { weekday: [9, 19], sunday: null } });
    await expect(updateSetting(acme.admin, row!.id, { type: "json", value: '{"weekday":[0,24]}' })).rejects.toMatchObject({ code: "forbidden" });

    await setCompanyHours(acme.admin, null);
    expect(await getCompanyHours(acme.admin)).toBeNull();
    const res = await requestText(acme.admin, { to: { kind: "lead", id: await lead(acme.admin, "FL", "33139", miamiPhone()) }, body: "Evening!", intentKey: key() });
    expect(res).toMatchObject({ ok: true, status: "queued" });
  });
});

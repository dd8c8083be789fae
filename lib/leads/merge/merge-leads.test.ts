import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { Activity } from "@/models/activity";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { LeadMerge } from "@/models/lead-merge";
import { Tag } from "@/models/tag";
import { findDuplicateLeads } from "../duplicates/find-duplicates";
import { addLeadNote } from "../write/add-lead-note";
import { createLead } from "../write/create-lead";
import { createWorkspace } from "../write/test-helpers";
import { mergeLeads, previewMerge, type MergeStep } from "./merge-leads";
import { findMergedInto } from "./merged-into";
import { mergeLeadsSchema } from "@/lib/zod/schemas/lead";

async function lead(ctx: Parameters<typeof createLead>[0], input: Record<string, unknown>) {
  const res = await createLead(ctx, createLeadSchema.parse(input), { allowDuplicate: true });
  return (res as { id: string }).id;
}

describe("findDuplicateLeads", () => {
  it("matches phone in any format, e-mail in any case and address variants, within the tenant", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const id = await lead(ws.admin, { name: "Ann", phone: "214-555-0101", email: "ann@x.com", address: { street: "100 North Main Street", zip_code: "75201" } });
    await lead(other.admin, { name: "Ann elsewhere", phone: "2145550101" });
    for (const probe of [{ phone: "(214) 555-0101" }, { phone: "+1 214.555.0101" }, { email: " ANN@X.COM " }, { address: { street: "100 N. Main St", zip_code: "75201-1234" } }]) {
      const found = await findDuplicateLeads(ws.admin, probe);
      expect(found.map((d) => (d.visible ? d.id : "hidden"))).toEqual([id]);
    }
    expect(await findDuplicateLeads(ws.admin, { phone: "2145550102", email: "bob@x.com", address: { street: "101 Main St", zip_code: "75201" } })).toEqual([]);
  });

  it("tells a rep that a lead they cannot see matches, without its details", async () => {
    const ws = await createWorkspace();
    await lead(ws.rep2, { name: "Secret Seller", phone: "2145550101" });
    expect(await findDuplicateLeads(ws.rep, { phone: "2145550101" })).toEqual([{ visible: false, matchedOn: ["phone"] }]);
  });
});

async function mergeFixture() {
  const ws = await createWorkspace();
  const keep = await lead(ws.admin, { name: "Maria Lopez", phone: "2145550142", tags: ["vacant"], notes: "Wants cash", address: { street: "12 Oak St", zip_code: "75201" } });
  const dupe = await lead(ws.admin, {
    name: "Maria L.",
    phone: "2145550199",
    email: "maria@x.com",
    tags: ["probate", "vacant"],
    notes: "Inherited from mother",
    estimated_value: "180000",
    property_details: { bedrooms: "3" },
  });
  const comms = scoped(ws.admin, Communication);
  const sentAt = new Date("2025-03-01T10:00:00Z");
  await comms.insertMany([
    { type: "sms", direction: "outbound", recipient_type: "lead", recipient_id: new Types.ObjectId(dupe), content: "Hi Maria", status: "delivered", sent_at: sentAt },
    { type: "call", direction: "outbound", recipient_type: "lead", recipient_id: new Types.ObjectId(keep), status: "answered", sent_at: new Date("2025-01-01T10:00:00Z") },
  ]);
  await scoped(ws.admin, Deal).create({ lead_id: new Types.ObjectId(dupe), status: "pending" });
  await addLeadNote(ws.admin, dupe, "Called, left voicemail");
  return { ws, keep, dupe, sentAt };
}

async function expectMerged({ ws, keep, dupe, sentAt }: Awaited<ReturnType<typeof mergeFixture>>) {
  const ctx = ws.admin;
  expect(await scoped(ctx, Lead).findById(dupe).lean()).toBeNull();
  const kept = await scoped(ctx, Lead).findById(keep).lean();
  expect(kept).toMatchObject({ name: "Maria Lopez", phone: "+12145550142", email: "maria@x.com", estimated_value: 180000, tags: ["vacant", "probate"], communication_count: 2, last_contacted: sentAt });
  expect(kept!.property_details).toMatchObject({ bedrooms: 3 });
  expect(kept!.notes).toBe("Wants cash\n\n— Merged from Maria L. —\nInherited from mother");
  // Both numbers are the kept lead's phones now (dialable, searchable), the kept one first.
  expect(kept!.phones!.map((p) => p.number)).toEqual(["+12145550142", "+12145550199"]);
  expect(kept!.search_keys).toContain("maria@x.com");
  expect(await scoped(ctx, Communication).countDocuments({ recipient_id: new Types.ObjectId(keep) })).toBe(2);
  expect(await scoped(ctx, Communication).countDocuments({ recipient_id: new Types.ObjectId(dupe) })).toBe(0);
  expect(await scoped(ctx, Deal).countDocuments({ lead_id: new Types.ObjectId(keep) })).toBe(1);
  const acts = await scoped(ctx, Activity).find({ entity_type: "lead", entity_id: new Types.ObjectId(keep) }).lean();
  expect(acts.filter((a) => a.type === LEAD_ACTIVITY.noteAdded).map((a) => a.description)).toEqual(["Called, left voicemail"]);
  expect(acts.filter((a) => a.type === LEAD_ACTIVITY.created)).toHaveLength(2);
  const merged = acts.filter((a) => a.type === LEAD_ACTIVITY.merged);
  expect(merged).toHaveLength(1);
  expect(merged[0].metadata).toMatchObject({ merged_id: dupe, snapshot: { name: "Maria L.", phone: "+12145550199", notes: "Inherited from mother" } });
  expect(await scoped(ctx, Activity).countDocuments({ entity_id: new Types.ObjectId(dupe) })).toBe(0);
  const tags = await scoped(ctx, Tag).find({}).sort({ name: 1 }).lean();
  expect(tags.map((t) => [t.name, t.usage_count])).toEqual([["probate", 1], ["vacant", 1]]);
  expect(await scoped(ctx, LeadMerge).findOne({ merged_id: dupe }).lean()).toMatchObject({ status: "done" });
}

describe("mergeLeads", () => {
  it("keeps every communication, activity, deal, note and tag of both", async () => {
    const fx = await mergeFixture();
    await mergeLeads(fx.ws.admin, fx.keep, fx.dupe);
    await expectMerged(fx);
  });

  it.each<MergeStep>(["patched", "communications", "activities", "deals", "recorded", "deleted", "counted"])("finishes the same merge when retried after a crash after %s", async (step) => {
    const fx = await mergeFixture();
    await expect(mergeLeads(fx.ws.admin, fx.keep, fx.dupe, { crashAfter: step })).rejects.toThrow(/simulated crash/);
    await mergeLeads(fx.ws.admin, fx.keep, fx.dupe);
    await expectMerged(fx);
    // A third call is harmless.
    await mergeLeads(fx.ws.admin, fx.keep, fx.dupe);
    await expectMerged(fx);
  });

  it("keeps the merged lead's own address, prices and property details in the notes where the kept lead's win", async () => {
    const ws = await createWorkspace();
    const keep = await lead(ws.admin, {
      name: "Ray Park",
      phone: "2145550150",
      address: { street: "12 Oak St", city: "Dallas", state: "TX", zip_code: "75201" },
      asking_price: "150000",
      estimated_value: "210000",
      property_details: { bedrooms: "3", year_built: "1960" },
    });
    const dupe = await lead(ws.admin, {
      name: "Ray Park",
      phone: "2145550150",
      address: { street: "98 Elm Ave", city: "Plano", state: "TX", zip_code: "75023" },
      asking_price: "135000",
      estimated_value: "210000",
      property_details: { bedrooms: "4", bathrooms: "2" },
    });
    await mergeLeads(ws.admin, keep, dupe);
    const kept = await scoped(ws.admin, Lead).findById(keep).lean();
    expect(kept).toMatchObject({ asking_price: 150000, estimated_value: 210000, address: { street: "12 Oak St", zip_code: "75201" } });
    expect(kept!.property_details).toMatchObject({ bedrooms: 3, bathrooms: 2, year_built: 1960 });
    expect(kept!.notes).toBe("— Merged from Ray Park —\nOther address: 98 Elm Ave, Plano, TX 75023\nOther asking price: $135,000\nOther bedrooms: 4");
  });

  it("keeps the most advanced status, the highest priority and the county unless the person picks otherwise; phones and e-mails united", async () => {
    const ws = await createWorkspace();
    // The new duplicate survives; the older lead was under contract and urgent, with its county.
    const older = await lead(ws.admin, { name: "Vera Stone", phone: "2145550160", email: "vera@example.com", status: "under_contract", priority: "urgent", address: { street: "100 North Main Street", zip_code: "75201", county: "Dallas" } });
    const fresh = await lead(ws.admin, { name: "Vera Stone", phone: "8175550161", address: { street: "100 N. Main St", city: "Dallas", zip_code: "75201" } });
    const preview = await previewMerge(ws.admin, fresh, older);
    expect(preview.rows).toEqual(expect.arrayContaining([
      { field: "status", kept: "new", merged: "under_contract", choice: "merged" },
      { field: "priority", kept: "medium", merged: "urgent", choice: "merged" },
      { field: "county", kept: null, merged: "Dallas", choice: "merged" },
    ]));
    await mergeLeads(ws.admin, fresh, older);
    const kept = await scoped(ws.admin, Lead).findOne({ _id: fresh }).lean();
    expect(kept).toMatchObject({ status: "under_contract", priority: "urgent", phone: "+18175550161", email: "vera@example.com", address: { street: "100 N. Main St", city: "Dallas", zip_code: "75201", county: "Dallas" } });
    expect(kept!.phones!.map((p) => p.number)).toEqual(["+18175550161", "+12145550160"]);

    // The person's picks win, field by field; the value that lost is kept in the notes.
    const a = await lead(ws.admin, { name: "Walt Reyes", phone: "2145550170", status: "contacted", priority: "high", estimated_value: "200000", address: { street: "5 Elm St", zip_code: "75202", county: "Dallas" } });
    const b = await lead(ws.admin, { name: "Walter Reyes", phone: "2145550171", status: "closed", priority: "low", estimated_value: "210000", address: { street: "5 Elm St", zip_code: "75202", county: "Collin" } });
    await mergeLeads(ws.admin, a, b, { choices: { status: "kept", name: "merged", estimated_value: "merged", county: "merged" } });
    const walt = await scoped(ws.admin, Lead).findOne({ _id: a }).lean();
    expect(walt).toMatchObject({ name: "Walter Reyes", status: "contacted", priority: "high", estimated_value: 210000, address: { county: "Collin" } });
    // Nothing of either is lost: the values that lost are in the notes.
    expect(walt!.notes).toBe("— Merged from Walter Reyes —\nThis lead's name before the merge: Walt Reyes\nThis lead's estimated value before the merge: $200,000\nThis lead's county before the merge: Dallas");
  });

  it("keeps a number's do-not-call or wrong-number status and its known line type when both leads have it; the mailing address that lost is in the notes", async () => {
    const ws = await createWorkspace();
    const kept = await lead(ws.admin, { name: "Ed Marsh", phone: "2145550180", phones: [{ number: "2145550180", type: "unknown" }, { number: "2145550181", type: "mobile", status: "wrong_number" }], mailing_address: { street: "1 A St", city: "Waco", state: "TX", zip_code: "76701" } });
    const other = await lead(ws.admin, { name: "Ed Marsh", phone: "2145550180", phones: [{ number: "2145550180", type: "landline", status: "do_not_call" }, { number: "2145550181", type: "mobile" }], email: "ed@example.com", emails: [{ address: "ed@example.com", status: "do_not_email" }], mailing_address: { street: "PO Box 9", city: "Austin", state: "TX", zip_code: "78701" } });
    await lead(ws.admin, { name: "Ed M.", phone: "2145550182", email: "ED@example.com" }).then((third) => mergeLeads(ws.admin, third, other)).then(() => undefined);
    const merged = await scoped(ws.admin, Lead).findOne({ name: "Ed M." }).lean();
    expect(merged!.emails).toEqual([{ address: "ed@example.com", status: "do_not_email" }]);
    const survivor = (await scoped(ws.admin, Lead).findById(merged!._id).lean())!;
    await mergeLeads(ws.admin, kept, String(survivor._id));
    const result = await scoped(ws.admin, Lead).findById(kept).lean();
    expect(result!.phones).toEqual([
      { number: "+12145550180", type: "landline", status: "do_not_call" },
      { number: "+12145550181", type: "mobile", status: "wrong_number" },
      { number: "+12145550182", type: "unknown", status: "active" },
    ]);
    expect(result!.mailing_address).toMatchObject({ street: "1 A St", city: "Waco" });
    expect(result!.notes).toContain("Other mailing address: PO Box 9, Austin, TX 78701");
  });

  it("keeps this lead's mailing address in the notes when the other's is chosen", async () => {
    const ws = await createWorkspace();
    const a = await lead(ws.admin, { name: "Flo Hart", phone: "2145550190", mailing_address: { street: "1 A St", city: "Waco", state: "TX", zip_code: "76701" } });
    const b = await lead(ws.admin, { name: "Flo Hart", phone: "2145550191", mailing_address: { street: "2 B St", city: "Austin", state: "TX", zip_code: "78701" } });
    await mergeLeads(ws.admin, a, b, { choices: { mailing_address: "merged" } });
    const result = await scoped(ws.admin, Lead).findById(a).lean();
    expect(result!.mailing_address).toMatchObject({ street: "2 B St", city: "Austin" });
    expect(result!.notes).toBe("— Merged from Flo Hart —\nThis lead's mailing address before the merge: 1 A St, Waco, TX 76701");
  });

  it("answers the merged-away lead's old link with the lead it went into; another company or a rep who cannot see it learns nothing more", async () => {
    const fx = await mergeFixture();
    await mergeLeads(fx.ws.admin, fx.keep, fx.dupe);
    expect(await findMergedInto(fx.ws.admin, fx.dupe)).toEqual({ visible: true, id: fx.keep, name: "Maria Lopez", mergedName: "Maria L." });
    // Merged again later: the link follows to where the lead is now.
    const third = await lead(fx.ws.admin, { name: "Maria Lopez-Ruiz", phone: "2145550143" });
    await mergeLeads(fx.ws.admin, third, fx.keep);
    expect(await findMergedInto(fx.ws.admin, fx.dupe)).toMatchObject({ visible: true, id: third });
    expect(await findMergedInto(fx.ws.rep, fx.dupe)).toEqual({ visible: false });
    const other = await createWorkspace();
    expect(await findMergedInto(other.admin, fx.dupe)).toBeNull();
    expect(await findMergedInto(fx.ws.admin, third)).toBeNull();
    expect(await findMergedInto(fx.ws.admin, "not-an-id")).toBeNull();
  });

  it("refuses a merge choice that is not a field, or not kept / merged, naming it", () => {
    const ids = { keep_id: "a".repeat(24), merge_id: "b".repeat(24) };
    expect(mergeLeadsSchema.safeParse({ ...ids, choices: { status: "merged", county: "kept" } }).success).toBe(true);
    const bad = mergeLeadsSchema.safeParse({ ...ids, choices: { $where: "kept", status: "both" } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).join(" ")).toMatch(/merge choice must be one of the fields|"kept" or "merged"/);
  });

  it("refuses leads of another tenant or that a rep cannot see, changing nothing", async () => {
    const fx = await mergeFixture();
    const other = await createWorkspace();
    const foreign = await lead(other.admin, { name: "Foreign", phone: "2145550142" });
    await expect(mergeLeads(fx.ws.admin, fx.keep, foreign)).rejects.toThrow(/not found/);
    await expect(mergeLeads(other.admin, foreign, fx.keep)).rejects.toThrow(/not found/);
    await expect(mergeLeads(fx.ws.rep, fx.keep, fx.dupe)).rejects.toThrow(/not found/);
    expect(await scoped(other.admin, Lead).countDocuments()).toBe(1);
    expect(await scoped(fx.ws.admin, Lead).countDocuments()).toBe(2);
    expect(await scoped(fx.ws.admin, LeadMerge).countDocuments()).toBe(0);
  });
});

import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/db/scoped";
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
import { mergeLeads, type MergeStep } from "./merge-leads";

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
  expect(kept!.notes).toBe("Wants cash\n\n— Merged from Maria L. —\nOther phone: +12145550199\nInherited from mother");
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

import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { toFailure } from "@/lib/core/errors-response";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { saveCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { createLeadSchema, leadDetailsSchema } from "@/lib/zod/schemas/lead";
import { Activity } from "@/models/activity";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { assertLeadCapacity } from "../capacity";
import { getLeadOrThrow } from "../get-lead";
import { addLeadNote } from "./add-lead-note";
import { assignLead } from "./assign-lead";
import { changeLeadStatus } from "./change-lead-status";
import { createLead } from "./create-lead";
import { setFollowUp } from "./set-follow-up";
import { setLeadCustomFields } from "./set-lead-custom-fields";
import { setLeadTags } from "./set-lead-tags";
import { updateLeadDetails } from "./update-lead-details";
import { createWorkspace } from "./test-helpers";

async function failureOf(p: Promise<unknown> | (() => Promise<unknown>)) {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    return toFailure(err);
  }
  throw new Error("expected a failure");
}

const sample = { name: "Maria Lopez", phone: "(214) 555-0142", email: "Maria@Example.com", address: { street: "12 Oak Street", city: "Dallas", state: "TX", zip_code: "75201" } };

describe("createLead", () => {
  it("normalises phone and e-mail, derives full address and search keys, records who did it", async () => {
    const ws = await createWorkspace();
    const res = await createLead(ws.admin, createLeadSchema.parse(sample));
    expect(res.created).toBe(true);
    const id = (res as { id: string }).id;
    const stored = await scoped(ws.admin, Lead).findById(id).lean();
    expect(stored).toMatchObject({ phone: "+12145550142", email: "maria@example.com", address: { full_address: "12 Oak Street, Dallas, TX 75201" }, address_key: "12 oak st|75201" });
    expect(stored!.search_keys).toEqual(expect.arrayContaining(["maria", "lopez", "2145550142", "maria@example.com"]));
    const act = await scoped(ws.admin, Activity).findOne({ entity_id: stored!._id }).lean();
    expect(act).toMatchObject({ type: LEAD_ACTIVITY.created, ip_address: "203.0.113.7", user_agent: "vitest" });
    expect(String(act!.user_id)).toBe(ws.ids.admin);
  });

  it("refuses bad fields by name and saves nothing", () => {
    const r = createLeadSchema.safeParse({ name: "x".repeat(101), phone: "abc", status: "won" });
    expect(r.success).toBe(false);
    const f = toFailure(r.error);
    expect(Object.keys(f.fieldErrors!).sort()).toEqual(["name", "phone", "status"]);
  });

  it("returns duplicates instead of saving, unless told to create anyway", async () => {
    const ws = await createWorkspace();
    await createLead(ws.admin, createLeadSchema.parse(sample));
    const again = await createLead(ws.admin, createLeadSchema.parse({ ...sample, name: "M. Lopez", email: "", phone: "+1 214 555 0142" }));
    expect(again).toMatchObject({ created: false, duplicates: [{ visible: true, name: "Maria Lopez", matchedOn: ["phone", "address"] }] });
    expect(await scoped(ws.admin, Lead).countDocuments()).toBe(1);
    expect((await createLead(ws.admin, createLeadSchema.parse(sample), { allowDuplicate: true })).created).toBe(true);
  });

  it("assigns a rep's new lead to the rep, and refuses assigning to others without leads.assign", async () => {
    const ws = await createWorkspace();
    const res = (await createLead(ws.rep, createLeadSchema.parse(sample))) as { id: string };
    expect((await getLeadOrThrow(ws.rep, res.id)).assigned_to).toBe(ws.ids.rep);
    const f = await failureOf(createLead(ws.rep, createLeadSchema.parse({ ...sample, phone: "2145550199", address: {}, email: "", assigned_to: ws.ids.rep2 })));
    expect(f.code).toBe("forbidden");
  });

  it("enforces the plan's max_leads", async () => {
    const ws = await createWorkspace({ maxLeads: 1 });
    await createLead(ws.admin, createLeadSchema.parse(sample));
    const f = await failureOf(createLead(ws.admin, createLeadSchema.parse({ name: "B", phone: "2145550100" })));
    expect(f).toMatchObject({ code: "limit_reached", error: expect.stringMatching(/allows 1 leads/) });
    await expect(assertLeadCapacity(ws.admin, 1)).rejects.toThrow(/limit/);
    expect(await scoped(ws.admin, Lead).countDocuments()).toBe(1);
  });
});

describe("editing a lead", () => {
  it("records before/after of each change and re-derives the address", async () => {
    const ws = await createWorkspace();
    const { id } = (await createLead(ws.admin, createLeadSchema.parse(sample))) as { id: string };
    const input = leadDetailsSchema.parse({ ...sample, phone: "214.555.0143", address: { ...sample.address, zip_code: "75202" }, email: "" });
    const { changes } = await updateLeadDetails(ws.admin, id, input);
    expect(changes).toEqual({
      phone: { from: "+12145550142", to: "+12145550143" },
      email: { from: "maria@example.com", to: null },
      "address.zip_code": { from: "75201", to: "75202" },
    });
    const lead = await scoped(ws.admin, Lead).findById(id).lean();
    expect(lead).toMatchObject({ address: { full_address: "12 Oak Street, Dallas, TX 75202" }, address_key: "12 oak st|75202" });
    expect(lead!.search_keys).toContain("2145550143");
    expect(lead!.email).toBeUndefined();
    const act = await scoped(ws.admin, Activity).findOne({ entity_id: lead!._id, type: LEAD_ACTIVITY.updated }).lean();
    expect((act!.metadata as { changes: unknown }).changes).toEqual({
      phone: changes.phone,
      email: changes.email,
      address: { from: { zip_code: "75201" }, to: { zip_code: "75202" } },
    });
    // The timeline names the fields in words.
    expect(act!.description).toBe("Updated phone, e-mail, ZIP code");
  });

  it("writes status, assignment, tags, follow-up and notes as their own activities", async () => {
    const ws = await createWorkspace();
    const { id } = (await createLead(ws.admin, createLeadSchema.parse(sample))) as { id: string };
    await changeLeadStatus(ws.admin, id, "under_contract");
    await changeLeadStatus(ws.admin, id, "contacted");
    await assignLead(ws.admin, id, ws.ids.rep);
    await setLeadTags(ws.admin, id, ["Vacant", "probate", "vacant"]);
    await setFollowUp(ws.admin, id, new Date("2030-01-02T15:00:00Z"));
    await addLeadNote(ws.admin, id, "Seller wants 120k, call after 5");
    const types = (await scoped(ws.admin, Activity).find({ entity_id: id }).sort({ created_at: 1 }).lean()).map((a) => a.type);
    expect(types).toEqual([LEAD_ACTIVITY.created, LEAD_ACTIVITY.statusChanged, LEAD_ACTIVITY.statusChanged, LEAD_ACTIVITY.assigned, LEAD_ACTIVITY.tagsChanged, LEAD_ACTIVITY.followUpSet, LEAD_ACTIVITY.noteAdded]);
    const statuses = await scoped(ws.admin, Activity).find({ entity_id: id, type: LEAD_ACTIVITY.statusChanged }).sort({ created_at: 1 }).lean();
    expect(statuses.map((a) => a.description)).toEqual(["Status: new → under contract", "Status: under contract → contacted"]);
    const lead = await getLeadOrThrow(ws.admin, id);
    expect(lead).toMatchObject({ status: "contacted", assigned_to: ws.ids.rep, tags: ["vacant", "probate"], next_follow_up: "2030-01-02T15:00:00.000Z" });
    const tags = await scoped(ws.admin, Tag).find({}).sort({ name: 1 }).lean();
    expect(tags.map((t) => [t.name, t.usage_count])).toEqual([["probate", 1], ["vacant", 1]]);
    await setLeadTags(ws.admin, id, ["probate"]);
    expect((await scoped(ws.admin, Tag).findOne({ name: "vacant" }).lean())!.usage_count).toBe(0);
  });

  it("lets reps edit only leads they can see; others answer not found and stay unchanged", async () => {
    const ws = await createWorkspace();
    const { id } = (await createLead(ws.rep2, createLeadSchema.parse(sample))) as { id: string };
    const before = await scoped(ws.admin, Lead).findById(id).lean();
    for (const attempt of [
      () => changeLeadStatus(ws.rep, id, "lost"),
      () => setLeadTags(ws.rep, id, ["x"]),
      () => addLeadNote(ws.rep, id, "hi"),
      () => updateLeadDetails(ws.rep, id, leadDetailsSchema.parse({ name: "Hacked", phone: "2145550100" })),
      () => getLeadOrThrow(ws.rep, id),
    ]) {
      expect((await failureOf(attempt)).code).toBe("not_found");
    }
    expect(await scoped(ws.admin, Lead).findById(id).lean()).toEqual(before);
  });

  it("validates custom field values against the tenant's definitions", async () => {
    const ws = await createWorkspace();
    await saveCustomFieldDefinitions(ws.admin, {
      fields: [
        { key: "motivation", label: "Motivation", type: "select", options: ["Divorce", "Probate"] },
        { key: "equity", label: "Equity", type: "number" },
        { key: "listed_on", label: "Listed on", type: "date" },
      ],
    });
    const { id } = (await createLead(ws.admin, createLeadSchema.parse(sample))) as { id: string };
    const f = await failureOf(setLeadCustomFields(ws.admin, id, { motivation: "Bored", equity: "lots", listed_on: "never", "a.b": "x" }));
    expect(Object.keys(f.fieldErrors!).sort()).toEqual(["custom_fields.a.b", "custom_fields.equity", "custom_fields.listed_on", "custom_fields.motivation"]);
    await setLeadCustomFields(ws.admin, id, { motivation: "divorce", equity: "$40,000", listed_on: "2024-05-01" });
    expect((await getLeadOrThrow(ws.admin, id)).custom_fields).toEqual({ motivation: "Divorce", equity: 40000, listed_on: "2024-05-01" });
    expect((await scoped(ws.admin, Activity).findOne({ entity_id: id, type: LEAD_ACTIVITY.updated }).lean())?.description).toBe("Updated motivation, equity, listed on");
    await setLeadCustomFields(ws.admin, id, { equity: "" });
    expect((await getLeadOrThrow(ws.admin, id)).custom_fields).toEqual({ motivation: "Divorce", listed_on: "2024-05-01" });
    await expect(saveCustomFieldDefinitions(ws.admin, { fields: [{ key: "$where", label: "X", type: "text" }] })).rejects.toThrow();
    await expect(saveCustomFieldDefinitions(ws.rep, { fields: [] })).rejects.toThrow(/permission/);
  });
});

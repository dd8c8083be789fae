// A lead's several phones and e-mails (issue 10, item 4): phone / email are always the primary
// entries, whichever way a write comes in; duplicates are found by any number; bad input is named.
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createLeadSchema, updateLeadDetailsSchema } from "@/lib/zod/schemas/lead";
import { Lead } from "@/models/lead";
import { findDuplicateLeads } from "../duplicates/find-duplicates";
import { createLead } from "../write/create-lead";
import { createWorkspace } from "../write/test-helpers";
import { updateLeadDetails } from "../write/update-lead-details";

async function lead(ctx: Parameters<typeof createLead>[0], input: Record<string, unknown>) {
  const res = await createLead(ctx, createLeadSchema.parse(input), { allowDuplicate: true });
  return (res as { id: string }).id;
}

const numbers = (l: { phones?: { number?: string | null }[] | null } | null) => (l?.phones ?? []).map((p) => p.number);

describe("a lead's phones and e-mails", () => {
  it("keeps phone = phones[0] and email = emails[0] on create, save and update queries", async () => {
    const ws = await createWorkspace();
    const leads = scoped(ws.admin, Lead);
    // Created with one phone: it is the list.
    const one = await leads.create({ name: "Ann", phone: "(214) 555-0701" });
    expect(one.toObject()).toMatchObject({ phone: "+12145550701", phones: [{ number: "+12145550701", type: "unknown", status: "active" }] });
    expect(one.toObject().emails).toBeUndefined();

    // Created with a list only: phone and email follow its first entries.
    const many = await leads.create({ name: "Bo", phones: [{ number: "214-555-0702", type: "mobile" }, { number: "214-555-0703", type: "landline", status: "do_not_call" }], emails: [{ address: "Bo@Example.net" }] });
    expect(many.toObject()).toMatchObject({ phone: "+12145550702", email: "bo@example.net" });

    // Saving a new primary phone alone replaces the primary; the other number stays.
    many.set("phone", "214-555-0799");
    await many.save();
    let stored = await leads.findOne({ _id: many._id }).lean();
    expect(stored).toMatchObject({ phone: "+12145550799" });
    expect(numbers(stored)).toEqual(["+12145550799", "+12145550703"]);

    // Reordering the list makes its first entry the primary.
    await leads.updateOne({ _id: many._id }, { $set: { phones: [{ number: "+12145550703", type: "landline", status: "do_not_call" }, { number: "+12145550799" }] } });
    stored = await leads.findOne({ _id: many._id }).lean();
    expect(stored).toMatchObject({ phone: "+12145550703" });
    // An update query that sets phone alone does the same as a save.
    await leads.updateOne({ _id: many._id }, { $set: { phone: "+12145550799" } });
    stored = await leads.findOne({ _id: many._id }).lean();
    expect(stored).toMatchObject({ phone: "+12145550799" });
    expect(numbers(stored)).toEqual(["+12145550799"]);
    // Search keys cover every number and e-mail.
    await leads.updateOne({ _id: many._id }, { $push: { phones: { number: "+18177166366", type: "mobile" } } });
    stored = await leads.findOne({ _id: many._id }).lean();
    expect(stored!.search_keys).toEqual(expect.arrayContaining(["18177166366", "8177166366", "7166366", "6366", "bo@example.net", "example.net"]));
  });

  it("refuses a bad number, type or status naming the entry, and stores nothing", async () => {
    const ws = await createWorkspace();
    const id = await lead(ws.admin, { name: "Cy", phone: "2145550710" });
    const before = await scoped(ws.admin, Lead).findOne({ _id: id }).lean();
    const bad = updateLeadDetailsSchema.safeParse({ lead_id: id, name: "Cy", phone: "2145550710", phones: [{ number: "2145550710" }, { number: "12", type: "pager", status: "busy" }], emails: [{ address: "cy@" }] });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({
      "phones.1.number": expect.stringMatching(/phone/i),
      "phones.1.type": "Phone type must be one of: mobile, landline, voip, unknown",
      "phones.1.status": "Phone status must be one of: active, wrong_number, disconnected, do_not_call",
      "emails.0.address": expect.stringMatching(/e-mail/i),
    });
    // The same number twice (in any format) is named at its second entry.
    const twice = updateLeadDetailsSchema.safeParse({ lead_id: id, name: "Cy", phone: "2145550710", phones: [{ number: "2145550710" }, { number: "(214) 555-0710" }] });
    expect(twice.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["phones.1.number", "This phone is already in the list"]]);
    // The model says the same when a write skips the schema.
    const err = await scoped(ws.admin, Lead)
      .updateOne({ _id: id }, { $set: { phones: [{ number: "+12145550710", status: "busy" }] } })
      .then(() => null, (e: unknown) => e as { errors: Record<string, { message: string }> });
    expect(Object.keys(err!.errors)).toEqual(["phones.0.status"]);
    expect(await scoped(ws.admin, Lead).findOne({ _id: id }).lean()).toEqual(before);
  });

  it("edits the lists on the lead page: add, type, status, make primary, remove; the mailing address apart", async () => {
    const ws = await createWorkspace();
    const id = await lead(ws.admin, { name: "Di", phone: "2145550720", email: "di@example.com" });
    const { changes } = await updateLeadDetails(
      ws.admin,
      id,
      updateLeadDetailsSchema.parse({
        lead_id: id,
        name: "Di",
        phone: "2145550721",
        email: "di@work.example.com",
        phones: [{ number: "2145550721", type: "mobile" }, { number: "2145550720", type: "landline", status: "wrong_number" }],
        emails: [{ address: "di@work.example.com", type: "work" }, { address: "di@example.com" }],
        mailing_address: { street: "PO Box 9", city: "Plano", state: "TX", zip_code: "75093" },
      }),
    );
    expect(Object.keys(changes)).toEqual(expect.arrayContaining(["phone", "phones", "email", "emails", "mailing_address.street"]));
    const stored = await scoped(ws.admin, Lead).findOne({ _id: id }).lean();
    expect(stored).toMatchObject({
      phone: "+12145550721",
      email: "di@work.example.com",
      phones: [{ number: "+12145550721", type: "mobile", status: "active" }, { number: "+12145550720", type: "landline", status: "wrong_number" }],
      emails: [{ address: "di@work.example.com", type: "work" }, { address: "di@example.com" }],
      mailing_address: { street: "PO Box 9", city: "Plano", state: "TX", zip_code: "75093" },
    });
  });

  it("saves the removal of a second number, which leaves the primary as it was", async () => {
    const ws = await createWorkspace();
    const id = await lead(ws.admin, { name: "Flo", phone: "2145550740", phones: [{ number: "2145550740" }, { number: "8175550741", type: "landline" }] });
    const { changes } = await updateLeadDetails(ws.admin, id, updateLeadDetailsSchema.parse({ lead_id: id, name: "Flo", phone: "2145550740", phones: [{ number: "2145550740" }] }));
    expect(Object.keys(changes)).toEqual(["phones"]);
    expect((await scoped(ws.admin, Lead).findOne({ _id: id }).lean())?.phones).toEqual([{ number: "+12145550740", type: "unknown", status: "active" }]);
  });

  it("finds a duplicate by any of its numbers or e-mails, not only the primary", async () => {
    const ws = await createWorkspace();
    const id = await lead(ws.admin, { name: "Ed", phone: "2145550730", phones: [{ number: "2145550730" }, { number: "8175550731" }], emails: [{ address: "ed@example.com" }, { address: "ed.two@example.org" }] });
    expect(await findDuplicateLeads(ws.admin, { phone: "817-555-0731" })).toEqual([expect.objectContaining({ id, matchedOn: ["phone"] })]);
    expect(await findDuplicateLeads(ws.admin, { phone: "2145559999", phones: [{ number: "2145559999" }, { number: "(817) 555-0731" }] })).toEqual([expect.objectContaining({ id, matchedOn: ["phone"] })]);
    expect(await findDuplicateLeads(ws.admin, { email: "ED.TWO@example.org" })).toEqual([expect.objectContaining({ id, matchedOn: ["email"] })]);
    // The last four digits are a search key, never a duplicate.
    expect(await findDuplicateLeads(ws.admin, { phone: "2125550731" })).toEqual([]);
  });
});

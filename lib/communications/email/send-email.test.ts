import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { MailMessage } from "@/models/mail-message";
import { sendEmailToContact } from "./send-email";

describe("e-mail to a contact", () => {
  it("renders, sends through the outbox once per intent, logs it; dnc, no address and another company's lead are refused", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const lead = await scoped(ws.admin, Lead).create({ name: "Maria Lopez", phone: "+12145550161", email: `maria${Date.now()}@example.com`, status: "new", address: { street: "12 Oak St", city: "Tampa", state: "FL", zip_code: "33602" } });
    const input = { kind: "lead", id: String(lead._id), subject: "About {{property_address}}", body: "Hi {{first_name}},\n\n{{rep_name}}", intent_key: `mail-${Date.now()}` };
    const sent = await sendEmailToContact(ws.admin, input);
    expect(sent).toMatchObject({ status: "sent" });
    expect(await sendEmailToContact(ws.admin, input)).toMatchObject({ communicationId: sent.communicationId, message: "This e-mail was already sent." });
    const comms = await scoped(ws.admin, Communication).find({ type: "email" }).lean();
    expect(comms.map((c) => [c.status, c.content])).toEqual([["sent", "Subject: About 12 Oak St, Tampa, FL 33602\n\nHi Maria,\n\nAda"]]);
    expect(await MailMessage.countDocuments({ to: lead.email })).toBe(1);

    await expect(sendEmailToContact(other.admin, { ...input, intent_key: `x-${Date.now()}` })).rejects.toMatchObject({ code: "not_found" });
    await expect(sendEmailToContact(ws.admin, { ...input, body: "{{custom.nope}}", intent_key: `y-${Date.now()}` })).rejects.toMatchObject({ code: "bad_request" });
    const bare = await scoped(ws.admin, Lead).create({ name: "No Mail", phone: "+12145550162", status: "new" });
    await expect(sendEmailToContact(ws.admin, { ...input, id: String(bare._id), subject: "Hi", body: "Hi", intent_key: `z-${Date.now()}` })).rejects.toMatchObject({ code: "bad_request" });
    await scoped(ws.admin, Lead).updateOne({ _id: lead._id }, { $set: { tags: ["dnc"] } });
    await expect(sendEmailToContact(ws.admin, { ...input, intent_key: `w-${Date.now()}` })).rejects.toMatchObject({ code: "conflict" });
    expect(await scoped(ws.admin, Communication).countDocuments({ type: "email" })).toBe(1);
  });
});

import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { createLead } from "@/lib/leads/write/create-lead";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { Communication } from "@/models/communication";
import { DEFAULT_TEMPLATES } from "./default-templates";
import { createTemplate, deleteTemplate, getTemplateOrThrow, installDefaultTemplates, listTemplates, previewTemplate, updateTemplate } from "./templates";

const sms = { name: "Intro", type: "sms", category: "introduction", content: "Hi {{first_name}}, {{rep_name}} of {{company_name}} about {{property_address}}. Reply STOP to opt out." };

describe("templates", () => {
  it("creates with its variables listed, refuses unknown variables naming them, and updates", async () => {
    const ws = await createWorkspace();
    const t = await createTemplate(ws.admin, sms);
    expect(t).toMatchObject({ name: "Intro", type: "sms", variables: ["first_name", "rep_name", "company_name", "property_address"], usageCount: 0, isActive: true });
    await expect(createTemplate(ws.admin, { ...sms, content: "Hi {{firstname}} {{custom.nope}}" })).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { content: ["Unknown variables: {{firstname}}, {{custom.nope}}"] },
    });
    await expect(createTemplate(ws.admin, { ...sms, type: "email", content: "no subject" })).rejects.toMatchObject({ fieldErrors: { content: ['An e-mail template starts with a "Subject: ..." line'] } });
    await expect(createTemplate(ws.admin, { ...sms, name: " " })).rejects.toThrow();
    // reps read, they do not write
    await expect(createTemplate(ws.rep, sms)).rejects.toThrow(/permission/);
    expect((await listTemplates(ws.rep)).map((x) => x.name)).toEqual(["Intro"]);
    const updated = await updateTemplate(ws.admin, t.id, { ...sms, name: "Intro 2", content: "Hello {{last_name}}" });
    expect(updated).toMatchObject({ name: "Intro 2", variables: ["last_name"] });
  });

  it("counts usage from the communications that used a template", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const t = await createTemplate(ws.admin, sms);
    const u = await createTemplate(ws.admin, { ...sms, name: "Other" });
    const base = { type: "sms", direction: "outbound", recipient_type: "lead", recipient_id: new Types.ObjectId(), status: "sent", created_at: new Date() };
    // Written as the send path stores them (template_id on the communication), concurrently.
    await Promise.all([
      ...Array.from({ length: 5 }, () => Communication.collection.insertOne({ ...base, tenant_id: new Types.ObjectId(ws.admin.tenantId), template_id: new Types.ObjectId(t.id) })),
      Communication.collection.insertOne({ ...base, tenant_id: new Types.ObjectId(ws.admin.tenantId), template_id: new Types.ObjectId(u.id) }),
      // another company naming this template's id does not count
      Communication.collection.insertOne({ ...base, tenant_id: new Types.ObjectId(other.admin.tenantId), template_id: new Types.ObjectId(t.id) }),
    ]);
    const list = await listTemplates(ws.admin);
    expect(Object.fromEntries(list.map((x) => [x.name, x.usageCount]))).toEqual({ Intro: 5, Other: 1 });
    expect((await getTemplateOrThrow(ws.admin, t.id)).usageCount).toBe(5);
  });

  it("another company's template id answers not found everywhere", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const t = await createTemplate(ws.admin, sms);
    await expect(getTemplateOrThrow(other.admin, t.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateTemplate(other.admin, t.id, sms)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteTemplate(other.admin, t.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getTemplateOrThrow(ws.admin, "not-an-id")).rejects.toMatchObject({ code: "not_found" });
    expect(await listTemplates(other.admin)).toEqual([]);
    await deleteTemplate(ws.admin, t.id);
    await expect(getTemplateOrThrow(ws.admin, t.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("previews against a lead: filled, or the missing value named; another company's lead is not found", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const mk = async (input: Parameters<typeof createLeadSchema.parse>[0]) => {
      const r = await createLead(ws.admin, createLeadSchema.parse(input), { allowDuplicate: true });
      if (!r.created) throw new Error("lead not created");
      return r;
    };
    const lead = await mk({ name: "Maria Lopez", phone: "2145550101", address: { street: "12 Oak St", city: "Tampa", state: "FL", zip_code: "33602" } });
    const bare = await mk({ name: "Bo", phone: "2145550102" });
    const ok = await previewTemplate(ws.admin, sms.content, lead.id);
    expect(ok).toMatchObject({ ok: true });
    expect(ok.ok && ok.text).toMatch(/^Hi Maria, Ada of .+ about 12 Oak St, Tampa, FL 33602\. Reply STOP to opt out\.$/);
    const missing = await previewTemplate(ws.admin, sms.content, bare.id);
    expect(missing).toMatchObject({ ok: false, missing: ["property_address"], message: "No value for {{property_address}}." });
    await expect(previewTemplate(other.admin, sms.content, lead.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("installs the default set once for a new company, each template valid", async () => {
    const ws = await createWorkspace();
    expect(await installDefaultTemplates(ws.admin)).toBe(DEFAULT_TEMPLATES.length);
    expect(await installDefaultTemplates(ws.admin)).toBe(0);
    const list = await listTemplates(ws.admin);
    expect(list).toHaveLength(DEFAULT_TEMPLATES.length);
    expect(new Set(list.map((t) => t.type))).toEqual(new Set(["sms", "email", "call_script"]));
    // each default passes the editor's own checks
    for (const t of list) await updateTemplate(ws.admin, t.id, { name: t.name, type: t.type, category: t.category, content: t.content, is_active: true });
  });
});

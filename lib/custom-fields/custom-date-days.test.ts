// A custom date field holds a calendar day: typed, imported or sent by the API in any form, it is
// the day written, on the lead page, in the export and in a template, whatever the server's time
// zone (process.env.TZ takes effect at once in Node). Midnight UTC read in a zone west of UTC is
// the evening before; a date text without a zone read by `new Date` lands on another day east of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportLeadsCsv } from "@/lib/leads/export/export-leads";
import { getLeadOrThrow } from "@/lib/leads/get-lead";
import { mapRow } from "@/lib/leads/import/map-row";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { createLead } from "@/lib/leads/write/create-lead";
import { setLeadCustomFields } from "@/lib/leads/write/set-lead-custom-fields";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { renderTemplate } from "@/lib/templates/render";
import { templateValuesFor } from "@/lib/templates/template-values";
import { leadInputSchema } from "@/lib/zod/schemas/lead";
import type { CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { Lead } from "@/models/lead";
import { saveCustomFieldDefinitions } from "./definitions";
import { parseCustomFieldValue } from "./validate-values";

const CLOSING: CustomFieldDefinition = { key: "closing", label: "Closing date", type: "date", options: [] };
const MIDNIGHT_15 = "2027-03-15T00:00:00.000Z";
// How a person, a spreadsheet or an API client writes the 15th of March 2027.
const WRITTEN = ["2027-03-15", "3/15/2027", "15.03.2027", "March 15, 2027", "2027-03-15 23:30", "2027-03-15T23:30:00-10:00", "2027-03-15T00:30:00+09:00", " 2027/3/15 "];

const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe.each([
  ["America/Los_Angeles", 420],
  ["Pacific/Honolulu", 600],
  ["Asia/Tokyo", -540],
  ["Pacific/Kiritimati", -840],
])("a custom date field, the server in %s", (zone, offsetMinutes) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  it("stores the day as written at midnight UTC, however it is typed, imported or sent", () => {
    expect(new Date(2027, 2, 15).getTimezoneOffset()).toBe(offsetMinutes);
    for (const text of WRITTEN) {
      const parsed = parseCustomFieldValue(CLOSING, text);
      expect(parsed && "value" in parsed && (parsed.value as Date).toISOString(), text).toBe(MIDNIGHT_15);
    }
    // An instant given as a date (its UTC day).
    expect((parseCustomFieldValue(CLOSING, new Date("2027-03-15T18:00:00Z")) as { value: Date }).value.toISOString()).toBe(MIDNIGHT_15);
    expect(parseCustomFieldValue(CLOSING, "2027-02-30")).toEqual({ error: "Closing date must be a date" });

    const row = mapRow(["Ann", "2145550101", "3/15/2027 11:30 PM"], {
      mapping: [{ column: 0, header: "Name", target: "name" }, { column: 1, header: "Phone", target: "phone" }, { column: 2, header: "Closing", target: "custom:closing" }],
      headers: ["Name", "Phone", "Closing"],
      customFields: [CLOSING],
    });
    expect(row.ok && (row.custom.closing as Date).toISOString()).toBe(MIDNIGHT_15);
  });

  it("shows that day on the lead page, in the export and in a template", async () => {
    const ws = await createWorkspace();
    await saveCustomFieldDefinitions(ws.admin, { fields: [CLOSING] });
    const created = await createLead(ws.admin, leadInputSchema.parse({ name: "Ann", phone: "2145550101", custom_fields: { closing: "2027-03-15 23:30" } }));
    if (!created.created) throw new Error("not created");
    const stored = await Lead.findById(created.id).setOptions({ allTenants: true }).lean();
    expect((stored?.custom_fields as Record<string, Date>).closing.toISOString()).toBe(MIDNIGHT_15);

    expect((await getLeadOrThrow(ws.admin, created.id)).custom_fields.closing).toBe("2027-03-15");
    const csv = await read(await exportLeadsCsv(ws.admin, { query: parseListQuery(new URLSearchParams("")).query }));
    const [header, line] = csv.trim().split(/\r?\n/);
    expect(line.split(",")[header.split(",").indexOf("Closing date")]).toBe("2027-03-15");
    const { values, customKeys } = await templateValuesFor(ws.admin, { kind: "lead", id: created.id });
    expect(renderTemplate("Closing on {{custom.closing}}", values, customKeys)).toMatchObject({ ok: true, text: "Closing on 2027-03-15" });

    // Changed from the lead page's panel (a date input sends YYYY-MM-DD) and by the API (any form).
    await setLeadCustomFields(ws.admin, created.id, { closing: "2027-03-16" });
    expect((await getLeadOrThrow(ws.admin, created.id)).custom_fields.closing).toBe("2027-03-16");
    await setLeadCustomFields(ws.admin, created.id, { closing: "March 17, 2027" });
    expect((await getLeadOrThrow(ws.admin, created.id)).custom_fields.closing).toBe("2027-03-17");
  });
});

import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { toFailure } from "@/lib/core/errors-response";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { Activity } from "@/models/activity";
import { Lead } from "@/models/lead";
import { leadInput } from "@/lib/testing/factories";
import { getCustomFieldDefinitions, getCustomFieldSettings, saveCustomFieldDefinitions } from "./definitions";

async function failureOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return toFailure(err);
  }
  throw new Error("expected a failure");
}

const motivation = { key: "motivation", label: "Motivation", type: "select", options: ["Divorce", "Probate"] } as const;
const equity = { key: "equity", label: "Equity", type: "number" } as const;

const threeFields = { fields: [equity, { ...motivation }, { key: "notes_2", label: "Notes", type: "text", options: ["stale"] }], version: null };

describe("custom field definitions", () => {
  it("starts with no fields and no version", async () => {
    const ws = await createWorkspace();
    expect(await getCustomFieldSettings(ws.admin)).toEqual({ fields: [], removed: [], version: null });
  });

  it("saves the fields in the given order, with a version, and every member reads them", async () => {
    const ws = await createWorkspace();
    const saved = await saveCustomFieldDefinitions(ws.admin, threeFields);
    expect(saved.fields.map((f) => f.key)).toEqual(["equity", "motivation", "notes_2"]);
    expect(saved.version).toMatch(/^\d{4}-/);
    expect(await getCustomFieldDefinitions(ws.rep)).toEqual(saved.fields);
  });

  it("drops the options of a field that is not a select", async () => {
    const ws = await createWorkspace();
    const saved = await saveCustomFieldDefinitions(ws.admin, threeFields);
    expect(saved.fields[2].options).toEqual([]);
  });

  it("records who changed the fields and which were added", async () => {
    const ws = await createWorkspace();
    await saveCustomFieldDefinitions(ws.admin, threeFields);
    const act = await scoped(ws.admin, Activity).findOne({ type: "custom_fields_updated" }).lean();
    expect(act).toMatchObject({ entity_type: "setting", metadata: { added: ["equity", "motivation", "notes_2"], removed: [] } });
    expect(String(act!.user_id)).toBe(ws.ids.admin);
  });

  it("refuses keys with a dot or a leading $, duplicates, and select fields without options, naming each field", async () => {
    const ws = await createWorkspace();
    const f = await failureOf(
      saveCustomFieldDefinitions(ws.admin, {
        fields: [
          { key: "a.b", label: "A", type: "text" },
          { key: "$where", label: "B", type: "text" },
          { key: "dup", label: "", type: "text" },
          { key: "dup", label: "D", type: "select", options: [] },
        ],
      }),
    );
    expect(f.code).toBe("bad_request");
    expect(Object.keys(f.fieldErrors!).sort()).toEqual(["fields.0.key", "fields.1.key", "fields.2.label", "fields.3.key", "fields.3.options"]);
    expect(await getCustomFieldDefinitions(ws.admin)).toEqual([]);
  });

  it("keeps the values of a removed field on leads, hidden, and lists the field as removed", async () => {
    const ws = await createWorkspace();
    let s = await saveCustomFieldDefinitions(ws.admin, { fields: [motivation, equity] });
    const lead = await scoped(ws.admin, Lead).create(leadInput({ custom_fields: { motivation: "Divorce", equity: 40000 } }));
    s = await saveCustomFieldDefinitions(ws.admin, { fields: [equity], version: s.version });
    expect(s.removed).toEqual([{ key: "motivation", label: "Motivation", type: "select", options: ["Divorce", "Probate"] }]);
    expect((await scoped(ws.admin, Lead).findById(String(lead._id)).lean())!.custom_fields).toEqual({ motivation: "Divorce", equity: 40000 });
  });

  it("shows a removed field again when it comes back", async () => {
    const ws = await createWorkspace();
    let s = await saveCustomFieldDefinitions(ws.admin, { fields: [motivation, equity] });
    await scoped(ws.admin, Lead).create(leadInput({ custom_fields: { motivation: "Divorce", equity: 40000 } }));
    s = await saveCustomFieldDefinitions(ws.admin, { fields: [equity], version: s.version });
    s = await saveCustomFieldDefinitions(ws.admin, { fields: [equity, motivation], version: s.version });
    expect(s.removed).toEqual([]);
    expect(s.fields.map((x) => x.key)).toEqual(["equity", "motivation"]);
  });

  it("refuses a type change of a key leads already use", async () => {
    const ws = await createWorkspace();
    const s = await saveCustomFieldDefinitions(ws.admin, { fields: [motivation, { key: "spare", label: "Spare", type: "text" }] });
    await scoped(ws.admin, Lead).create(leadInput({ custom_fields: { motivation: "Probate" } }));
    const f = await failureOf(saveCustomFieldDefinitions(ws.admin, { fields: [{ ...motivation, type: "number" }, { key: "spare", label: "Spare", type: "date" }], version: s.version }));
    expect(f.fieldErrors).toEqual({ "fields.0.type": [expect.stringMatching(/already have values for “Motivation”/)] });
  });

  it("allows a type change of a key no lead uses", async () => {
    const ws = await createWorkspace();
    let s = await saveCustomFieldDefinitions(ws.admin, { fields: [motivation, { key: "spare", label: "Spare", type: "text" }] });
    await scoped(ws.admin, Lead).create(leadInput({ custom_fields: { motivation: "Probate" } }));
    s = await saveCustomFieldDefinitions(ws.admin, { fields: [{ key: "spare", label: "Spare", type: "date" }], version: s.version });
    expect(s.fields).toEqual([{ key: "spare", label: "Spare", type: "date", options: [] }]);
  });

  it("refuses a type change of a removed key that leads still hold", async () => {
    const ws = await createWorkspace();
    let s = await saveCustomFieldDefinitions(ws.admin, { fields: [motivation] });
    await scoped(ws.admin, Lead).create(leadInput({ custom_fields: { motivation: "Probate" } }));
    s = await saveCustomFieldDefinitions(ws.admin, { fields: [{ key: "spare", label: "Spare", type: "date" }], version: s.version });
    const again = await failureOf(saveCustomFieldDefinitions(ws.admin, { fields: [{ key: "motivation", label: "Motivation", type: "text" }], version: s.version }));
    expect(Object.keys(again.fieldErrors!)).toEqual(["fields.0.type"]);
  });

  it("refuses a save based on an older version instead of overwriting someone else's", async () => {
    const ws = await createWorkspace();
    const first = await saveCustomFieldDefinitions(ws.admin, { fields: [equity], version: null });
    await expect(saveCustomFieldDefinitions(ws.admin, { fields: [motivation], version: null })).rejects.toMatchObject({ code: "conflict" });
    const second = await saveCustomFieldDefinitions(ws.admin, { fields: [equity, motivation], version: first.version });
    await expect(saveCustomFieldDefinitions(ws.admin, { fields: [], version: first.version })).rejects.toMatchObject({ code: "conflict" });
    expect((await getCustomFieldSettings(ws.admin)).fields.map((x) => x.key)).toEqual(["equity", "motivation"]);
    expect(second.version).not.toBe(first.version);
  });

  it("needs settings.manage to read or save the definitions' settings", async () => {
    const ws = await createWorkspace();
    await expect(saveCustomFieldDefinitions(ws.rep, { fields: [equity] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getCustomFieldSettings(ws.rep)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("never gives one tenant's definitions to another", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await saveCustomFieldDefinitions(ws.admin, { fields: [equity] });
    expect(await getCustomFieldDefinitions(other.admin)).toEqual([]);
  });
});

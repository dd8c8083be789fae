import { beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { createMember } from "@/lib/team/testing";
import { createTenant } from "@/lib/testing/factories";
import { Activity, Setting, Template } from "@/models";
import { repsSeeAllLeads } from "@/lib/core/permission-settings";
import { setRepsSeeAllLeads } from "./set-reps-see-all-leads";
import { createSetting, deleteSetting, listSettings, updateSetting } from "./settings-store";

let admin: TenantContext;
const fail = (p: Promise<unknown>) => p.then(() => null, (e: AppError) => e);

beforeEach(async () => {
  admin = (await createMember((await createTenant()).ctx, "admin")).ctx;
});

/** One value of each type, in three categories. */
async function fourSettings() {
  await createSetting(admin, { category: "general", key: "timezone", type: "string", value: "America/Chicago" });
  const n = await createSetting(admin, { category: "general", key: "max_follow_ups", type: "number", value: "7" });
  await createSetting(admin, { category: "notifications", key: "daily_digest", type: "boolean", value: "true" });
  const j = await createSetting(admin, { category: "integrations", key: "zapier", type: "json", value: '{"hooks": ["a", "b"], "on": true}', description: "Zapier hooks" });
  return { n, j };
}
const refusal = async (input: Parameters<typeof createSetting>[1]) => (await fail(createSetting(admin, input)))?.fieldErrors;

describe("key/value settings", () => {
  it("lists values by category, each read as its type", async () => {
    await fourSettings();
    const groups = await listSettings(admin);
    expect(groups.map((g) => g.category)).toEqual(["general", "integrations", "notifications"]);
    expect(groups[0].settings.map((s) => [s.key, s.value, s.type])).toEqual([
      ["max_follow_ups", 7, "number"],
      ["timezone", "America/Chicago", "string"],
    ]);
    expect(groups[1].settings[0]).toMatchObject({ value: { hooks: ["a", "b"], on: true }, type: "json", description: "Zapier hooks" });
  });

  it("edits a value, read as its type", async () => {
    const { n, j } = await fourSettings();
    expect(await updateSetting(admin, n.id, { type: "number", value: "9.5" })).toMatchObject({ value: 9.5 });
    expect(await updateSetting(admin, j.id, { type: "json", value: "[1, 2]" })).toMatchObject({ value: [1, 2] });
  });

  it("deletes a value", async () => {
    const { n } = await fourSettings();
    await deleteSetting(admin, n.id);
    expect(await scoped(admin, Setting).findById(n.id)).toBeNull();
  });

  it("records every create, edit and delete with the value before and after", async () => {
    const { n, j } = await fourSettings();
    await updateSetting(admin, n.id, { type: "number", value: "9.5" });
    await updateSetting(admin, j.id, { type: "json", value: "[1, 2]" });
    await deleteSetting(admin, n.id);
    const log = await scoped(admin, Activity).find({ type: "settings_changed", entity_type: "setting" }).sort({ _id: 1 }).lean();
    expect(log).toHaveLength(7);
    expect(log[4].metadata).toMatchObject({ before: { value: 7 }, after: { value: 9.5 } });
    expect(log[6].metadata).toMatchObject({ before: { value: 9.5 }, after: null });
  });

  it("refuses a key the category already has, on the key field", async () => {
    await createSetting(admin, { category: "general", key: "dup", type: "string", value: "x" });
    expect((await refusal({ category: "general", key: "dup", type: "string", value: "y" }))?.key).toBeDefined();
  });

  it("refuses a number that is not one, on the value field", async () => {
    expect((await refusal({ category: "general", key: "n", type: "number", value: "abc" }))?.value?.[0]).toMatch(/number/);
  });

  it("refuses JSON that does not parse, keys with a dot, and arrays inside arrays, on the value field", async () => {
    expect((await refusal({ category: "general", key: "j", type: "json", value: "{bad" }))?.value?.[0]).toMatch(/JSON/);
    expect((await refusal({ category: "general", key: "k", type: "json", value: '{"a.b": 1}' }))?.value?.[0]).toMatch(/cannot contain/);
    expect((await refusal({ category: "general", key: "m", type: "json", value: "[[1]]" }))?.value?.[0]).toMatch(/Arrays inside arrays/);
  });

  it("refuses another type than a known setting's, on the type field", async () => {
    expect((await refusal({ category: "permissions", key: "reps_see_all_leads", type: "string", value: "yes" }))?.type).toBeDefined();
  });

  it("keeps system settings read-only", async () => {
    const sys = await scoped(admin, Setting).create({ category: "system", key: "schema", value: 3, is_system: true });
    expect((await fail(updateSetting(admin, String(sys._id), { type: "number", value: "4" })))?.code).toBe("forbidden");
    expect((await fail(deleteSetting(admin, String(sys._id))))?.code).toBe("forbidden");
    expect((await scoped(admin, Setting).findById(String(sys._id)).lean())?.value).toBe(3);
  });

  it("answers not found for another company's setting and changes nothing", async () => {
    const other = (await createMember((await createTenant()).ctx, "admin")).ctx;
    const theirs = await createSetting(other, { category: "general", key: "secret", type: "string", value: "theirs" });
    expect((await listSettings(admin)).flatMap((g) => g.settings)).toEqual([]);
    expect((await fail(updateSetting(admin, theirs.id, { type: "string", value: "mine" })))?.code).toBe("not_found");
    expect((await fail(deleteSetting(admin, theirs.id)))?.code).toBe("not_found");
    expect((await scoped(other, Setting).findById(theirs.id).lean())?.value).toBe("theirs");
  });

  it("lets two companies hold the same category and key", async () => {
    const other = (await createMember((await createTenant()).ctx, "admin")).ctx;
    const theirs = await createSetting(other, { category: "general", key: "secret", type: "string", value: "theirs" });
    await createSetting(admin, { category: "general", key: "secret", type: "string", value: "mine" });
    expect((await scoped(other, Setting).findById(theirs.id).lean())?.value).toBe("theirs");
  });

  it("shows a template setting by the template's name, not its id", async () => {
    const mine = await scoped(admin, Template).create({ name: "New lead intro", type: "sms", content: "Hi {{first_name}}" });
    await createSetting(admin, { category: "communications", key: "default_sms_template", type: "string", value: String(mine._id) });
    const shown = Object.fromEntries((await listSettings(admin)).flatMap((g) => g.settings).map((s) => [s.key, s.shown]));
    expect(shown).toEqual({ default_sms_template: "“New lead intro” (template)" });
  });

  it("never shows another company's template by name in a template setting", async () => {
    const other = (await createMember((await createTenant()).ctx, "admin")).ctx;
    const theirs = await scoped(other, Template).create({ name: "Their secret template", type: "sms", content: "x" });
    await createSetting(admin, { category: "communications", key: "follow_up_template", type: "string", value: String(theirs._id) });
    const shown = Object.fromEntries((await listSettings(admin)).flatMap((g) => g.settings).map((s) => [s.key, s.shown]));
    expect(shown).toEqual({ follow_up_template: "A template that no longer exists" });
  });

  it("needs settings.manage to write or list", async () => {
    const rep = await createMember(admin, "acquisition_rep");
    expect((await fail(createSetting(rep.ctx, { category: "general", key: "x", type: "string", value: "y" })))?.code).toBe("forbidden");
    expect((await fail(listSettings(rep.ctx)))?.code).toBe("forbidden");
  });
});

describe("reps see all leads", () => {
  it("is off by default", async () => {
    expect(await repsSeeAllLeads(admin)).toBe(false);
  });

  it("is stored as permissions/reps_see_all_leads, one setting however often it is switched", async () => {
    await setRepsSeeAllLeads(admin, true);
    expect(await repsSeeAllLeads({ tenantId: admin.tenantId })).toBe(true);
    expect(await scoped(admin, Setting).find({ category: "permissions" }).lean()).toMatchObject([{ key: "reps_see_all_leads", value: true }]);
    await setRepsSeeAllLeads(admin, false);
    expect(await repsSeeAllLeads(admin)).toBe(false);
    expect(await scoped(admin, Setting).countDocuments({ category: "permissions" })).toBe(1);
  });

  it("is one company's choice: another company's stays off", async () => {
    await setRepsSeeAllLeads(admin, true);
    const other = await createTenant();
    expect(await repsSeeAllLeads(other.ctx)).toBe(false);
  });
});

// `scoped().create` is typed by the schema: a misspelled field is a compile error (checked by the
// type check `npm test` runs first), not a value Mongoose drops without a word. And whatever the
// types let through (a computed key, a value from JSON), the schemas refuse at run time
// (`strict: "throw"`): the error names the field, and nothing is saved.
import { describe, expect, it } from "vitest";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Buyer } from "@/models/buyer";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { Tenant } from "@/models/tenant";
import { scoped } from "./scoped";

describe("scoped().create", () => {
  it("takes the schema's own fields, ids as strings included", async () => {
    const { ctx } = await createTenant();
    const lead = await scoped(ctx, Lead).create({ ...leadInput(), asking_price: 120_000 });
    expect(lead.asking_price).toBe(120_000);
  });

  it("refuses a field the schema does not have, at compile time", () => {
    const write = (ctx: Parameters<typeof scoped>[0]) =>
      // @ts-expect-error: "asking_prise" is not a field of leads (a typo of asking_price)
      scoped(ctx, Lead).create({ name: "Typo", phone: "+15555550100", asking_prise: 120_000 });
    expect(typeof write).toBe("function");
  });
});

describe("a field the schema does not have", () => {
  // As a computed key or a value from elsewhere would bring it: past the type check.
  const typo = (key: string, value: unknown) => ({ [key]: value }) as Record<string, never>;

  it("is refused on create, naming the field, and no lead is saved", async () => {
    const { ctx } = await createTenant();
    await expect(scoped(ctx, Lead).create({ ...leadInput(), ...typo("asking_prise", 120_000) })).rejects.toThrow(/asking_prise.*not in schema/);
    expect(await scoped(ctx, Lead).countDocuments()).toBe(0);
  });

  it("is refused inside a subdocument (the property's address), and no lead is saved", async () => {
    const { ctx } = await createTenant();
    await expect(scoped(ctx, Lead).create({ ...leadInput(), address: { street: "1 Main St", ...typo("zipcode", "75201") } })).rejects.toThrow(/address/);
    await expect(scoped(ctx, Lead).insertMany([{ ...leadInput(), ...typo("estimated_valu", 1) }])).rejects.toThrow(/estimated_valu/);
    expect(await scoped(ctx, Lead).countDocuments()).toBe(0);
  });

  it("is refused on update, by query or by save, and the lead stays as it was", async () => {
    const { ctx } = await createTenant();
    const leads = scoped(ctx, Lead);
    const lead = await leads.create({ ...leadInput(), asking_price: 100_000 });
    await expect(leads.updateOne({ _id: lead._id }, { $set: { asking_price: 90_000, ...typo("asking_prise", 80_000) } })).rejects.toThrow(/asking_prise.*not in schema/);
    await expect(leads.updateById(lead._id.toString(), { $set: typo("property_details.beds", 3) })).rejects.toThrow(/property_details\.beds/);
    await expect(leads.updateMany({}, { $set: typo("priorty", "high") })).rejects.toThrow(/priorty/);
    const doc = await leads.findById(lead._id.toString());
    expect(() => doc!.set("asking_prise", 80_000)).toThrow(/asking_prise/);
    const stored = await leads.findById(lead._id.toString()).lean();
    expect(stored).toMatchObject({ asking_price: 100_000, priority: "medium" });
    expect(stored).not.toHaveProperty("asking_prise");
    expect(stored).not.toHaveProperty("priorty");
    expect(stored?.property_details ?? {}).not.toHaveProperty("beds");
  });

  it("is refused by every collection, tenant-owned or not", async () => {
    const { ctx } = await createTenant();
    await expect(scoped(ctx, Buyer).create({ name: "Bo", phone: "+15555550123", ...typo("compnay", "Acme") })).rejects.toThrow(/compnay/);
    await expect(scoped(ctx, Deal).create(typo("purchase_prise", 1))).rejects.toThrow(/purchase_prise/);
    await expect(Tenant.updateOne({ _id: ctx.tenantId }, { $set: typo("plan_typo", "pro") })).rejects.toThrow(/plan_typo/);
  });
});

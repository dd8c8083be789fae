import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/db/scoped";
import { createTenant } from "@/lib/testing/factories";
import { Buyer } from "./buyer";
import { Lead } from "./lead";

async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  const err = (await promise.then(
    () => null,
    (e) => e,
  )) as { name: string; errors: Record<string, { message: string }> } | null;
  expect(err?.name).toBe("ValidationError");
  return Object.fromEntries(Object.entries(err!.errors).map(([k, v]) => [k, v.message]));
}

describe("model validation (the database's last word, beneath the zod schemas)", () => {
  it("refuses a lead with phone abc, status won or a 101-character name, naming the field, and stores nothing", async () => {
    const { ctx } = await createTenant();
    const leads = scoped(ctx, Lead);
    expect(Object.keys(await refusal(leads.create({ name: "Ann", phone: "abc" })))).toEqual(["phone"]);
    expect(Object.keys(await refusal(leads.create({ name: "Ann", phone: "2145550142", status: "won" })))).toEqual(["status"]);
    expect(Object.keys(await refusal(leads.create({ name: "x".repeat(101), phone: "2145550142" })))).toEqual(["name"]);
    expect(Object.keys(await refusal(leads.create({ name: "Ann", phone: "2145550142", email: "nope" })))).toEqual(["email"]);
    expect(Object.keys(await refusal(leads.create({})))).toEqual(expect.arrayContaining(["name", "phone"]));
    expect(await leads.countDocuments()).toBe(0);
  });

  it("refuses bad values in updates too, leaving the lead as it was", async () => {
    const { ctx } = await createTenant();
    const leads = scoped(ctx, Lead);
    const lead = await leads.create({ name: "Ann", phone: "(214) 555-0142" });
    await expect(leads.updateById(String(lead._id), { $set: { status: "won" } })).rejects.toThrow(/status/);
    await expect(leads.updateById(String(lead._id), { $set: { phone: "abc" } })).rejects.toThrow(/phone/);
    const stored = await leads.findById(String(lead._id)).lean();
    expect(stored).toMatchObject({ status: "new", phone: "+12145550142" });
  });

  it("normalises phone and e-mail and derives search keys and the full address", async () => {
    const { ctx } = await createTenant();
    const lead = await scoped(ctx, Lead).create({
      name: "José García",
      phone: "(214) 555-0142",
      email: "Jose@Example.com",
      address: { street: "12 Oak Street", city: "Dallas", state: "TX", zip_code: "75201" },
    });
    expect(lead.phone).toBe("+12145550142");
    expect(lead.email).toBe("jose@example.com");
    expect(lead.address?.full_address).toBe("12 Oak Street, Dallas, TX 75201");
    expect(lead.search_keys).toEqual(expect.arrayContaining(["jose", "garcia", "jose garcia", "12145550142", "2145550142", "jose@example.com"]));
    expect(lead.address_key).toBe("12 oak st|75201");
  });

  it("refuses a buyer whose minimum price exceeds the maximum", async () => {
    const { ctx } = await createTenant();
    const errors = await refusal(scoped(ctx, Buyer).create({ name: "Cash Co", phone: "4045550100", price_range: { min: 300000, max: 100000 } }));
    expect(errors["price_range.max"]).toMatch(/minimum/);
    expect(await scoped(ctx, Buyer).countDocuments()).toBe(0);
  });
});

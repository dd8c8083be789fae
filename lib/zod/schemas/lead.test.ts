import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/lib/core/errors-response";
import { buyerInputSchema } from "./buyer";
import { leadInputSchema, leadUpdateSchema } from "./lead";

function errorsOf(input: unknown) {
  const result = leadInputSchema.safeParse(input);
  return result.success ? {} : zodFieldErrors(result.error);
}

describe("leadInputSchema", () => {
  it("normalises what people type", () => {
    const lead = leadInputSchema.parse({
      name: "  Maria Lopez ",
      phone: "(214) 555-0142",
      email: " Maria.Lopez@Example.COM ",
      estimated_value: "$245,000",
      property_details: { bedrooms: "3", year_built: "" },
      source: "Driving_For_Dollars",
    });
    expect(lead).toMatchObject({
      name: "Maria Lopez",
      phone: "+12145550142",
      email: "maria.lopez@example.com",
      estimated_value: 245000,
      property_details: { bedrooms: 3 },
      source: "driving_for_dollars",
      status: "new",
      priority: "medium",
    });
    expect(lead.property_details?.year_built).toBeUndefined();
  });

  it("accepts thousands separators in every number field, as the import does", () => {
    const lead = leadInputSchema.parse({
      name: "Ann",
      phone: "2145550101",
      asking_price: "$95,000",
      estimated_value: "250K",
      property_details: { square_feet: "1,450", lot_size: "7,405", bedrooms: "3", bathrooms: "2,5", year_built: "1962" },
    });
    expect(lead).toMatchObject({ asking_price: 95000, estimated_value: 250000, property_details: { square_feet: 1450, lot_size: 7405, bedrooms: 3, bathrooms: 2.5, year_built: 1962 } });
    expect(leadUpdateSchema.parse({ property_details: { square_feet: "1 450", bathrooms: "1.5" } })).toMatchObject({ property_details: { square_feet: 1450, bathrooms: 1.5 } });
    expect(errorsOf({ name: "Ann", phone: "2145550101", property_details: { square_feet: "about 1400", lot_size: "0.25 acres" } })).toEqual({ "property_details.square_feet": ["Square feet must be a number"], "property_details.lot_size": ["Lot size must be a number"] });
  });

  it("names every bad field at once", () => {
    const errors = errorsOf({ name: "x".repeat(101), phone: "abc", status: "won", email: "not-an-email", asking_price: "-5" });
    expect(Object.keys(errors).sort()).toEqual(["asking_price", "email", "name", "phone", "status"]);
    expect(errors.name[0]).toMatch(/1 to 100/);
    expect(errors.phone[0]).toMatch(/valid phone/);
    expect(errors.status[0]).toMatch(/new, contacted/);
  });

  it("requires name and phone", () => {
    expect(Object.keys(errorsOf({})).sort()).toEqual(["name", "phone"]);
    expect(Object.keys(errorsOf({ name: "   ", phone: "" })).sort()).toEqual(["name", "phone"]);
  });

  it("applies the same rules to a partial edit", () => {
    const result = leadUpdateSchema.safeParse({ name: "x".repeat(101), phone: "abc", status: "won" });
    expect(Object.keys(zodFieldErrors(result.error!)).sort()).toEqual(["name", "phone", "status"]);
    expect(Object.keys(zodFieldErrors(leadUpdateSchema.safeParse({ name: "", phone: null }).error!)).sort()).toEqual(["name", "phone"]);
    expect(leadUpdateSchema.parse({ phone: "555.123.4567" })).toEqual({ phone: "+15551234567" });
  });

  it("refuses query operators where text is expected", () => {
    expect(Object.keys(errorsOf({ name: { $ne: "" }, phone: { $gt: "" } })).sort()).toEqual(["name", "phone"]);
    expect(leadUpdateSchema.safeParse({ status: { $ne: "new" } }).success).toBe(false);
  });

  it("refuses custom field names the database cannot store", () => {
    expect(errorsOf({ name: "A", phone: "2145550142", custom_fields: { "a.b": 1 } })).toHaveProperty("custom_fields");
    expect(errorsOf({ name: "A", phone: "2145550142", custom_fields: { $where: "1" } })).toHaveProperty("custom_fields");
    expect(errorsOf({ name: "A", phone: "2145550142", custom_fields: { motivation: "Divorce", equity: 40 } })).toEqual({});
  });
});

describe("buyerInputSchema", () => {
  it("names every bad field at once: name, phone, e-mail, negative prices", () => {
    const result = buyerInputSchema.safeParse({ name: "x".repeat(101), phone: "abc", email: "nope", price_range: { min: "-5", max: "-1" } });
    expect(result.success).toBe(false);
    const errors = zodFieldErrors(result.error!);
    expect(Object.keys(errors).sort()).toEqual(["email", "name", "phone", "price_range.max", "price_range.min"]);
    expect(errors["price_range.min"][0]).toMatch(/negative/);
    expect(Object.keys(zodFieldErrors(buyerInputSchema.safeParse({}).error!)).sort()).toEqual(["name", "phone"]);
    expect(buyerInputSchema.parse({ name: "Cash Co", phone: "(404) 555-0100" }).phone).toBe("+14045550100");
  });

  it("requires the minimum price not to exceed the maximum", () => {
    const result = buyerInputSchema.safeParse({ name: "Cash Co", phone: "4045550100", price_range: { min: "300000", max: "150000" } });
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error!)).toHaveProperty(["price_range.max"]);
    expect(buyerInputSchema.safeParse({ name: "Cash Co", phone: "4045550100", price_range: { min: "100000", max: "150000" } }).success).toBe(true);
  });
});

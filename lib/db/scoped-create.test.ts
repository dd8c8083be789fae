// `scoped().create` is typed by the schema: a misspelled field is a compile error (checked by the
// type check `npm test` runs first), not a value Mongoose drops without a word.
import { describe, expect, it } from "vitest";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
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

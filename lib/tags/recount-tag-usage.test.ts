import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { recountTagUsage } from "./recount-tag-usage";

const catalogue = async (ctx: Awaited<ReturnType<typeof createTenant>>["ctx"]) =>
  (await scoped(ctx, Tag).find({}).sort({ name: 1 }).lean()).map((t) => [t.name, t.usage_count, t.color]);

describe("tag usage", () => {
  it("follows the tenant's own leads through their events: names carried join the catalogue with their count", async () => {
    const a = (await createTenant()).ctx;
    const b = (await createTenant()).ctx;
    await scoped(a, Tag).create({ name: "vacant", usage_count: 99, color: "#ff0000" });
    await scoped(a, Lead).insertMany([leadInput({ tags: ["absentee", "vacant"] }), leadInput({ tags: ["absentee"] }), leadInput()]);
    await scoped(b, Lead).create(leadInput({ tags: ["absentee"] }));

    expect(await catalogue(a)).toEqual([
      ["absentee", 2, "#64748b"],
      ["vacant", 1, "#ff0000"],
    ]);
    expect(await catalogue(b)).toEqual([["absentee", 1, "#64748b"]]);
  });

  it("recounting sets a stale count right and adds no name that no lead carries", async () => {
    const a = (await createTenant()).ctx;
    await scoped(a, Lead).insertMany([leadInput({ tags: ["absentee"] }), leadInput({ tags: ["absentee"] })]);
    await scoped(a, Tag).updateOne({ name: "absentee" }, { $set: { usage_count: 50 } });

    await recountTagUsage(a, ["absentee", "probate"]);

    expect(await catalogue(a)).toEqual([["absentee", 2, "#64748b"]]);
  });
});

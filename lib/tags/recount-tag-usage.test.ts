import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { recountTagUsage } from "./recount-tag-usage";

describe("recountTagUsage", () => {
  it("counts the tenant's own leads per tag and creates missing catalogue entries", async () => {
    const a = (await createTenant()).ctx;
    const b = (await createTenant()).ctx;
    await scoped(a, Lead).insertMany([leadInput({ tags: ["absentee", "vacant"] }), leadInput({ tags: ["absentee"] }), leadInput()]);
    await scoped(b, Lead).create(leadInput({ tags: ["absentee"] }));
    await scoped(a, Tag).create({ name: "vacant", usage_count: 99, color: "#ff0000" });

    await recountTagUsage(a, ["absentee", "vacant", "probate"]);

    const tags = await scoped(a, Tag).find({}).sort({ name: 1 }).lean();
    expect(tags.map((t) => [t.name, t.usage_count, t.color])).toEqual([
      ["absentee", 2, "#64748b"],
      ["probate", 0, "#64748b"],
      ["vacant", 1, "#ff0000"],
    ]);
    expect(await scoped(b, Tag).countDocuments()).toBe(0);
  });
});

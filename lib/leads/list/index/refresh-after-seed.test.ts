import { Types } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { dropIndex } from "./index-store";
import { buildLeadIndex, currentIndex } from "./lead-index";
import { refreshLeadIndexesAfterSeed } from "./refresh-after-seed";

// A reseed keeps the demo companies' ids, so their list index must follow the new data.

const tenantIds: string[] = [];
afterAll(() => Promise.all(tenantIds.map(dropIndex)));

async function seededCompany(leads: number) {
  const { tenant, ctx } = await createTenant();
  tenantIds.push(ctx.tenantId);
  await scoped(ctx, Lead).insertMany(Array.from({ length: leads }, (_, i) => leadInput({ name: `Old Lead ${i}` })));
  await buildLeadIndex(ctx);
  return { subdomain: tenant.subdomain, ctx };
}

/** As the seed writes: straight to the collection, so no change event reaches the index. */
async function reseed(ctx: { tenantId: string }, names: string[]) {
  const tenant_id = new Types.ObjectId(ctx.tenantId);
  await Lead.collection.deleteMany({ tenant_id });
  await Lead.collection.insertMany(names.map((name) => ({ ...leadInput({ name }), tenant_id, status: "new", tags: [], search_keys: [] })));
}

describe("lead list index after a reseed", () => {
  it("is rebuilt from the new data", async () => {
    const { subdomain, ctx } = await seededCompany(3);
    await reseed(ctx, ["New One", "New Two"]);

    expect(await refreshLeadIndexesAfterSeed([subdomain])).toEqual([{ subdomain, leads: 2, indexed: 2 }]);
    const names = [...(await currentIndex(ctx.tenantId))!.rows.values()].map((r) => r.name).sort();
    expect(names).toEqual(["New One", "New Two"]);
  });

  it("leaves companies it was not asked about alone", async () => {
    const { ctx } = await seededCompany(2);
    await refreshLeadIndexesAfterSeed(["no-such-company"]);
    expect((await currentIndex(ctx.tenantId))!.rows.size).toBe(2);
  });
});

import { afterAll, afterEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { dropIndex } from "./index-store";
import { buildLeadIndex, currentIndex } from "./lead-index";
import { refreshLeadIndexesAfterSeed } from "./refresh-after-seed";

// A reseed keeps the demo companies' ids, so their list index must follow the new data.

const tenantIds: string[] = [];
afterEach(() => {
  delete process.env.LEAD_INDEX_MIN_LEADS;
});
afterAll(() => Promise.all(tenantIds.map(dropIndex)));

async function seededCompany(leads: number) {
  const { tenant, ctx } = await createTenant();
  tenantIds.push(ctx.tenantId);
  await scoped(ctx, Lead).insertMany(Array.from({ length: leads }, (_, i) => leadInput({ name: `Old Lead ${i}` })));
  await buildLeadIndex(ctx);
  return { subdomain: tenant.subdomain, ctx };
}

async function reseed(ctx: { tenantId: string }, names: string[]) {
  await scoped(ctx, Lead).deleteMany({});
  await scoped(ctx, Lead).insertMany(names.map((name) => leadInput({ name })));
}

describe("lead list index after a reseed", () => {
  it("is rebuilt from the new data for a company big enough to have one", async () => {
    process.env.LEAD_INDEX_MIN_LEADS = "2";
    const { subdomain, ctx } = await seededCompany(3);
    await reseed(ctx, ["New One", "New Two"]);

    expect(await refreshLeadIndexesAfterSeed([subdomain])).toEqual([{ subdomain, leads: 2, indexed: 2 }]);
    const names = [...(await currentIndex(ctx.tenantId))!.rows.values()].map((r) => r.name).sort();
    expect(names).toEqual(["New One", "New Two"]);
  });

  it("is dropped for a company now too small for one, so its list reads the database", async () => {
    process.env.LEAD_INDEX_MIN_LEADS = "3";
    const { subdomain, ctx } = await seededCompany(3);
    await reseed(ctx, ["Only One"]);

    expect(await refreshLeadIndexesAfterSeed([subdomain])).toEqual([{ subdomain, leads: 1, indexed: null }]);
    expect(await currentIndex(ctx.tenantId)).toBeNull();
  });

  it("leaves companies it was not asked about alone", async () => {
    const { ctx } = await seededCompany(2);
    await refreshLeadIndexesAfterSeed(["no-such-company"]);
    expect((await currentIndex(ctx.tenantId))!.rows.size).toBe(2);
  });
});

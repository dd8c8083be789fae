import { Types } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/lib/core/read-models/read-model";
import { scoped } from "@/lib/core/db/scoped";
import { createTenant } from "@/lib/testing/factories";
import { Buyer } from "@/models/buyer";
import { buyerReadModel } from "./buyer-read-model";
import { refreshBuyerIndexesAfterSeed } from "./refresh-after-seed";

// A reseed keeps the demo companies' ids and announces nothing, so their buyer rows must be rebuilt.

const tenantIds: string[] = [];
afterAll(() => Promise.all(tenantIds.map((t) => buyerReadModel.store.drop(t))));

async function seededCompany(names: string[]) {
  const { tenant, ctx } = await createTenant();
  tenantIds.push(ctx.tenantId);
  await scoped(ctx, Buyer).insertMany(names.map((name, i) => ({ name, phone: `+1214555${String(2000 + i)}` })));
  await buyerReadModel.build(ctx);
  return { subdomain: tenant.subdomain, ctx };
}

const rowNames = async (tenantId: string) => rowsOf((await buyerReadModel.current(tenantId))!).map((r) => r.name).sort();

describe("buyer list rows after a reseed", () => {
  it("are rebuilt from the new data", async () => {
    const { subdomain, ctx } = await seededCompany(["Old One", "Old Two", "Old Three"]);
    // As the seed writes: straight to the collection, so no change event reaches the rows.
    const tenant_id = new Types.ObjectId(ctx.tenantId);
    await Buyer.collection.deleteMany({ tenant_id });
    await Buyer.collection.insertOne({ tenant_id, name: "New One", phone: "+12145553000", property_types: [], preferred_locations: [], tags: [], search_keys: ["new", "one"] });

    expect(await refreshBuyerIndexesAfterSeed([subdomain])).toEqual([{ subdomain, buyers: 1, indexed: 1 }]);
    expect(await rowNames(ctx.tenantId)).toEqual(["New One"]);
  });

  it("leave companies it was not asked about alone", async () => {
    const { ctx } = await seededCompany(["Kept"]);
    await refreshBuyerIndexesAfterSeed(["no-such-company"]);
    expect(await rowNames(ctx.tenantId)).toEqual(["Kept"]);
  });
});

import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { deleteInBatches } from "./delete-in-batches";

describe("deleteInBatches", () => {
  it("deletes every matching document over several batches, and nothing else", async () => {
    const a = (await createTenant()).ctx;
    const b = (await createTenant()).ctx;
    await scoped(a, Lead).insertMany(Array.from({ length: 7 }, (_, i) => leadInput({ status: i < 5 ? "lost" : "new" })));
    await scoped(b, Lead).insertMany(Array.from({ length: 2 }, () => leadInput({ status: "lost" })));

    expect(await deleteInBatches(scoped(a, Lead), { status: "lost" }, 2)).toBe(5);
    expect(await scoped(a, Lead).countDocuments({})).toBe(2);
    expect(await scoped(b, Lead).countDocuments({ status: "lost" })).toBe(2);
    expect(await deleteInBatches(scoped(a, Lead), { status: "lost" }, 2)).toBe(0);
  });

  it("works on a model with the tenant in the filter (the seed's reset)", async () => {
    const a = (await createTenant()).ctx;
    await scoped(a, Lead).insertMany(Array.from({ length: 3 }, () => leadInput()));
    expect(await deleteInBatches(Lead, { tenant_id: a.tenantId }, 2)).toBe(3);
    expect(await scoped(a, Lead).countDocuments({})).toBe(0);
  });
});

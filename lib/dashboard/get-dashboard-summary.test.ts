import { afterAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { buildLeadIndex } from "@/lib/leads/list/index/lead-index";
import { dropIndex } from "@/lib/leads/list/index/index-store";
import { Lead } from "@/models/lead";
import { getDashboardSummary } from "./get-dashboard-summary";

const tenants: string[] = [];
afterAll(async () => {
  for (const t of tenants) await dropIndex(t);
});

describe("getDashboardSummary", () => {
  it("counts the same from the database and from the list index", async () => {
    const { ctx } = await createTenant();
    tenants.push(ctx.tenantId);
    const past = new Date(Date.now() - 3 * 86_400_000);
    await scoped(ctx, Lead).insertMany([
      leadInput({ status: "new", next_follow_up: past }),
      leadInput({ status: "new" }),
      leadInput({ status: "contacted", next_follow_up: past }),
      leadInput({ status: "lost", next_follow_up: past }),
    ]);
    const fromDb = await getDashboardSummary(ctx);
    expect(fromDb).toMatchObject({ leads: 4, followUpsDue: 2, leadsByStatus: { new: 2, contacted: 1, under_contract: 0, closed: 0, lost: 1 } });
    await buildLeadIndex(ctx);
    expect(await getDashboardSummary(ctx)).toEqual(fromDb);
  });
});

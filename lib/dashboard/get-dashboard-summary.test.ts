import { Types } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { buildLeadIndex } from "@/lib/leads/list/index/lead-index";
import { dropIndex } from "@/lib/leads/list/index/index-store";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
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

  it("counts only the leads a rep may see, with follow-ups due by the end of their own day", async () => {
    const ws = await createWorkspace();
    tenants.push(ws.admin.tenantId);
    const rep = new Types.ObjectId(ws.ids.rep);
    // 20:00 UTC on 10 March is 13:00 in Los Angeles; 03:00 UTC on the 11th is still the 10th there.
    const now = new Date("2026-03-10T20:00:00Z");
    const laterToday = new Date("2026-03-11T03:00:00Z");
    await scoped(ws.admin, Lead).insertMany([
      leadInput({ status: "new", assigned_to: rep, next_follow_up: laterToday }),
      leadInput({ status: "contacted", assigned_to: rep }),
      leadInput({ status: "new", next_follow_up: new Date("2026-03-09T12:00:00Z") }),
      leadInput({ status: "lost", assigned_to: new Types.ObjectId(ws.ids.rep2) }),
    ]);
    const la = { timeZone: "America/Los_Angeles", now };
    const summaries = async () => ({ rep: await getDashboardSummary(ws.rep, la), admin: await getDashboardSummary(ws.admin, la), adminUtc: await getDashboardSummary(ws.admin, { now }) });
    const fromDb = await summaries();
    expect(fromDb.rep).toMatchObject({ leads: 2, followUpsDue: 1, leadsByStatus: { new: 1, contacted: 1, lost: 0 } });
    expect(fromDb.admin).toMatchObject({ leads: 4, followUpsDue: 2, leadsByStatus: { new: 2, contacted: 1, lost: 1 } });
    expect(fromDb.adminUtc.followUpsDue).toBe(1);
    await buildLeadIndex(ws.admin);
    expect(await summaries()).toEqual(fromDb);
  });
});

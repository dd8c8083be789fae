import { afterAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { buildLeadIndex } from "@/lib/leads/list/index/lead-index";
import { dropIndex } from "@/lib/leads/list/index/index-store";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { getMyFollowUps } from "./get-my-follow-ups";

const tenants: string[] = [];
afterAll(async () => {
  for (const t of tenants) await dropIndex(t);
});

describe("getMyFollowUps", () => {
  it("lists the signed-in rep's own overdue and due-today follow-ups, soonest first", async () => {
    const { ctx } = await createTenant();
    tenants.push(ctx.tenantId);
    const [me, colleague] = await scoped(ctx, User).insertMany([
      { email: "me@f.test", name: "Me", role: "acquisition_rep" },
      { email: "co@f.test", name: "Colleague", role: "acquisition_rep" },
    ]);
    const now = new Date("2026-03-10T18:00:00Z"); // 12:00 in Chicago
    const at = (iso: string) => new Date(iso);
    await scoped(ctx, Lead).insertMany([
      leadInput({ name: "Overdue old", assigned_to: me._id, status: "contacted", next_follow_up: at("2026-03-01T15:00:00Z") }),
      leadInput({ name: "Overdue new", assigned_to: me._id, status: "new", next_follow_up: at("2026-03-10T04:00:00Z") }),
      leadInput({ name: "Today later", assigned_to: me._id, status: "new", next_follow_up: at("2026-03-10T23:00:00Z") }),
      leadInput({ name: "Today early", assigned_to: me._id, status: "new", next_follow_up: at("2026-03-10T14:00:00Z") }),
      leadInput({ name: "Tomorrow", assigned_to: me._id, status: "new", next_follow_up: at("2026-03-11T15:00:00Z") }),
      leadInput({ name: "Closed overdue", assigned_to: me._id, status: "closed", next_follow_up: at("2026-03-01T15:00:00Z") }),
      leadInput({ name: "Colleague's", assigned_to: colleague._id, status: "new", next_follow_up: at("2026-03-10T15:00:00Z") }),
    ]);
    const rep = { tenantId: ctx.tenantId, userId: String(me._id), role: "acquisition_rep" as const };
    const res = await getMyFollowUps(rep, { timeZone: "America/Chicago", now });
    expect(res.overdue.leads.map((l) => l.name)).toEqual(["Overdue old", "Overdue new"]);
    expect(res.today.leads.map((l) => l.name)).toEqual(["Today early", "Today later"]);
    expect([res.overdue.total, res.today.total]).toEqual([2, 2]);
    // An admin sees only what is assigned to them here, too.
    const admin = { tenantId: ctx.tenantId, userId: String(colleague._id), role: "admin" as const };
    expect((await getMyFollowUps(admin, { timeZone: "America/Chicago", now })).today.leads.map((l) => l.name)).toEqual(["Colleague's"]);
    // The same from the tenant's list index as from the database.
    const fromDb = [await getMyFollowUps(rep, { timeZone: "America/Chicago", now }), await getMyFollowUps(admin, { timeZone: "America/Chicago", now })];
    await buildLeadIndex(ctx);
    expect([await getMyFollowUps(rep, { timeZone: "America/Chicago", now }), await getMyFollowUps(admin, { timeZone: "America/Chicago", now })]).toEqual(fromDb);
  });
});

// The disposition dashboard on the real database, at a fixed "now" in Chicago: months, weeks and
// averages in the person's time zone, cancelled deals kept out of closings, other companies' deals
// and messages never counted, and reps refused.
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { effectivePermissions } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant } from "@/lib/testing/factories";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { getDispositionDashboard, weekStart } from "./get-disposition-dashboard";

const TZ = "America/Chicago";
// Wednesday 18 March 2026, 10:00 in Chicago.
const NOW = new Date("2026-03-18T15:00:00Z");
const at = (iso: string) => new Date(iso);

async function company() {
  const { ctx } = await createTenant();
  const dispo: TenantContext = { tenantId: ctx.tenantId, userId: String(new Types.ObjectId()), role: "disposition_manager", permissions: effectivePermissions("disposition_manager") };
  const rep: TenantContext = { tenantId: ctx.tenantId, userId: String(new Types.ObjectId()), role: "acquisition_rep", permissions: effectivePermissions("acquisition_rep") };
  return { ctx, dispo, rep };
}

async function message(tenantId: string, buyerId: Types.ObjectId, createdAt: Date, extra: Record<string, unknown> = {}) {
  // Written as stored by senders at that time (created_at in the past), below the data layer.
  await Communication.collection.insertOne({ tenant_id: new Types.ObjectId(tenantId), type: "sms", direction: "outbound", recipient_type: "buyer", recipient_id: buyerId, status: "delivered", created_at: createdAt, updated_at: createdAt, ...extra });
}

describe("getDispositionDashboard", () => {
  it("counts deals by status, closings this month and next, fees and profit by month, days to close, buyers contacted and deals without a buyer", async () => {
    const { ctx, dispo } = await company();
    const other = await company();
    const buyer = new Types.ObjectId();
    const deals = scoped(ctx, Deal);
    await deals.insertMany([
      // Closed in January (Chicago): 30 days from contract, fee 10,000, profit 10,000.
      { status: "closed", buyer_id: buyer, timeline: { contract_date: at("2026-01-01T18:00:00Z"), closing_date: at("2026-01-31T18:00:00Z") }, financials: { assignment_fee: 10_000, profit: 10_000 } },
      // Closed on 1 March 03:00 UTC = 28 February 21:00 in Chicago: a February closing. 10 days.
      { status: "closed", buyer_id: buyer, timeline: { contract_date: at("2026-02-19T03:00:00Z"), closing_date: at("2026-03-01T03:00:00Z") }, financials: { assignment_fee: 7_500, profit: 7_000 } },
      // Closed this month (counts in this month's closings too). 20 days.
      { status: "closed", buyer_id: buyer, property_address: { street: "3 Pine St", city: "Dallas", state: "TX" }, timeline: { contract_date: at("2026-02-20T18:00:00Z"), closing_date: at("2026-03-12T18:00:00Z") }, financials: { assignment_fee: 12_000, profit: 11_000 } },
      // Closed last year: not in this year's months, but in days to close (40 days).
      { status: "closed", buyer_id: buyer, timeline: { contract_date: at("2025-10-01T18:00:00Z"), closing_date: at("2025-11-10T18:00:00Z") }, financials: { assignment_fee: 99_000, profit: 99_000 } },
      // Under contract, closing later this month, no buyer.
      { status: "under_contract", property_address: { street: "1 Elm St", city: "Dallas", state: "TX" }, timeline: { contract_date: at("2026-03-02T18:00:00Z"), closing_date: at("2026-03-30T18:00:00Z") } },
      // Under contract, closing next month (1 April 02:00 UTC is still 31 March in Chicago: this month).
      { status: "under_contract", buyer_id: buyer, timeline: { contract_date: at("2026-03-05T18:00:00Z"), closing_date: at("2026-04-01T02:00:00Z") } },
      { status: "under_contract", buyer_id: buyer, timeline: { contract_date: at("2026-03-06T18:00:00Z"), closing_date: at("2026-04-15T18:00:00Z") } },
      // Pending, no buyer, contract earlier (listed first among deals without a buyer).
      { status: "pending", property_address: { street: "9 Oak St", city: "Dallas", state: "TX" }, timeline: { contract_date: at("2026-02-01T18:00:00Z") } },
      // Cancelled with a closing date this month: not a closing, not "no buyer".
      { status: "cancelled", timeline: { contract_date: at("2026-03-01T18:00:00Z"), closing_date: at("2026-03-20T18:00:00Z") } },
    ]);
    await scoped(other.ctx, Deal).insertMany([{ status: "closed", timeline: { contract_date: at("2026-03-01T18:00:00Z"), closing_date: at("2026-03-10T18:00:00Z") }, financials: { assignment_fee: 1_000_000, profit: 1_000_000 } }]);

    // This week starts Monday 16 March 00:00 in Chicago (05:00 UTC).
    const [b1, b2, b3, b4] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    await message(ctx.tenantId, b1, at("2026-03-16T06:00:00Z"));
    await message(ctx.tenantId, b1, at("2026-03-17T06:00:00Z"));
    await message(ctx.tenantId, b2, at("2026-03-18T14:00:00Z"), { type: "email" });
    await message(ctx.tenantId, b3, at("2026-03-16T04:00:00Z")); // Sunday evening in Chicago: last week
    await message(ctx.tenantId, b4, at("2026-03-17T06:00:00Z"), { status: "failed" });
    await message(ctx.tenantId, b4, at("2026-03-19T06:00:00Z"), { status: "scheduled" });
    await message(ctx.tenantId, b4, at("2026-03-17T06:00:00Z"), { direction: "inbound", status: "received" });
    await message(other.ctx.tenantId, b4, at("2026-03-17T06:00:00Z"));

    const d = await getDispositionDashboard(dispo, { timeZone: TZ, now: NOW });
    expect(d.totalDeals).toBe(9);
    expect(Object.fromEntries(d.byStatus.map((s) => [s.status, s.count]))).toEqual({ pending: 1, under_contract: 3, closed: 4, cancelled: 1 });
    expect(d.closings.thisMonth).toMatchObject({ key: "2026-03", label: "Mar 2026", count: 3 });
    expect(d.closings.thisMonth.deals.map((r) => r.address)).toEqual(["3 Pine St, Dallas, TX", "1 Elm St, Dallas, TX", "Deal without an address"]);
    expect(d.closings.nextMonth).toMatchObject({ key: "2026-04", count: 1 });
    expect(d.monthly).toHaveLength(12);
    expect(d.monthly.slice(0, 4).map((b) => [b.label, b.closed, b.assignmentFees, b.profit])).toEqual([
      ["Jan", 1, 10_000, 10_000],
      ["Feb", 1, 7_500, 7_000],
      ["Mar", 1, 12_000, 11_000],
      ["Apr", 0, 0, 0],
    ]);
    expect(d.yearTotals).toEqual({ closed: 3, assignmentFees: 29_500, profit: 28_000 });
    expect(d.daysToClose).toEqual({ average: 25, median: 25, deals: 4 });
    expect(d.buyersContactedThisWeek).toEqual({ count: 2, since: "2026-03-16T05:00:00.000Z" });
    expect(d.noBuyer.count).toBe(2);
    expect(d.noBuyer.deals.map((r) => r.address)).toEqual(["9 Oak St, Dallas, TX", "1 Elm St, Dallas, TX"]);
  });

  it("gives zeros and empty lists for a company without deals", async () => {
    const { dispo } = await company();
    const d = await getDispositionDashboard(dispo, { timeZone: "UTC", now: NOW });
    expect(d.totalDeals).toBe(0);
    expect(d.byStatus.every((s) => s.count === 0)).toBe(true);
    expect(d.daysToClose).toEqual({ average: null, median: null, deals: 0 });
    expect(d.closings.thisMonth.deals).toEqual([]);
    expect(d.noBuyer).toEqual({ count: 0, deals: [] });
    expect(d.buyersContactedThisWeek.count).toBe(0);
  });

  it("is refused to reps", async () => {
    const { rep } = await company();
    await expect(getDispositionDashboard(rep, { now: NOW })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("starts the week on Monday in the person's time zone", () => {
    expect(weekStart(at("2026-03-16T04:59:00Z"), TZ).toISOString()).toBe("2026-03-09T05:00:00.000Z");
    expect(weekStart(at("2026-03-16T05:00:00Z"), TZ).toISOString()).toBe("2026-03-16T05:00:00.000Z");
    expect(weekStart(at("2026-03-22T23:00:00Z"), "UTC").toISOString()).toBe("2026-03-16T00:00:00.000Z");
  });
});

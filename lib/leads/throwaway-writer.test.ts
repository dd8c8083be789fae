// Issue 9's check: a throwaway writer (a script's updateMany on leads, then an insert and a delete)
// shows in the list, the timeline's activity, the tag catalogue and the board and dashboard counts
// with no call of its own to any of them. The writer only writes; its events are then delivered
// the way the worker does (deliverEvent for each event not yet dispatched), and every read model
// must answer what the database answers.
import { Types } from "mongoose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliverEvent } from "@/lib/core/events/deliver";
import { loadSubscribers } from "@/lib/core/events/load-subscribers";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext, type TenantContext } from "@/lib/core/db/tenant-context";
import { getDashboardSummary } from "@/lib/dashboard/get-dashboard-summary";
import { getBoard } from "@/lib/leads/board/get-board";
import { dropIndex } from "@/lib/leads/list/index/index-store";
import { buildLeadIndex } from "@/lib/leads/list/index/lead-index";
import { listLeads } from "@/lib/leads/list/list-leads";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { pageSourceFor } from "@/lib/leads/list/source";
import { getLeadTimeline } from "@/lib/leads/timeline/get-lead-timeline";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { listTags } from "@/lib/tags/tag-catalogue";
import { leadInput } from "@/lib/testing/factories";
import { DomainEvent } from "@/models/domain-event";
import { Lead, LEAD_STATUSES } from "@/models/lead";

const TAG = "from-script";
let tenantId: string | undefined;

beforeAll(() => loadSubscribers());
afterEach(() => (tenantId ? dropIndex(tenantId) : undefined));

/** A company with five new leads and its built list index; `admin` reads, the script writes. */
async function company() {
  const { admin } = await createWorkspace();
  tenantId = admin.tenantId;
  const names = ["Script A", "Script B", "Script C", "Keep D", "Keep E"];
  const docs = await scoped(admin, Lead).insertMany(names.map((name) => leadInput({ name, status: "new", tags: [] })));
  await buildLeadIndex(admin);
  await drain(admin.tenantId);
  const ids = Object.fromEntries(docs.map((d) => [d.name as string, String(d._id)]));
  return { admin, ids };
}

/** The worker's part: every event of the tenant not yet dispatched, delivered in revision order. */
async function drain(tenant: string): Promise<void> {
  const pending = await DomainEvent.find({ tenant_id: new Types.ObjectId(tenant), dispatched_at: { $exists: false } }, { _id: 1 }).sort({ rev: 1 }).lean();
  for (const e of pending) await deliverEvent(String(e._id));
}

const byName = (a: string, b: string) => a.localeCompare(b);

/** The list, as the /leads page reads it (from the index), for a query string. */
async function listed(ctx: TenantContext, search: string) {
  const source = await pageSourceFor(ctx);
  expect(source.name).toBe("index");
  const page = await listLeads(ctx, parseListQuery(new URLSearchParams(`${search}&size=100`)).query, { source });
  return { names: page.rows.map((r) => r.name).sort(byName), total: page.total };
}

/** What the database says, for the same question. */
async function stored(ctx: TenantContext, filter: Record<string, unknown>) {
  const docs = await scoped(ctx, Lead).find(filter, { name: 1 }).lean();
  return { names: docs.map((d) => d.name as string).sort(byName), total: docs.length };
}

async function countsByStatus(ctx: TenantContext): Promise<Record<string, number>> {
  const rows = await scoped(ctx, Lead).aggregate<{ _id: string; n: number }>([{ $group: { _id: "$status", n: { $sum: 1 } } }]);
  return Object.fromEntries(LEAD_STATUSES.map((s) => [s, rows.find((r) => r._id === s)?.n ?? 0]));
}

async function boardTotals(ctx: TenantContext): Promise<Record<string, number>> {
  const columns = await getBoard(ctx, parseListQuery(new URLSearchParams("")).query);
  return Object.fromEntries(columns.map((c) => [c.status, c.total]));
}

/** Every read model answers what the database answers, after the writes and their delivery. */
async function expectReadModelsMatchDatabase(admin: TenantContext) {
  expect(await listed(admin, "status=contacted")).toEqual(await stored(admin, { status: "contacted" }));
  expect(await listed(admin, `tag=${TAG}`)).toEqual(await stored(admin, { tags: TAG }));
  expect(await listed(admin, "")).toEqual(await stored(admin, {}));
  expect((await listTags(admin)).find((t) => t.name === TAG)?.usageCount).toBe(await scoped(admin, Lead).countDocuments({ tags: TAG }));
  const counts = await countsByStatus(admin);
  expect(await boardTotals(admin)).toEqual(counts);
  const dashboard = await getDashboardSummary(admin);
  expect(dashboard.leadsByStatus).toEqual(counts);
  expect(dashboard.leads).toBe(await scoped(admin, Lead).countDocuments({}));
}

/** The timeline's activities of a lead: what each says, and who did it. */
async function activities(ctx: TenantContext, id: string): Promise<{ description: string | null; actorLabel: string }[]> {
  return (await getLeadTimeline(ctx, id)).entries.flatMap((e) => (e.kind === "activity" ? [{ description: e.description, actorLabel: e.actorLabel }] : []));
}

async function expectStatusActivity(admin: TenantContext, id: string, actor: string) {
  const changed = (await activities(admin, id)).filter((a) => /Status/.test(a.description ?? "") && /contacted/i.test(a.description ?? ""));
  expect(changed).toHaveLength(1);
  expect(changed[0].actorLabel.trim()).toBe(actor);
}

describe("a throwaway writer on leads reaches the list, the timeline and the counters", () => {
  it("through the data layer: updateMany (status and a tag), an insert and a delete, as a script's system context", async () => {
    const { admin, ids } = await company();
    const before = await boardTotals(admin);
    const script = systemContext(admin.tenantId, "maintenance", undefined, undefined, "Cleanup script");

    await scoped(script, Lead).updateMany({ name: /^Script/ }, { $set: { status: "contacted" }, $addToSet: { tags: TAG } });
    await scoped(script, Lead).insertMany([leadInput({ name: "Script Inserted", status: "contacted", tags: [TAG] })]);
    await scoped(script, Lead).deleteOne({ name: "Script C" });
    await drain(admin.tenantId);

    await expectReadModelsMatchDatabase(admin);
    expect((await listed(admin, "status=contacted")).names).toEqual(["Script A", "Script B", "Script Inserted"]);
    expect((await listed(admin, `tag=${TAG}`)).total).toBe(3);
    expect((await listed(admin, "q=Script C")).names).toEqual([]);
    expect(await boardTotals(admin)).toMatchObject({ new: before.new - 3, contacted: before.contacted + 3 });
    for (const name of ["Script A", "Script B"]) await expectStatusActivity(admin, ids[name], "Cleanup script");
  });

  it("a raw Lead.updateMany from a script (no data layer helper, no context) is captured all the same", async () => {
    const { admin, ids } = await company();
    const before = await boardTotals(admin);
    const tenant_id = new Types.ObjectId(admin.tenantId);

    await Lead.updateMany({ tenant_id, name: /^Script/ }, { $set: { status: "contacted" }, $addToSet: { tags: TAG } });
    await Lead.insertMany([{ ...leadInput({ name: "Script Inserted", status: "contacted", tags: [TAG] }), tenant_id }]);
    await Lead.deleteOne({ tenant_id, name: "Script C" });
    await drain(admin.tenantId);

    await expectReadModelsMatchDatabase(admin);
    expect((await listed(admin, "status=contacted")).names).toEqual(["Script A", "Script B", "Script Inserted"]);
    expect(await boardTotals(admin)).toMatchObject({ new: before.new - 3, contacted: before.contacted + 3 });
    for (const name of ["Script A", "Script B"]) await expectStatusActivity(admin, ids[name], "System");
  });
});

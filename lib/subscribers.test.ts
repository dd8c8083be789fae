// A writer added tomorrow, with no call of its own to any follower, still reaches all of them:
// the lead list, the timeline's activity, tag usage and the contact counters. The writers here
// are the throwaway kind a script would be: updateMany/insertMany through the data layer.
import { Types } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { deliverEvent } from "@/lib/core/events/deliver";
import { scoped } from "@/lib/core/db/scoped";
import { dropIndex } from "@/lib/leads/list/index/index-store";
import { buildLeadIndex } from "@/lib/leads/list/index/lead-index";
import { listLeads } from "@/lib/leads/list/list-leads";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { pageSourceFor } from "@/lib/leads/list/source";
import { getLeadTimeline } from "@/lib/leads/timeline/get-lead-timeline";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { leadInput } from "@/lib/testing/factories";
import { Activity } from "@/models/activity";
import { Communication } from "@/models/communication";
import { DomainEvent } from "@/models/domain-event";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";

const tenants: string[] = [];
afterAll(() => Promise.all(tenants.map(dropIndex)));

async function workspaceWithLeads() {
  const ws = await createWorkspace();
  tenants.push(ws.admin.tenantId);
  await buildLeadIndex(ws.admin);
  const [a, b] = await scoped(ws.admin, Lead).insertMany([leadInput({ name: "Script One", status: "new" }), leadInput({ name: "Script Two", status: "new" })]);
  return { ctx: ws.admin, ids: [a._id as Types.ObjectId, b._id as Types.ObjectId] };
}

const activityTitles = async (ctx: Awaited<ReturnType<typeof workspaceWithLeads>>["ctx"], id: Types.ObjectId) =>
  (await getLeadTimeline(ctx, String(id))).entries.flatMap((e) => (e.kind === "activity" ? [`${e.description} · ${e.actorLabel}`] : []));

describe("a throwaway writer reaches every subscriber", () => {
  it("an updateMany on leads shows in the list", async () => {
    const { ctx } = await workspaceWithLeads();
    await scoped(ctx, Lead).updateMany({ name: /^Script/ }, { $set: { status: "contacted" } });
    const source = await pageSourceFor(ctx);
    expect(source.name).toBe("index");
    const page = await listLeads(ctx, parseListQuery(new URLSearchParams("status=contacted")).query, { source });
    expect(page.rows.map((r) => r.name).sort()).toEqual(["Script One", "Script Two"]);
  });

  it("an updateMany on leads shows on each lead's timeline, with before, after and who did it", async () => {
    const { ctx, ids } = await workspaceWithLeads();
    await scoped(ctx, Lead).updateMany({ name: /^Script/ }, { $set: { status: "contacted" } });
    for (const id of ids) expect(await activityTitles(ctx, id)).toContain("Status: new → contacted · Ada Admin");
  });

  it("an updateMany adding a tag counts it in the catalogue", async () => {
    const { ctx } = await workspaceWithLeads();
    await scoped(ctx, Lead).updateMany({ name: /^Script/ }, { $addToSet: { tags: "from-script" } });
    expect((await scoped(ctx, Tag).findOne({ name: "from-script" }).lean())?.usage_count).toBe(2);
    await scoped(ctx, Lead).updateMany({ name: "Script One" }, { $pullAll: { tags: ["from-script"] } });
    expect((await scoped(ctx, Tag).findOne({ name: "from-script" }).lean())?.usage_count).toBe(1);
  });

  it("communications written by a script count on their lead: communication_count and last_contacted", async () => {
    const { ctx, ids } = await workspaceWithLeads();
    const sent = new Date("2026-02-01T10:00:00Z");
    await scoped(ctx, Communication).insertMany([
      { type: "sms", direction: "outbound", recipient_type: "lead", recipient_id: ids[0], content: "Hi", status: "scheduled" },
      { type: "sms", direction: "outbound", recipient_type: "lead", recipient_id: ids[0], content: "Hello", status: "delivered", sent_at: sent },
    ]);
    expect(await scoped(ctx, Lead).findById(String(ids[0]), { communication_count: 1, last_contacted: 1 }).lean()).toMatchObject({ communication_count: 2, last_contacted: sent });

    // A status change by another script moves last_contacted; moving a message moves its count.
    const later = new Date("2026-02-02T10:00:00Z");
    await scoped(ctx, Communication).updateMany({ status: "scheduled" }, { $set: { status: "sent", sent_at: later } });
    expect(await scoped(ctx, Lead).findById(String(ids[0])).lean()).toMatchObject({ communication_count: 2, last_contacted: later });
    await scoped(ctx, Communication).updateMany({ content: "Hello" }, { $set: { recipient_id: ids[1] } });
    expect(await scoped(ctx, Lead).findById(String(ids[0])).lean()).toMatchObject({ communication_count: 1, last_contacted: later });
    expect(await scoped(ctx, Lead).findById(String(ids[1])).lean()).toMatchObject({ communication_count: 1, last_contacted: sent });
  });

  it("the worker delivering an event the writer's process already applied adds no second activity", async () => {
    const { ctx, ids } = await workspaceWithLeads();
    await scoped(ctx, Lead).updateMany({ name: "Script One" }, { $set: { priority: "urgent" } });
    const event = await DomainEvent.findOne({ tenant_id: new Types.ObjectId(ctx.tenantId), kind: "updated" }).lean();
    const logged = () => scoped(ctx, Activity).countDocuments({ entity_id: ids[0], type: "lead_updated" });
    expect(await logged()).toBe(1);
    // At least once: the inline run is forgotten and the worker delivers again.
    await DomainEvent.updateOne({ _id: event!._id }, { $set: { delivered: [] } });
    await deliverEvent(String(event!._id));
    expect(await logged()).toBe(1);
  });
});

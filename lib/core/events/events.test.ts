import { Types } from "mongoose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { effectivePermissions } from "@/lib/core/permissions";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { createSignInMember } from "@/lib/testing/sign-in";
import { DomainEvent } from "@/models/domain-event";
import { Lead } from "@/models/lead";
import { deliverEvent } from "./deliver";
import { getRedis } from "@/lib/core/redis";
import { openEvent, pendingKey } from "./outbox";
import { subscribe, subscribersFor, type DomainEventRecord } from "./subscribers";
import { sweepEvents } from "./sweep";
import { loadSubscribers } from "./load-subscribers";

// A subscriber of the tests' own: what it saw, and whether it should fail.
const seen: DomainEventRecord[] = [];
let failNext = 0;
subscribe({
  name: "test-recorder",
  resources: ["lead"],
  async handle(event) {
    if (failNext > 0) {
      failNext -= 1;
      throw new Error("subscriber down");
    }
    seen.push(event);
  },
});

// Every subscriber the app registers (lib/subscribers.ts), beside the test's own.
beforeAll(() => loadSubscribers());
beforeEach(() => {
  seen.length = 0;
  failNext = 0;
});

/** A company and its admin, a member acting through scoped(). */
async function workspace(): Promise<{ admin: TenantContext }> {
  const { ctx } = await createTenant();
  const { id } = await createSignInMember(ctx);
  return { admin: { tenantId: ctx.tenantId, userId: id, role: "admin", permissions: effectivePermissions("admin") } };
}

const leadSubscribers = () => subscribersFor("lead").map((s) => s.name);

async function eventsOf(tenantId: string) {
  return DomainEvent.find({ tenant_id: new Types.ObjectId(tenantId) }).sort({ rev: 1 }).lean();
}

describe("domain events", () => {
  it("a writer with no extra call (a script's updateMany on the model) reaches every subscriber", async () => {
    const { admin } = await workspace();
    const created = await scoped(admin, Lead).insertMany([leadInput({ priority: "low" }), leadInput({ priority: "low" })]);

    await Lead.updateMany({ tenant_id: new Types.ObjectId(admin.tenantId) }, { $set: { priority: "urgent" } });

    const events = await eventsOf(admin.tenantId);
    const update = events.find((e) => e.kind === "updated")!;
    expect(update).toMatchObject({ resource: "lead", actor: { kind: "system" } });
    expect(update.ids.map(String).sort()).toEqual(created.map((d) => String(d._id)).sort());
    expect(update.changes.map((c) => c.path)).toEqual(["priority"]);
    // The worker's delivery reaches every subscriber of leads: the app's (the list, activities, tag
    // usage...) and this test's.
    expect(leadSubscribers()).toContain("test-recorder");
    expect(leadSubscribers().length).toBeGreaterThan(1);
    await deliverEvent(String(update._id));
    expect(seen.map((e) => e.kind)).toEqual(["updated"]);
    const delivered = (await DomainEvent.findById(update._id).lean())!;
    expect(delivered.delivered.sort()).toEqual(leadSubscribers().sort());
    expect(delivered.dispatched_at).toBeInstanceOf(Date);
  });

  it("records who acted (a member through scoped()) and what changed, with the values before and after", async () => {
    const { admin } = await workspace();
    const lead = await scoped(admin, Lead).create(leadInput({ name: "Before Name", phone: "+15550102030" }));
    await scoped(admin, Lead).updateOne({ _id: lead._id }, { $set: { name: "After Name" } });
    await scoped(admin, Lead).updateOne({ phone: "+15550102030" }, { $set: { priority: "urgent" } });
    const [create, byId, byPhone] = await eventsOf(admin.tenantId);
    expect(create).toMatchObject({ kind: "created", actor: { kind: "member", id: admin.userId }, ids: [lead._id] });
    expect(byId.changes).toEqual([{ path: "name", before: "Before Name", after: "After Name" }]);
    expect(byPhone).toMatchObject({ ids: [lead._id], changes: [{ path: "priority", before: "medium", after: "urgent" }] });
  });

  it("stamps each written document with the tenant's revision, later writes higher", async () => {
    const { admin } = await workspace();
    const lead = await scoped(admin, Lead).create(leadInput());
    const first = (await Lead.findOne({ _id: lead._id, tenant_id: lead.tenant_id }).lean()) as unknown as { rev: number };
    await scoped(admin, Lead).updateOne({ _id: lead._id }, { $set: { priority: "high" } });
    const second = (await Lead.findOne({ _id: lead._id, tenant_id: lead.tenant_id }).lean()) as unknown as { rev: number };
    expect(second.rev).toBeGreaterThan(first.rev);
  });

  it("announces nothing for an update that matches no document or a write that failed, and leaves no intent behind", async () => {
    const { admin } = await workspace();
    await scoped(admin, Lead).updateOne({ _id: new Types.ObjectId() }, { $set: { priority: "high" } });
    await scoped(admin, Lead).updateMany({ name: "nobody" }, { $set: { priority: "high" } });
    await expect(scoped(admin, Lead).create({ name: "No phone" })).rejects.toThrow(/phone is required/);
    expect(await eventsOf(admin.tenantId)).toEqual([]);
    const intents = Object.values(await getRedis().hgetall(pendingKey())).map((j) => JSON.parse(j) as { tenant_id: string });
    expect(intents.filter((i) => i.tenant_id === admin.tenantId)).toEqual([]);
  });

  it("retries a failed subscriber, and only that one, until it succeeds", async () => {
    const { admin } = await workspace();
    await scoped(admin, Lead).create(leadInput());
    const [event] = await eventsOf(admin.tenantId);
    failNext = 1;
    await expect(deliverEvent(String(event._id))).rejects.toThrow(/test-recorder: subscriber down/);
    expect((await DomainEvent.findById(event._id).lean())!.dispatched_at).toBeUndefined();
    await deliverEvent(String(event._id));
    expect(seen).toHaveLength(1);
    expect((await DomainEvent.findById(event._id).lean())!.delivered.sort()).toEqual(leadSubscribers().sort());
  });

  it("the sweep settles a writer that died after its write and before announcing it", async () => {
    const { admin } = await workspace();
    const tenant_id = new Types.ObjectId(admin.tenantId);
    // The crashed writer: its intent and the document it wrote with its revision.
    const id = new Types.ObjectId();
    const event = await openEvent({ tenant_id, resource: "lead", kind: "created", actor: { kind: "system" }, changes: [], ids: [id] });
    await Lead.collection.insertOne({ _id: id, tenant_id, name: "Orphan", phone: "+15550001111", status: "new", tags: [], search_keys: ["orphan"], rev: event.rev, created_at: new Date() });
    // And one that died before writing anything.
    const nothing = await openEvent({ tenant_id, resource: "lead", kind: "created", actor: { kind: "system" }, changes: [], ids: [new Types.ObjectId()] });

    // Within the grace period a writer may still be at work: nothing is touched.
    expect(await sweepEvents(new Date())).toMatchObject({ settled: 0, dropped: 0 });
    const report = await sweepEvents(new Date(Date.now() + 60_000));
    expect(report.settled).toBeGreaterThanOrEqual(1);
    expect(await DomainEvent.findById(event._id).lean()).toMatchObject({ kind: "created", ids: [id] });
    expect(await DomainEvent.findById(nothing._id).lean()).toBeNull();
    expect(await getRedis().hget(pendingKey(), String(event._id))).toBeNull();
    await deliverEvent(String(event._id));
    expect(seen.map((e) => ({ kind: e.kind, ids: e.ids.map(String) }))).toEqual([{ kind: "created", ids: [String(id)] }]);
  });
});

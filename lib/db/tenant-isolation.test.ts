import { Types, type Model } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/db/scoped";
import { TenantScopeError, type TenantContext } from "@/lib/db/tenant-context";
import { createTenant } from "@/lib/testing/factories";
import { Activity, Analytics, Buyer, Communication, Deal, Lead, Setting, Tag, Template, User, Workflow } from "@/models";

let seq = 0;
const next = () => (seq += 1);

// A valid document of each tenant-owned model, and a field to change in update tests.
const cases: { name: string; model: Model<any>; doc: () => Record<string, unknown>; change: Record<string, unknown> }[] = [
  { name: "users", model: User, doc: () => ({ email: `u${next()}@x.com`, name: "User", role: "admin" }), change: { name: "Changed" } },
  { name: "leads", model: Lead, doc: () => ({ name: `Lead ${next()}`, phone: "+15551230000" }), change: { notes: "changed" } },
  { name: "buyers", model: Buyer, doc: () => ({ name: `Buyer ${next()}`, phone: "+15551230001" }), change: { notes: "changed" } },
  {
    name: "communications",
    model: Communication,
    doc: () => ({ type: "sms", direction: "outbound", recipient_type: "lead", recipient_id: new Types.ObjectId(), content: "hi" }),
    change: { content: "changed" },
  },
  { name: "deals", model: Deal, doc: () => ({ status: "pending" }), change: { notes: "changed" } },
  { name: "activities", model: Activity, doc: () => ({ type: "lead_created", entity_type: "lead" }), change: { description: "changed" } },
  { name: "tags", model: Tag, doc: () => ({ name: `tag-${next()}` }), change: { description: "changed" } },
  { name: "templates", model: Template, doc: () => ({ name: "T", type: "sms", content: "Hello {{name}}" }), change: { content: "changed" } },
  { name: "workflows", model: Workflow, doc: () => ({ name: "W", trigger: { type: "lead_created" } }), change: { description: "changed" } },
  { name: "analytics", model: Analytics, doc: () => ({ metric_name: "leads_created", metric_value: 3 }), change: { metric_value: 9 } },
  { name: "settings", model: Setting, doc: () => ({ category: "general", key: `k${next()}`, value: 1 }), change: { value: 2 } },
];

let a: TenantContext;
let b: TenantContext;

beforeAll(async () => {
  a = (await createTenant()).ctx;
  b = (await createTenant()).ctx;
});

describe.each(cases)("$name through the data layer", ({ model, doc, change }) => {
  it("stamps the acting tenant on create, whatever tenant_id the input carries", async () => {
    const created = await scoped(a, model).create({ ...doc(), tenant_id: b.tenantId });
    expect(String(created.tenant_id)).toBe(a.tenantId);
  });

  it("never shows or changes another tenant's documents", async () => {
    const mine = await scoped(a, model).create(doc());
    const theirs = await scoped(b, model).create(doc());
    const id = String(theirs._id);

    // Reads by id, filter, list and count see only the caller's tenant.
    expect(await scoped(a, model).findById(id)).toBeNull();
    expect(await scoped(a, model).findOne({ _id: theirs._id })).toBeNull();
    expect(await scoped(a, model).findOne({ _id: theirs._id, tenant_id: b.tenantId })).toBeNull();
    const list = await scoped(a, model).find({}).lean();
    expect(list.every((d: any) => String(d.tenant_id) === a.tenantId)).toBe(true);
    expect(list.some((d: any) => String(d._id) === String(mine._id))).toBe(true);
    expect(await scoped(a, model).countDocuments({ _id: theirs._id })).toBe(0);
    expect(await scoped(a, model).find({ $or: [{ tenant_id: b.tenantId }] }).lean()).toEqual([]);

    // Writes aimed at the other tenant's id change nothing.
    const before = await model.findOne({ _id: theirs._id }).setOptions({ allTenants: true }).lean();
    expect((await scoped(a, model).updateOne({ _id: theirs._id }, { $set: change })).matchedCount).toBe(0);
    expect((await scoped(a, model).updateMany({}, { $set: change })).matchedCount).toBeGreaterThan(0);
    expect(await scoped(a, model).updateById(id, { $set: change })).toBeNull();
    expect(await scoped(a, model).deleteById(id)).toBeNull();
    expect((await scoped(a, model).deleteOne({ _id: theirs._id })).deletedCount).toBe(0);
    const after = await model.findOne({ _id: theirs._id }).setOptions({ allTenants: true }).lean();
    expect(after).toEqual(before);

    // Aggregations start from the caller's tenant.
    const groups = await scoped(a, model).aggregate<{ _id: unknown; n: number }>([{ $group: { _id: "$tenant_id", n: { $sum: 1 } } }]);
    expect(groups.map((g) => String(g._id))).toEqual([a.tenantId]);

    // The caller's tenant-wide delete leaves the other tenant alone.
    await scoped(a, model).deleteMany({});
    expect(await scoped(a, model).countDocuments()).toBe(0);
    expect(await scoped(b, model).findById(id)).not.toBeNull();
  });

  it("treats malformed ids like ids that do not exist", async () => {
    expect(await scoped(a, model).findById("not-an-id")).toBeNull();
    expect(await scoped(a, model).findById({ $ne: null })).toBeNull();
    expect(await scoped(a, model).updateById("x", { $set: change })).toBeNull();
    expect(await scoped(a, model).deleteById(undefined)).toBeNull();
  });

  it("refuses to run without a tenant", async () => {
    expect(() => scoped(undefined as unknown as TenantContext, model)).toThrow(TenantScopeError);
    expect(() => scoped({ tenantId: "" }, model)).toThrow(TenantScopeError);
    await expect(model.find({})).rejects.toThrow(TenantScopeError);
    await expect(model.findOne({ tenant_id: { $ne: a.tenantId } })).rejects.toThrow(TenantScopeError);
    await expect(model.countDocuments({})).rejects.toThrow(TenantScopeError);
    await expect(model.estimatedDocumentCount()).rejects.toThrow(TenantScopeError);
    await expect(model.distinct("_id", {})).rejects.toThrow(TenantScopeError);
    await expect(model.updateMany({}, { $set: change })).rejects.toThrow(TenantScopeError);
    await expect(model.deleteMany({})).rejects.toThrow(TenantScopeError);
    await expect(model.findOneAndUpdate({}, { $set: change })).rejects.toThrow(TenantScopeError);
    await expect(model.aggregate([{ $match: {} }])).rejects.toThrow(TenantScopeError);
    await expect(model.bulkWrite([{ deleteMany: { filter: {} } }])).rejects.toThrow(TenantScopeError);
    await expect(model.create({ ...doc() })).rejects.toThrow(/tenant_id is required/);
  });

  it("refuses to move a document to another tenant", async () => {
    const mine = await scoped(a, model).create(doc());
    await expect(scoped(a, model).updateOne({ _id: mine._id }, { $set: { tenant_id: b.tenantId } })).rejects.toThrow(TenantScopeError);
    await expect(scoped(a, model).updateOne({ _id: mine._id }, { tenant_id: b.tenantId })).rejects.toThrow(TenantScopeError);
    const stored = await scoped(a, model).findById(String(mine._id)).lean();
    expect(String((stored as any).tenant_id)).toBe(a.tenantId);
  });
});

describe("aggregation guard", () => {
  it("refuses stages that read other collections", async () => {
    await expect(
      scoped(a, Lead).aggregate([{ $lookup: { from: "leads", localField: "_id", foreignField: "_id", as: "x" } }]),
    ).rejects.toThrow(TenantScopeError);
    await expect(scoped(a, Lead).aggregate([{ $unionWith: { coll: "leads" } } as any])).rejects.toThrow(TenantScopeError);
  });
});

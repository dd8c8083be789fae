import { Types, type Model } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { TenantScopeError, type TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant } from "@/lib/testing/factories";
import {
  Activity,
  Analytics,
  Buyer,
  Communication,
  Deal,
  DeletedLead,
  Invite,
  Lead,
  LeadImport,
  LeadImportChunk,
  LeadImportRow,
  LeadMerge,
  SavedView,
  Setting,
  Tag,
  Template,
  User,
  Workflow,
} from "@/models";

let seq = 0;
const next = () => (seq += 1);

/** New fields for the document `target` (a replacement keeps the _id it replaces). */
const replacement = (target: unknown, { _id, ...fields }: Record<string, unknown>) => ({ ...fields, _id: target });

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
  // The project's own tenant-owned collections.
  { name: "saved_views", model: SavedView, doc: () => ({ owner_id: new Types.ObjectId(), name: `View ${next()}` }), change: { query: "status=new" } },
  {
    name: "deleted_leads",
    model: DeletedLead,
    doc: () => ({ batch_id: `b${next()}`, lead_id: new Types.ObjectId(), lead: { name: "Gone" }, expires_at: new Date(Date.now() + 86_400_000) }),
    change: { lead: { name: "changed" } },
  },
  { name: "lead_imports", model: LeadImport, doc: () => ({ file_name: "leads.csv", file_size: 10 }), change: { error: "changed" } },
  {
    name: "lead_import_chunks",
    model: LeadImportChunk,
    doc: () => ({ _id: new Types.ObjectId(), import_id: new Types.ObjectId(), seq: 0, data: Buffer.from("a,b") }),
    change: { data: Buffer.from("changed") },
  },
  {
    name: "lead_import_rows",
    model: LeadImportRow,
    doc: () => ({ _id: new Types.ObjectId(), import_id: new Types.ObjectId(), row: next(), outcome: "rejected", reason: "bad phone" }),
    change: { reason: "changed" },
  },
  {
    name: "lead_merges",
    model: LeadMerge,
    doc: () => ({ kept_id: new Types.ObjectId(), merged_id: new Types.ObjectId(), snapshot: { name: "A" }, patch: { notes: "x" } }),
    change: { steps: ["patched"] },
  },
  {
    name: "invites",
    model: Invite,
    doc: () => ({ email: `i${next()}@x.com`, role: "acquisition_rep", token_hash: `h${next()}`, expires_at: new Date(Date.now() + 86_400_000) }),
    change: { sent_count: 3 },
  },
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

  it("finds, updates and deletes by id given as a string or as an ObjectId, and another tenant's either way as missing", async () => {
    const mine = await scoped(a, model).create(doc());
    const theirs = await scoped(b, model).create(doc());
    expect(String((await scoped(a, model).findById(mine._id))?._id)).toBe(String(mine._id));
    expect(String((await scoped(a, model).findById(String(mine._id)))?._id)).toBe(String(mine._id));
    expect(await scoped(a, model).findById(theirs._id)).toBeNull();
    expect(await scoped(a, model).updateById(theirs._id, { $set: change })).toBeNull();
    expect(await scoped(a, model).deleteById(theirs._id)).toBeNull();
    expect(await scoped(b, model).findById(theirs._id)).not.toBeNull();
    expect(await scoped(a, model).updateById(mine._id, { $set: change })).not.toBeNull();
    expect(await scoped(a, model).deleteById(mine._id)).not.toBeNull();
    expect(await scoped(a, model).findById(mine._id)).toBeNull();
  });

  it("keeps every other kind of operation to the caller's tenant", async () => {
    const theirs = await scoped(b, model).create(doc());
    const id = String(theirs._id);
    const snapshot = () => model.findOne({ _id: theirs._id }).setOptions({ allTenants: true }).lean();
    const before = await snapshot();

    expect(await scoped(a, model).exists({ _id: theirs._id })).toBeNull();
    expect((await scoped(a, model).distinct("_id")).map(String)).not.toContain(id);
    const inserted = await scoped(a, model).insertMany([{ ...doc(), tenant_id: b.tenantId }]);
    expect(String(inserted[0].tenant_id)).toBe(a.tenantId);

    // The raw model pinned to tenant A, aimed at B's id, behaves as if the id did not exist.
    const pinnedToA = { _id: theirs._id, tenant_id: a.tenantId };
    // FerretDB's findAndModify cannot project, and users hide password_hash by default.
    const all = <Q extends { select: (s: string) => Q }>(q: Q) => (model.schema.path("password_hash") ? q.select("+password_hash") : q);
    expect(await all(model.findOneAndUpdate(pinnedToA, { $set: change }))).toBeNull();
    expect(await all(model.findOneAndDelete(pinnedToA))).toBeNull();
    expect(await all(model.findOneAndReplace(pinnedToA, replacement(theirs._id, doc())))).toBeNull();
    expect((await model.replaceOne(pinnedToA, replacement(theirs._id, doc()))).matchedCount).toBe(0);
    expect((await model.deleteMany(pinnedToA)).deletedCount).toBe(0);

    // Bulk writes through the data layer: B's id matches nothing, inserts land in A.
    const res = await scoped(a, model).bulkWrite([
      { updateOne: { filter: { _id: theirs._id }, update: { $set: change } } },
      { updateMany: { filter: { _id: theirs._id }, update: { $set: change } } },
      { replaceOne: { filter: { _id: theirs._id }, replacement: replacement(theirs._id, doc()) } },
      { deleteOne: { filter: { _id: theirs._id } } },
      { deleteMany: { filter: { _id: theirs._id } } },
      { insertOne: { document: { ...doc(), tenant_id: b.tenantId } } },
    ]);
    expect(res.matchedCount + res.deletedCount).toBe(0);
    const insertedId = String(Object.values(res.insertedIds)[0]);
    expect(String(((await scoped(a, model).findById(insertedId).lean()) as any)?.tenant_id)).toBe(a.tenantId);

    expect(await snapshot()).toEqual(before);
  });

  it("lets a document's own updateOne and deleteOne reach only its own row", async () => {
    const mine = await scoped(a, model).findById(String((await scoped(a, model).create(doc()))._id));
    expect((await mine!.updateOne({ $set: change })).matchedCount).toBe(1);
    expect((await mine!.deleteOne()).deletedCount).toBe(1);
    expect(await scoped(a, model).findById(String(mine!._id))).toBeNull();
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
    await expect(model.updateMany({}, { $set: change })).rejects.toThrow(`${model.modelName}.updateMany without an exact tenant_id`);
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
    await expect(scoped(a, model).updateOne({ _id: mine._id }, { $rename: { created_at: "tenant_id" } })).rejects.toThrow(TenantScopeError);
    const toB = { ...replacement(mine._id, doc()), tenant_id: b.tenantId };
    await expect(model.replaceOne({ _id: mine._id, tenant_id: a.tenantId }, toB)).rejects.toThrow(TenantScopeError);
    await expect(model.findOneAndReplace({ _id: mine._id, tenant_id: a.tenantId }, toB)).rejects.toThrow(TenantScopeError);
    await expect(model.bulkWrite([{ replaceOne: { filter: { _id: mine._id, tenant_id: a.tenantId }, replacement: toB } }])).rejects.toThrow(TenantScopeError);
    // A replacement that leaves tenant_id out keeps the document in its tenant.
    expect((await model.replaceOne({ _id: mine._id, tenant_id: a.tenantId }, replacement(mine._id, doc()))).matchedCount).toBe(1);
    const stored = await scoped(a, model).findById(String(mine._id)).lean();
    expect(String((stored as any).tenant_id)).toBe(a.tenantId);
  });
});

describe("populate", () => {
  it("fills a reference to the caller's own document, and leaves one to another tenant's empty", async () => {
    const ownLead = await scoped(a, Lead).create({ name: "Own", phone: "+15551230002" });
    const theirLead = await scoped(b, Lead).create({ name: "Theirs", phone: "+15551230003" });
    const theirUser = await scoped(b, User).create({ email: `p${next()}@x.com`, name: "Other", role: "admin" });
    const good = await scoped(a, Deal).create({ lead_id: ownLead._id, status: "pending" });
    const planted = await scoped(a, Deal).create({ lead_id: theirLead._id, assigned_to: theirUser._id, status: "pending" });

    const deals = await scoped(a, Deal).find({ _id: { $in: [good._id, planted._id] } }).populate(["lead_id", "assigned_to"]).lean();
    const byId = new Map(deals.map((d: any) => [String(d._id), d]));
    expect((byId.get(String(good._id)) as any).lead_id).toMatchObject({ name: "Own" });
    expect((byId.get(String(planted._id)) as any).lead_id).toBeNull();
    expect((byId.get(String(planted._id)) as any).assigned_to).toBeNull();
    expect(((await scoped(a, Deal).findById(String(planted._id)).populate({ path: "lead_id", match: { status: "new" } }).lean()) as any).lead_id).toBeNull();
    const updated = await Deal.findOneAndUpdate({ _id: good._id, tenant_id: a.tenantId }, { $set: { notes: "seen" } }, { new: true }).populate("lead_id").lean();
    expect((updated as any).lead_id).toMatchObject({ name: "Own" });
  });

  it("refuses to populate from a query that names no tenant", async () => {
    await expect(Lead.populate([{ assigned_to: new Types.ObjectId() }], { path: "assigned_to" })).rejects.toThrow(TenantScopeError);
  });
});

describe("aggregation guard", () => {
  it("refuses cross-collection stages, also inside $facet", async () => {
    await expect(
      scoped(a, Lead).aggregate([{ $facet: { all: [{ $lookup: { from: "leads", pipeline: [], as: "x" } }] } } as any]),
    ).rejects.toThrow(TenantScopeError);
    await expect(scoped(a, Lead).aggregate([{ $facet: { all: [{ $unionWith: { coll: "leads" } }] } } as any])).rejects.toThrow(TenantScopeError);
  });

  it("refuses stages that read other collections", async () => {
    await expect(
      scoped(a, Lead).aggregate([{ $lookup: { from: "leads", localField: "_id", foreignField: "_id", as: "x" } }]),
    ).rejects.toThrow(TenantScopeError);
    await expect(scoped(a, Lead).aggregate([{ $unionWith: { coll: "leads" } } as any])).rejects.toThrow(TenantScopeError);
  });
});

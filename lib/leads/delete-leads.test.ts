import { beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant, leadInput, withoutRevision } from "@/lib/testing/factories";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { Activity } from "@/models/activity";
import { DeletedLead } from "@/models/deleted-lead";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { Tenant } from "@/models/tenant";
import { User } from "@/models/user";
import { deleteLeads, purgeExpiredTrash, restoreLeads } from "./delete-leads";
import { parseListQuery } from "./list/list-query";

let admin: TenantContext;
let rep: TenantContext;
let other: TenantContext;
let ids: string[];
let foreignIds: string[];

beforeEach(async () => {
  const a = await createTenant();
  const [boss, r] = await scoped(a.ctx, User).insertMany([
    { email: "boss@d.test", name: "Boss", role: "admin" },
    { email: "rep@d.test", name: "Rep", role: "acquisition_rep" },
  ]);
  admin = { tenantId: a.ctx.tenantId, userId: String(boss._id), role: "admin" };
  // A rep allowed to delete their own leads.
  rep = { tenantId: a.ctx.tenantId, userId: String(r._id), permissions: ["leads.read", "leads.write", "leads.delete"] };
  const docs = await scoped(admin, Lead).insertMany([
    leadInput({ name: "Keep Me", status: "new", tags: ["vacant"] }),
    leadInput({ name: "Drop One", status: "lost", tags: ["vacant", "dnc"], notes: "old notes", custom_fields: { motivation: "divorce" }, next_follow_up: new Date("2026-01-02T00:00:00Z"), assigned_to: r._id }),
    leadInput({ name: "Drop Two", status: "lost", tags: ["dnc"] }),
  ]);
  ids = docs.map((d) => String(d._id));
  other = (await createTenant()).ctx;
  foreignIds = (await scoped(other, Lead).insertMany([leadInput({ name: "Foreign", status: "lost" })])).map((d) => String(d._id));
});

describe("deleteLeads and restoreLeads", () => {
  it("moves the filtered set to the trash and restores it exactly, ids included", async () => {
    const before = await scoped(admin, Lead).find({ status: "lost" }).sort({ name: 1 }).lean();
    const { batchId, count } = await deleteLeads(admin, { query: parseListQuery(new URLSearchParams("status=lost")).query });
    expect(count).toBe(2);
    expect((await scoped(admin, Lead).find({}).lean()).map((l) => l.name)).toEqual(["Keep Me"]);
    expect(await scoped(admin, DeletedLead).countDocuments({ batch_id: batchId })).toBe(2);
    expect(await scoped(admin, Activity).countDocuments({ type: LEAD_ACTIVITY.deleted, "metadata.batch_id": batchId })).toBe(2);
    expect((await scoped(admin, Tag).find({}).sort({ name: 1 }).lean()).map((t) => [t.name, t.usage_count])).toEqual([["dnc", 0], ["vacant", 1]]);

    expect(await restoreLeads(admin, batchId)).toEqual({ count: 2 });
    const after = await scoped(admin, Lead).find({ status: "lost" }).sort({ name: 1 }).lean();
    expect(after.map(withoutRevision)).toEqual(before.map(withoutRevision));
    expect(await scoped(admin, DeletedLead).countDocuments({})).toBe(0);
    expect(await scoped(admin, Activity).countDocuments({ type: LEAD_ACTIVITY.restored })).toBe(2);
    expect((await scoped(admin, Tag).find({}).sort({ name: 1 }).lean()).map((t) => [t.name, t.usage_count])).toEqual([["dnc", 2], ["vacant", 2]]);
    // Undo twice: nothing left to restore.
    await expect(restoreLeads(admin, batchId)).rejects.toThrow(/Nothing to restore/);
  });

  it("deletes a single lead by id for the lead page", async () => {
    const { batchId, count } = await deleteLeads(admin, [ids[0]]);
    expect(count).toBe(1);
    expect(await scoped(admin, Lead).countDocuments({})).toBe(2);
    await restoreLeads(admin, batchId);
    expect(await scoped(admin, Lead).countDocuments({})).toBe(3);
  });

  it("lets a rep delete only leads they see, and restore only their own deletes", async () => {
    const mine = await deleteLeads(rep, ids);
    expect(mine.count).toBe(1);
    const theirs = await deleteLeads(admin, [ids[0]]);
    await expect(restoreLeads(rep, theirs.batchId)).rejects.toThrow(/Nothing to restore/);
    expect(await restoreLeads(rep, mine.batchId)).toEqual({ count: 1 });
    await expect(deleteLeads({ ...rep, permissions: ["leads.read", "leads.write"] }, ids)).rejects.toThrow(/permission/);
  });

  it("never deletes or restores across tenants", async () => {
    expect((await deleteLeads(admin, foreignIds)).count).toBe(0);
    expect((await deleteLeads(admin, { query: parseListQuery(new URLSearchParams("q=foreign")).query })).count).toBe(0);
    expect(await scoped(other, Lead).countDocuments({})).toBe(1);
    const { batchId } = await deleteLeads(other, foreignIds);
    await expect(restoreLeads(admin, batchId)).rejects.toThrow(/Nothing to restore/);
    expect(await scoped(other, DeletedLead).countDocuments({ batch_id: batchId })).toBe(1);
    await expect(restoreLeads(admin, "not-a-batch")).rejects.toThrow(/Nothing to restore/);
  });

  it("restores only while the leads fit in the plan: an undo after the plan filled up restores nothing", async () => {
    const { batchId } = await deleteLeads(admin, [ids[1], ids[2]]);
    await scoped(admin, Lead).insertMany([leadInput({ name: "New One" }), leadInput({ name: "New Two" })]);
    await Tenant.updateOne({ _id: admin.tenantId }, { $set: { max_leads: 4 } });

    await expect(restoreLeads(admin, batchId)).rejects.toThrow(/only 1 more fit, not 2/);
    expect((await scoped(admin, Lead).find({}).sort({ name: 1 }).lean()).map((l) => l.name)).toEqual(["Keep Me", "New One", "New Two"]);
    expect(await scoped(admin, DeletedLead).countDocuments({ batch_id: batchId })).toBe(2);

    await deleteLeads(admin, { query: parseListQuery(new URLSearchParams("q=new")).query });
    expect(await restoreLeads(admin, batchId)).toEqual({ count: 2 });
  });

  it("purges batches past their restore period", async () => {
    const { batchId } = await deleteLeads(admin, [ids[1]]);
    expect(await purgeExpiredTrash(admin, new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(await purgeExpiredTrash(admin, new Date(Date.now() + 31 * 86_400_000))).toBe(1);
    await expect(restoreLeads(admin, batchId)).rejects.toThrow(/Nothing to restore/);
  });
});

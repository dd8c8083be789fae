import { beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { Activity } from "@/models/activity";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { User } from "@/models/user";
import { parseListQuery } from "../list/list-query";
import { applyBulkChange } from "./apply-bulk-change";
import type { BulkChange } from "./bulk-change";
import { bulkTargetSchema } from "./target-schema";
import { targetFromInput } from "./target";

let admin: TenantContext;
let rep: TenantContext;
let other: TenantContext;
let repId: string;
let otherLeadIds: string[];
let mine: string[];

const q = (search: string) => ({ query: parseListQuery(new URLSearchParams(search)).query });
const leadsOf = (ctx: TenantContext) => scoped(ctx, Lead).find({}).sort({ name: 1 }).lean();

beforeEach(async () => {
  const a = await createTenant();
  const [boss, r] = await scoped(a.ctx, User).insertMany([
    { email: "boss@b.test", name: "Boss", role: "admin" },
    { email: "rep@b.test", name: "Rita Rep", role: "acquisition_rep" },
  ]);
  repId = String(r._id);
  admin = { tenantId: a.ctx.tenantId, userId: String(boss._id), role: "admin", ip: "203.0.113.9", userAgent: "vitest" };
  rep = { tenantId: a.ctx.tenantId, userId: repId, role: "acquisition_rep", ip: "203.0.113.10", userAgent: "vitest" };
  const docs = await scoped(admin, Lead).insertMany([
    leadInput({ name: "A lead", status: "new", tags: ["vacant"], assigned_to: repId }),
    leadInput({ name: "B lead", status: "new", tags: [] }),
    leadInput({ name: "C lead", status: "contacted", tags: ["vacant", "probate"], assigned_to: repId }),
  ]);
  mine = docs.map((d) => String(d._id));
  other = (await createTenant()).ctx;
  const [ob] = await scoped(other, User).insertMany([{ email: "o@b.test", name: "Other", role: "admin" }]);
  other = { ...other, userId: String(ob._id) };
  otherLeadIds = (await scoped(other, Lead).insertMany([leadInput({ name: "Foreign", status: "new", tags: ["vacant"] })])).map((d) => String(d._id));
});

describe("bulk changes", () => {
  it("assigns a selection, one activity per changed lead with before/after, user, IP and agent", async () => {
    const res = await applyBulkChange(admin, [mine[0], mine[1]], { kind: "assign", userId: repId });
    expect(res).toMatchObject({ matched: 2, changed: 1, message: "Assigned 1 lead to Rita Rep" });
    const leads = await leadsOf(admin);
    expect(leads.map((l) => String(l.assigned_to ?? ""))).toEqual([repId, repId, repId]);
    const acts = await scoped(admin, Activity).find({ type: LEAD_ACTIVITY.assigned }).lean();
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ entity_type: "lead", ip_address: "203.0.113.9", user_agent: "vitest" });
    expect(String(acts[0].entity_id)).toBe(mine[1]);
    expect(String(acts[0].user_id)).toBe(admin.userId);
    expect((acts[0].metadata as any).changes.assigned_to).toEqual({ from: null, to: repId });
  });

  it("unassigns, and refuses a teammate who is not an active member of this tenant", async () => {
    await expect(applyBulkChange(admin, mine, { kind: "assign", userId: other.userId! })).rejects.toThrow(/highlighted/);
    const res = await applyBulkChange(admin, mine, { kind: "assign", userId: null });
    expect(res.changed).toBe(2);
    expect((await leadsOf(admin)).every((l) => !l.assigned_to)).toBe(true);
  });

  it("adds and removes tags with exact values, recounting the catalogue", async () => {
    const add = await applyBulkChange(admin, q(""), { kind: "addTags", tags: ["vacant", "hot"] });
    expect(add.changed).toBe(3);
    expect((await leadsOf(admin)).map((l) => l.tags)).toEqual([["vacant", "hot"], ["vacant", "hot"], ["vacant", "probate", "hot"]]);
    const tags = await scoped(admin, Tag).find({}).sort({ name: 1 }).lean();
    expect(tags.map((t) => [t.name, t.usage_count])).toEqual([["hot", 3], ["probate", 1], ["vacant", 3]]);

    const remove = await applyBulkChange(admin, q("tag=probate"), { kind: "removeTags", tags: ["vacant", "probate"] });
    expect(remove).toMatchObject({ matched: 1, changed: 1 });
    expect((await leadsOf(admin)).map((l) => l.tags)).toEqual([["vacant", "hot"], ["vacant", "hot"], ["hot"]]);
    const after = await scoped(admin, Tag).find({}).sort({ name: 1 }).lean();
    expect(after.map((t) => [t.name, t.usage_count])).toEqual([["hot", 3], ["probate", 0], ["vacant", 2]]);
    const act = await scoped(admin, Activity).findOne({ type: LEAD_ACTIVITY.tagsChanged, entity_id: mine[2], "metadata.removed": "probate" }).lean();
    expect((act?.metadata as any).changes.tags).toEqual({ from: ["vacant", "probate", "hot"], to: ["hot"] });
  });

  it("changes status and priority on the whole filtered set, re-evaluated on the server", async () => {
    const target = targetFromInput(bulkTargetSchema.parse({ mode: "all", query: "status=new" }));
    const res = await applyBulkChange(admin, target, { kind: "status", status: "contacted" });
    expect(res).toMatchObject({ matched: 2, changed: 2, message: "Moved 2 leads to contacted" });
    expect((await leadsOf(admin)).map((l) => l.status)).toEqual(["contacted", "contacted", "contacted"]);
    const pri = await applyBulkChange(admin, q("q=c lead"), { kind: "priority", priority: "urgent" });
    expect(pri.changed).toBe(1);
    expect((await leadsOf(admin)).map((l) => l.priority)).toEqual(["medium", "medium", "urgent"]);
    const again = await applyBulkChange(admin, q("q=c lead"), { kind: "priority", priority: "urgent" });
    expect(again.changed).toBe(0);
    expect(await scoped(admin, Activity).countDocuments({ "metadata.changes.priority.to": "urgent" })).toBe(1);
  });

  it("limits a rep to their own leads and to what they are allowed to do", async () => {
    const res = await applyBulkChange(rep, q(""), { kind: "status", status: "lost" });
    expect(res.matched).toBe(2);
    expect((await leadsOf(admin)).map((l) => l.status)).toEqual(["lost", "new", "lost"]);
    const byId = await applyBulkChange(rep, [mine[1]], { kind: "status", status: "lost" });
    expect(byId.matched).toBe(0);
    await expect(applyBulkChange(rep, mine, { kind: "assign", userId: repId })).rejects.toThrow(/permission/);
  });

  it("changes nothing in another tenant, whatever ids or filters are sent", async () => {
    const before = await Lead.find({ _id: otherLeadIds[0] }).setOptions({ allTenants: true }).lean();
    const logged = await scoped(other, Activity).countDocuments({});
    const changes: BulkChange[] = [
      { kind: "status", status: "lost" },
      { kind: "priority", priority: "urgent" },
      { kind: "addTags", tags: ["x"] },
      { kind: "removeTags", tags: ["vacant"] },
      { kind: "assign", userId: null },
    ];
    for (const change of changes) {
      const res = await applyBulkChange(admin, otherLeadIds, change);
      expect(res.matched).toBe(0);
      const all = await applyBulkChange(admin, q("tag=vacant&q=foreign"), change);
      expect(all.matched).toBe(0);
    }
    const after = await Lead.find({ _id: otherLeadIds[0] }).setOptions({ allTenants: true }).lean();
    expect(after).toEqual(before);
    expect(await scoped(other, Activity).countDocuments({})).toBe(logged);
  });
});

describe("bulk target input", () => {
  it("refuses malformed ids, too many ids and unknown modes", () => {
    expect(() => bulkTargetSchema.parse({ mode: "ids", ids: [{ $ne: null }] })).toThrow();
    expect(() => bulkTargetSchema.parse({ mode: "ids", ids: [] })).toThrow(/at least one/);
    expect(() => bulkTargetSchema.parse({ mode: "ids", ids: Array(501).fill("a".repeat(24)) })).toThrow(/at most 500/);
    expect(() => bulkTargetSchema.parse({ mode: "everything" })).toThrow();
    expect(() => bulkTargetSchema.parse({ mode: "all", query: { $where: "1" } })).toThrow();
  });
});

// The lead page's server actions, called the way the browser calls them: a real session cookie on
// a tenant host goes through tenantAction (next/headers is the only thing replaced). Another
// tenant's lead, or a lead a rep may not see, answers not found to every action and nothing changes.
import { Types } from "mongoose";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { request } from "@/lib/testing/mock-next-headers";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { getLeadTimeline } from "@/lib/leads/timeline/get-lead-timeline";
import { describeTimelineEntry } from "@/lib/leads/timeline/describe-entry";
import { createTenant, leadInput, withoutRevision } from "@/lib/testing/factories";
import { Activity, Communication, Lead, Setting, Tag } from "@/models";
import { DeletedLead } from "@/models/deleted-lead";
import { LeadMerge } from "@/models/lead-merge";
import { restoreLeadsAction } from "@/app/t/[host]/leads/actions";
import { saveCustomFieldsAction } from "../fields/actions";
import {
  addLeadNoteAction,
  assignLeadAction,
  changeLeadPriorityAction,
  changeLeadStatusAction,
  deleteLeadAction,
  loadTimelineAction,
  mergeLeadsAction,
  setFollowUpAction,
  setLeadCustomFieldsAction,
  setLeadTagsAction,
  updateLeadDetailsAction,
} from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

type Workspace = { ctx: TenantContext; host: string; sessions: Record<string, string>; ids: Record<string, string> };

async function workspace(members: Record<string, Parameters<typeof createSignInMember>[1]>): Promise<Workspace> {
  const { ctx, tenant } = await createTenant();
  const sessions: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const [name, options] of Object.entries(members)) {
    const m = await createSignInMember(ctx, options);
    ids[name] = m.id;
    sessions[name] = await tenantSessionFor(ctx.tenantId, m.id);
  }
  return { ctx, host: `${tenant.subdomain}.localhost:3000`, sessions, ids };
}

function actAs(ws: Workspace, member: string) {
  request.host = ws.host;
  request.cookie = ws.sessions[member];
}

let acme: Workspace;
let globex: Workspace;
let acmeLead: string; // assigned to rep2
let acmeOther: string; // assigned to powerRep
let globexLead: string;

beforeAll(async () => {
  acme = await workspace({
    admin: { role: "admin" },
    rep: { role: "acquisition_rep" },
    // A rep given delete and assign as personal extras: visibility still applies to them.
    powerRep: { role: "acquisition_rep", permissions: ["leads.delete", "leads.assign"] },
    rep2: { role: "acquisition_rep" },
  });
  globex = await workspace({ admin: { role: "admin" } });
  const rep2 = new Types.ObjectId(acme.ids.rep2);
  const powerRep = new Types.ObjectId(acme.ids.powerRep);
  [acmeLead, acmeOther] = (
    await scoped(acme.ctx, Lead).insertMany([
      leadInput({ name: "Acme Seller", tags: ["vacant"], assigned_to: rep2, custom_fields: { motivation: "Divorce" } }),
      leadInput({ name: "Acme Other", assigned_to: powerRep }),
    ])
  ).map((d) => String(d._id));
  globexLead = String((await scoped(globex.ctx, Lead).create(leadInput({ name: "Globex Seller", tags: ["vacant"], notes: "theirs" })))._id);
  for (const ws of [acme, globex]) await scoped(ws.ctx, Setting).create({ category: "custom_fields", key: "leads", value: { fields: [{ key: "motivation", label: "Motivation", type: "text", options: [] }] } });
});

beforeEach(() => {
  request.host = "";
  request.cookie = undefined;
});

/** Every lead page action aimed at `id` (and, for merges, paired with `mine`, a lead the caller may see). */
function everyAction(id: string, mine: string) {
  return {
    updateLeadDetails: () => updateLeadDetailsAction({ lead_id: id, name: "Changed", phone: "2145550199" }),
    changeLeadStatus: () => changeLeadStatusAction({ lead_id: id, status: "lost" }),
    changeLeadPriority: () => changeLeadPriorityAction({ lead_id: id, priority: "urgent" }),
    assignLead: () => assignLeadAction({ lead_id: id, assigned_to: "" }),
    setFollowUp: () => setFollowUpAction({ lead_id: id, next_follow_up: "2030-01-01T09:00:00.000Z" }),
    setLeadTags: () => setLeadTagsAction({ lead_id: id, tags: ["taken"] }),
    addLeadNote: () => addLeadNoteAction({ lead_id: id, text: "not yours" }),
    setLeadCustomFields: () => setLeadCustomFieldsAction({ lead_id: id, custom_fields: { motivation: "Probate" } }),
    mergeInto: () => mergeLeadsAction({ keep_id: id, merge_id: mine }),
    mergeFrom: () => mergeLeadsAction({ keep_id: mine, merge_id: id }),
    deleteLead: () => deleteLeadAction({ lead_id: id }),
    loadTimeline: () => loadTimelineAction({ lead_id: id, before: new Date().toISOString() }),
  };
}

/** Everything an action could have touched in a workspace, to compare before and after. */
async function stateOf(ws: Workspace) {
  return {
    leads: await scoped(ws.ctx, Lead).find({}).sort({ _id: 1 }).lean(),
    activities: await scoped(ws.ctx, Activity).countDocuments({}),
    trash: await scoped(ws.ctx, DeletedLead).countDocuments({}),
    merges: await scoped(ws.ctx, LeadMerge).countDocuments({}),
    tags: await scoped(ws.ctx, Tag).find({}, { name: 1, usage_count: 1 }).sort({ name: 1 }).lean(),
  };
}

describe("another tenant's lead", () => {
  it("is not found by every lead page action, and nothing changes in either workspace", async () => {
    const before = { acme: await stateOf(acme), globex: await stateOf(globex) };
    actAs(acme, "admin");
    for (const [name, call] of Object.entries(everyAction(globexLead, acmeOther))) {
      expect({ name, result: await call() }).toMatchObject({ name, result: { ok: false, code: "not_found" } });
    }
    expect({ acme: await stateOf(acme), globex: await stateOf(globex) }).toEqual(before);
  });

  it("is not found for a lead id that does not exist, and a malformed id is refused before any lookup", async () => {
    actAs(acme, "admin");
    expect(await changeLeadStatusAction({ lead_id: new Types.ObjectId().toHexString(), status: "lost" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await deleteLeadAction({ lead_id: { $ne: null } })).toMatchObject({ ok: false, code: "bad_request" });
    expect(await deleteLeadAction({ lead_id: "not-an-id" })).toMatchObject({ ok: false, code: "bad_request" });
  });

  it("cannot be restored from another tenant's trash", async () => {
    actAs(globex, "admin");
    const deleted = await deleteLeadAction({ lead_id: globexLead });
    expect(deleted).toMatchObject({ ok: true, data: { name: "Globex Seller" } });
    const batchId = (deleted as { data: { batchId: string } }).data.batchId;

    actAs(acme, "admin");
    expect(await restoreLeadsAction({ batchId })).toMatchObject({ ok: false, code: "not_found" });
    expect(await scoped(globex.ctx, Lead).countDocuments({})).toBe(0);
    expect(await scoped(globex.ctx, DeletedLead).countDocuments({ batch_id: batchId })).toBe(1);
    expect(await scoped(acme.ctx, Lead).countDocuments({ _id: globexLead })).toBe(0);

    actAs(globex, "admin");
    expect(await restoreLeadsAction({ batchId })).toMatchObject({ ok: true, data: { count: 1 } });
    expect((await scoped(globex.ctx, Lead).findById(globexLead).lean())?.name).toBe("Globex Seller");
  });
});

describe("a rep and a lead assigned to someone else", () => {
  it("is not found by every action while reps see only their own leads; nothing changes", async () => {
    const before = await stateOf(acme);
    actAs(acme, "powerRep");
    for (const [name, call] of Object.entries(everyAction(acmeLead, acmeOther))) {
      expect({ name, result: await call() }).toMatchObject({ name, result: { ok: false, code: "not_found" } });
    }
    expect(await stateOf(acme)).toEqual(before);
  });

  it("a rep without delete or assign is refused those before any lookup, and never sees the Delete action's data", async () => {
    actAs(acme, "rep");
    expect(await deleteLeadAction({ lead_id: acmeLead })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await assignLeadAction({ lead_id: acmeLead, assigned_to: acme.ids.rep })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await addLeadNoteAction({ lead_id: acmeLead, text: "hi" })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("becomes visible when the workspace lets reps see every lead", async () => {
    await scoped(acme.ctx, Setting).create({ category: "permissions", key: "reps_see_all_leads", value: true });
    try {
      actAs(acme, "rep");
      expect(await loadTimelineAction({ lead_id: acmeLead, before: new Date().toISOString() })).toMatchObject({ ok: true });
    } finally {
      await scoped(acme.ctx, Setting).deleteOne({ category: "permissions", key: "reps_see_all_leads" });
    }
    expect(await loadTimelineAction({ lead_id: acmeLead, before: new Date().toISOString() })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("delete and undo from the lead page", () => {
  it("removes the lead, then restores it exactly: same document, activities and conversations kept, tags recounted", async () => {
    actAs(acme, "admin");
    const id = String((await scoped(acme.ctx, Lead).create(leadInput({ name: "Undo Me", tags: ["undo-tag"], notes: "background", custom_fields: { motivation: "Tired landlord" } })))._id);
    expect(await setLeadTagsAction({ lead_id: id, tags: ["undo-tag", "second-tag"] })).toMatchObject({ ok: true });
    expect(await addLeadNoteAction({ lead_id: id, text: "Seller called back" })).toMatchObject({ ok: true });
    await scoped(acme.ctx, Communication).create({ type: "sms", direction: "inbound", recipient_type: "lead", recipient_id: id, content: "Still interested", status: "received" });
    const lead = await scoped(acme.ctx, Lead).findById(id).lean();
    const activities = await scoped(acme.ctx, Activity).countDocuments({ entity_id: id });
    const usage = async () => (await scoped(acme.ctx, Tag).find({ name: { $in: ["undo-tag", "second-tag"] } }).sort({ name: 1 }).lean()).map((t) => [t.name, t.usage_count]);
    expect(await usage()).toEqual([["second-tag", 1], ["undo-tag", 1]]);

    const deleted = await deleteLeadAction({ lead_id: id });
    expect(deleted).toMatchObject({ ok: true, data: { name: "Undo Me" } });
    expect(await scoped(acme.ctx, Lead).countDocuments({ _id: id })).toBe(0);
    expect(await usage()).toEqual([["second-tag", 0], ["undo-tag", 0]]);
    expect(await changeLeadStatusAction({ lead_id: id, status: "lost" })).toMatchObject({ ok: false, code: "not_found" });

    expect(await restoreLeadsAction({ batchId: (deleted as { data: { batchId: string } }).data.batchId })).toMatchObject({ ok: true, data: { count: 1 } });
    expect(withoutRevision(await scoped(acme.ctx, Lead).findById(id).lean())).toEqual(withoutRevision(lead));
    expect(await usage()).toEqual([["second-tag", 1], ["undo-tag", 1]]);
    expect(await scoped(acme.ctx, Activity).countDocuments({ entity_id: id })).toBe(activities + 2);
    expect(await scoped(acme.ctx, Activity).countDocuments({ entity_id: id, type: { $in: [LEAD_ACTIVITY.deleted, LEAD_ACTIVITY.restored] } })).toBe(2);
    const timeline = await getLeadTimeline(acme.ctx, id);
    expect(timeline.entries.map((e) => (e.kind === "communication" ? e.content : e.type))).toEqual(expect.arrayContaining(["Still interested", LEAD_ACTIVITY.noteAdded, LEAD_ACTIVITY.tagsChanged]));
    // A second undo has nothing left to restore.
    expect(await restoreLeadsAction({ batchId: (deleted as { data: { batchId: string } }).data.batchId })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("custom field definitions from the fields page", () => {
  it("need settings.manage, and one workspace's save never reaches another", async () => {
    const globexBefore = await scoped(globex.ctx, Setting).findOne({ category: "custom_fields" }).lean();
    actAs(acme, "rep");
    expect(await saveCustomFieldsAction({ fields: [] })).toMatchObject({ ok: false, code: "forbidden" });
    actAs(acme, "admin");
    const res = await saveCustomFieldsAction({ fields: [{ key: "equity", label: "Equity", type: "number", options: [] }] });
    expect(res).toMatchObject({ ok: true, data: { fields: [{ key: "equity" }], removed: [{ key: "motivation" }] } });
    expect(await scoped(globex.ctx, Setting).findOne({ category: "custom_fields" }).lean()).toEqual(globexBefore);
  });
});

describe("follow-ups from the lead page", () => {
  it("refuses a follow-up in the past with a field error and saves and logs nothing; the timeline says for when one is set", async () => {
    actAs(acme, "admin");
    const id = String((await scoped(acme.ctx, Lead).create(leadInput({ name: "Follow Me" })))._id);
    const logged = () => scoped(acme.ctx, Activity).countDocuments({ entity_id: id, type: LEAD_ACTIVITY.followUpSet });

    const past = await setFollowUpAction({ lead_id: id, next_follow_up: "2020-04-15T15:30:00.000Z" });
    expect(past).toMatchObject({ ok: false, code: "bad_request", fieldErrors: { next_follow_up: [expect.stringMatching(/already passed/)] } });
    expect((await scoped(acme.ctx, Lead).findById(id).lean())?.next_follow_up).toBeUndefined();
    expect(await logged()).toBe(0);

    const soon = new Date(Date.now() + 86_400_000);
    soon.setUTCHours(15, 30, 0, 0);
    expect(await setFollowUpAction({ lead_id: id, next_follow_up: soon.toISOString() })).toMatchObject({ ok: true });
    expect(await logged()).toBe(1);
    const entry = (await getLeadTimeline(acme.ctx, id)).entries.find((e) => e.kind === "activity" && e.type === LEAD_ACTIVITY.followUpSet)!;
    expect(describeTimelineEntry(entry, "America/Chicago").title).toBe(`Follow-up scheduled for ${soon.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "America/Chicago" })}`);
    // Clearing is still allowed, whatever the date was.
    expect(await setFollowUpAction({ lead_id: id, next_follow_up: "" })).toMatchObject({ ok: true });
  });
});

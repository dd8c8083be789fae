// Who acted is never blank: a member's session, an import, an API key and old entries without an
// actor each show up in the activity log and on the lead timeline with a name.
import { describe, expect, it } from "vitest";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext, type TenantContext } from "@/lib/core/db/tenant-context";
import { createLead } from "@/lib/leads/write/create-lead";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { getLeadTimeline } from "@/lib/leads/timeline/get-lead-timeline";
import { resolveSession } from "@/lib/core/tenancy/session-context";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { leadInputSchema } from "@/lib/zod/schemas/lead";
import { Activity } from "@/models/activity";
import { Lead } from "@/models/lead";
import { recordActivity } from "./record-activity";

describe("actors in the activity log", () => {
  it("a member's session context names the member, and their activity keeps the name", async () => {
    const { tenant, ctx } = await createTenant();
    const member = await createSignInMember(ctx, { role: "acquisition_rep" });
    const state = await resolveSession({ host: `${tenant.subdomain}.localhost:3000`, tenantSession: await tenantSessionFor(ctx.tenantId, member.id) });
    if (state.kind !== "member") throw new Error(`expected a member, got ${state.kind}`);
    expect(state.ctx.actor).toMatchObject({ kind: "member", userId: member.id, role: "acquisition_rep" });

    const lead = await scoped(ctx, Lead).create(leadInput({ assigned_to: member.id }));
    await recordActivity(state.ctx, { type: "note_added", entityType: "lead", entityId: lead._id, description: "Called" });
    const logged = await scoped(ctx, Activity).findOne({ entity_id: lead._id, type: "note_added" }).lean();
    expect(logged?.actor).toMatchObject({ kind: "member", label: expect.stringMatching(/^Person \d+$/) });
    expect(String(logged?.actor?.id)).toBe(member.id);
    expect(String(logged?.user_id)).toBe(member.id);
  });

  it("a system job's context checks its explicit permission list like anyone else's", async () => {
    const { ctx } = await createTenant();
    const narrow = systemContext(ctx.tenantId, "job", "job-1", ["leads.read"]);
    await expect(createLead(narrow, leadInputSchema.parse({ name: "Nope", phone: "+15555550198" }))).rejects.toMatchObject({ code: "forbidden" });
    const full = systemContext(ctx.tenantId, "automation", "wf-1");
    const created = await createLead(full, leadInputSchema.parse({ name: "Auto Lead", phone: "+15555550199" }));
    expect(created).toBeTruthy();
    const logged = await scoped(ctx, Activity).findOne({ type: "lead_created" }).lean();
    expect(logged?.actor).toMatchObject({ kind: "system", source: "automation", id: "wf-1", label: "Automation" });
    expect(logged?.user_id).toBeUndefined();
  });

  it("the lead timeline says by whom: member, import, API key, and System for old entries with nobody", async () => {
    const ws = await createWorkspace();
    const lead = await scoped(ws.admin, Lead).create(leadInput({ name: "Timeline Seller" }));
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const importCtx: TenantContext = { ...systemContext(ws.admin.tenantId, "import", "64f000000000000000000001"), actor: { kind: "system", source: "import", ref: "64f000000000000000000001", label: "Import of list.csv" } };
    await recordActivity(ws.admin, { type: "note_added", entityType: "lead", entityId: lead._id, description: "by admin" });
    await recordActivity(importCtx, { type: "lead_imported", entityType: "lead", entityId: lead._id, description: "imported" });
    await recordActivity({ tenantId: ws.admin.tenantId, actor: { kind: "api_key", keyId: "64f000000000000000000002", name: "Zapier" }, permissions: ["leads.write"] }, { type: "lead_updated", entityType: "lead", entityId: lead._id, description: "by key" });
    // Entries written before actors existed: one with a member, one with nobody.
    await scoped(ws.admin, Activity).insertMany([
      { type: "lead_updated", entity_type: "lead", entity_id: lead._id, description: "old, by rep", user_id: ws.ids.rep, created_at: at(1) },
      { type: "lead_updated", entity_type: "lead", entity_id: lead._id, description: "old, automatic", created_at: at(2) },
    ]);

    const { entries } = await getLeadTimeline(ws.admin, String(lead._id));
    const by = Object.fromEntries(entries.filter((e) => e.kind === "activity").map((e) => [e.kind === "activity" ? e.description : "", e.kind === "activity" ? e.actorLabel : ""]));
    expect(by).toEqual({
      "Lead created: Timeline Seller": "Ada Admin",
      "by admin": "Ada Admin",
      imported: "Import of list.csv",
      "by key": "API key Zapier",
      "old, by rep": "Rex Rep",
      "old, automatic": "System",
    });
  });
});

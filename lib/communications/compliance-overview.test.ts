import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createLead } from "@/lib/leads/write/create-lead";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { Communication } from "@/models/communication";
import { OptOut } from "@/models/opt-out";
import { getComplianceOverview, resolveFlaggedReply } from "./compliance-overview";

describe("compliance overview", () => {
  it("lists flagged replies, deferred texts and opt-outs; a confirmed flag opts the number out; other companies see none of it", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const r = await createLead(ws.admin, createLeadSchema.parse({ name: "Maria Lopez", phone: "2145550141" }), { allowDuplicate: true });
    if (!r.created) throw new Error("lead");
    const base = { type: "sms", recipient_type: "lead", recipient_id: new Types.ObjectId(r.id) };
    const flagged = await scoped(ws.admin, Communication).create({ ...base, direction: "inbound", status: "received", from_number: "+12145550141", content: "please stop texting me", review: { reason: "Sounds like stop", flagged_at: new Date() } });
    const until = new Date(Date.now() + 3 * 3600_000);
    await scoped(ws.admin, Communication).create({ ...base, direction: "outbound", status: "scheduled", content: "Hi", scheduled_at: until, deferral: { until, reason: "Florida allows texts 8 am to 8 pm", rule: "FL" } });

    const o = await getComplianceOverview(ws.admin);
    expect(o.flagged.map((f) => [f.contactName, f.content, f.reason])).toEqual([["Maria Lopez", "please stop texting me", "Sounds like stop"]]);
    expect(o.deferred.map((d) => [d.contactName, d.reason])).toEqual([["Maria Lopez", "Florida allows texts 8 am to 8 pm"]]);
    expect(o.optOuts).toEqual([]);
    expect(o.sending).toMatchObject({ connected: false });

    await expect(resolveFlaggedReply(other.admin, String(flagged._id), "opt_out")).rejects.toMatchObject({ code: "not_found" });
    await expect(getComplianceOverview(ws.rep)).rejects.toThrow(/permission/);
    expect((await getComplianceOverview(other.admin)).flagged).toEqual([]);

    await resolveFlaggedReply(ws.admin, String(flagged._id), "opt_out");
    const after = await getComplianceOverview(ws.admin);
    expect(after.flagged).toEqual([]);
    expect(after.optOuts.map((x) => [x.number, x.source])).toEqual([["+12145550141", "review"]]);
    expect(await scoped(ws.admin, OptOut).countDocuments({ opted_out: true })).toBe(1);
    await expect(resolveFlaggedReply(ws.admin, String(flagged._id), "keep")).rejects.toMatchObject({ code: "conflict" });
  });
});

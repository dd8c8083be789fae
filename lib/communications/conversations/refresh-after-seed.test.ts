import { describe, expect, it } from "vitest";
import { createLead } from "@/lib/leads/write/create-lead";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { Conversation } from "@/models/conversation";
import { randomBytes } from "node:crypto";
import { storeInboundSms } from "../inbound/inbound-sms";
import { conversationRowsOf, inboxRowsReady } from "./conversation-read-model";
import { listConversations } from "./list-conversations";
import { refreshInboxRowsAfterSeed } from "./refresh-after-seed";

describe("inbox rows after a reseed", () => {
  it("are dropped and built again from what the seed left, so a replaced conversation is not listed", async () => {
    const ws = await createWorkspace();
    const r = await createLead(ws.admin, createLeadSchema.parse({ name: "Maria Lopez", phone: "+12145553881" }), { allowDuplicate: true });
    if (!r.created) throw new Error("lead not created");
    await storeInboundSms({ tenantId: ws.admin.tenantId, sid: `SM${randomBytes(16).toString("hex")}`, from: "+12145553881", to: "+12145550000", body: "Hello?", media: [], receivedAt: new Date().toISOString() });
    await inboxRowsReady(ws.admin.tenantId);
    expect((await listConversations(ws.admin)).rows.map((c) => c.contactName)).toEqual(["Maria Lopez"]);

    // What a reseed does: the company's data replaced with allTenants writes, no events.
    await Conversation.collection.deleteMany({ tenant_id: ws.tenant._id });
    expect((await listConversations(ws.admin)).rows.map((c) => c.contactName)).toEqual(["Maria Lopez"]);

    expect(await refreshInboxRowsAfterSeed([ws.tenant.subdomain])).toEqual([{ subdomain: ws.tenant.subdomain, rows: 0 }]);
    expect(await conversationRowsOf(ws.admin.tenantId)).not.toBeNull();
    expect((await listConversations(ws.admin)).rows).toEqual([]);
  });
});

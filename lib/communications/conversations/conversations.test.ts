import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createLead } from "@/lib/leads/write/create-lead";
import { assignLead } from "@/lib/leads/write/assign-lead";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { Communication } from "@/models/communication";
import { Conversation } from "@/models/conversation";
import { markThreadRead, readThread } from "../thread/read-thread";
import { countUnread, getConversationOrThrow, listConversations } from "./list-conversations";
import { listenToInbox } from "./inbox-channel";
import { refreshConversation } from "./refresh-conversation";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;

async function lead(ws: Ws, name: string, phone: string, assignTo?: string) {
  const r = await createLead(ws.admin, createLeadSchema.parse({ name, phone }), { allowDuplicate: true });
  if (!r.created) throw new Error("not created");
  if (assignTo) await assignLead(ws.admin, r.id, assignTo);
  return r.id;
}

const text = (ws: Ws, leadId: string, direction: "inbound" | "outbound", content: string, extra: Record<string, unknown> = {}) =>
  scoped(ws.admin, Communication).create({
    type: "sms",
    direction,
    recipient_type: "lead",
    recipient_id: new Types.ObjectId(leadId),
    content,
    status: direction === "inbound" ? "received" : "sent",
    ...extra,
  });

describe("inbox conversations (a read model fed by communication events)", () => {
  it("one row per contact, newest first, with unread counts, filters and mark read", async () => {
    const ws = await createWorkspace();
    const maria = await lead(ws, "Maria Lopez", "2145550111", ws.ids.rep);
    const bo = await lead(ws, "Bo Diaz", "2145550112");
    await text(ws, maria, "outbound", "Hi Maria, is 12 Oak St for sale?");
    await text(ws, bo, "outbound", "Hi Bo");
    await text(ws, maria, "inbound", "Maybe, what's your offer?");
    await text(ws, maria, "inbound", "Call me");

    const all = await listConversations(ws.admin);
    expect(all.rows.map((r) => [r.contactName, r.unread, r.messageCount, r.lastPreview])).toEqual([
      ["Maria Lopez", 2, 3, "Call me"],
      ["Bo Diaz", 0, 1, "Hi Bo"],
    ]);
    expect(await countUnread(ws.admin)).toBe(2);
    expect((await listConversations(ws.admin, { filter: "unread" })).rows.map((r) => r.contactName)).toEqual(["Maria Lopez"]);
    expect((await listConversations(ws.admin, { filter: "unassigned" })).rows.map((r) => r.contactName)).toEqual(["Bo Diaz"]);
    expect((await listConversations(ws.rep, { filter: "mine" })).rows.map((r) => r.contactName)).toEqual(["Maria Lopez"]);
    // a rep without read_all sees only their leads' conversations
    expect((await listConversations(ws.rep)).rows.map((r) => r.contactName)).toEqual(["Maria Lopez"]);
    expect((await listConversations(ws.rep2)).rows).toEqual([]);
    expect((await listConversations(ws.admin, { filter: "buyers" })).rows).toEqual([]);

    // assigning the lead moves the conversation to that rep (a lead event refreshes it)
    await assignLead(ws.admin, bo, ws.ids.rep2);
    expect((await listConversations(ws.rep2)).rows.map((r) => r.contactName)).toEqual(["Bo Diaz"]);

    expect(await markThreadRead(ws.rep, "lead", maria)).toBe(2);
    expect(await countUnread(ws.admin)).toBe(0);
    const thread = await readThread(ws.rep, "lead", maria);
    expect(thread.items.map((i) => [i.direction, i.content, i.readAt !== null])).toEqual([
      ["outbound", "Hi Maria, is 12 Oak St for sale?", false],
      ["inbound", "Maybe, what's your offer?", true],
      ["inbound", "Call me", true],
    ]);
  });

  it("flags, opt-outs and errors show; another company's conversation and thread are not found", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const maria = await lead(ws, "Maria Lopez", "2145550121");
    await text(ws, maria, "outbound", "Hi", { status: "failed" });
    await Communication.collection.updateOne({ tenant_id: new Types.ObjectId(ws.admin.tenantId), content: "Hi" }, { $set: { error_code: "21610" } });
    await text(ws, maria, "inbound", "stop texting me please");
    // the flag, as the webhook's job sets it (written raw here: the refresh reads the stored document)
    await Communication.collection.updateOne({ tenant_id: new Types.ObjectId(ws.admin.tenantId), content: "stop texting me please" }, { $set: { review: { flagged_at: new Date(), reason: "Sounds like stop" } } });
    await refreshConversation({ tenantId: ws.admin.tenantId, contactType: "lead", contactId: maria });
    const [row] = (await listConversations(ws.admin, { filter: "needs_review" })).rows;
    expect(row).toMatchObject({ contactName: "Maria Lopez", needsReview: true, unread: 1 });
    const thread = await readThread(ws.admin, "lead", maria);
    expect(thread.items[0].error).toBe("This number replied STOP: it cannot be texted until it replies START.");

    expect((await listConversations(other.admin)).rows).toEqual([]);
    await expect(getConversationOrThrow(other.admin, row.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(readThread(other.admin, "lead", maria)).rejects.toMatchObject({ code: "not_found" });
    await expect(markThreadRead(other.admin, "lead", maria)).rejects.toMatchObject({ code: "not_found" });
    expect(await scoped(other.admin, Conversation).countDocuments()).toBe(0);
  });

  it("announces a new message to the company's open inboxes only", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const maria = await lead(ws, "Maria Lopez", "2145550131");
    const heard: string[] = [];
    const otherHeard: string[] = [];
    let resolve!: () => void;
    const arrived = new Promise<void>((r) => (resolve = r));
    const stop = await listenToInbox(ws.admin.tenantId, (news) => {
      heard.push(news.contactId);
      resolve();
    });
    const stopOther = await listenToInbox(other.admin.tenantId, (news) => otherHeard.push(news.contactId));
    await text(ws, maria, "inbound", "Hello?");
    await arrived;
    await stop();
    await stopOther();
    expect(heard).toContain(maria);
    expect(otherHeard).toEqual([]);
  });
});

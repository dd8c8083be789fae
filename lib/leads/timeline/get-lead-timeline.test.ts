import { Types } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { leadInput } from "@/lib/testing/factories";
import { Activity } from "@/models/activity";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { getLeadTimeline } from "./get-lead-timeline";

let ws: Awaited<ReturnType<typeof createWorkspace>>;
let other: Awaited<ReturnType<typeof createWorkspace>>;
let repLead: string;
let adminLead: string;
let foreignLead: string;

const at = (minute: number) => new Date(Date.UTC(2026, 2, 10, 12, minute));
// Before the entries the lead's creation logs (now): only the ones written here.
const written = { before: at(59).toISOString() };

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
  const [mine, notMine] = await scoped(ws.admin, Lead).insertMany([leadInput({ name: "Rex's lead", assigned_to: ws.ids.rep }), leadInput({ name: "Unassigned" })]);
  repLead = String(mine._id);
  adminLead = String(notMine._id);
  const foreign = await scoped(other.admin, Lead).create(leadInput({ name: "Foreign" }));
  foreignLead = String(foreign._id);
  const gone = new Types.ObjectId();
  await scoped(ws.admin, Activity).insertMany([
    { type: "note_added", entity_type: "lead", entity_id: mine._id, user_id: ws.ids.rep, description: "first", created_at: at(1) },
    { type: "status_changed", entity_type: "lead", entity_id: mine._id, user_id: gone, description: "third", created_at: at(3) },
    { type: "note_added", entity_type: "lead", entity_id: notMine._id, user_id: ws.ids.admin, description: "other lead", created_at: at(2) },
  ]);
  await scoped(ws.admin, Communication).create({ type: "sms", direction: "outbound", recipient_type: "lead", recipient_id: mine._id, sender_id: ws.ids.rep2, content: "second", created_at: at(2) });
  await scoped(other.admin, Activity).create({ type: "note_added", entity_type: "lead", entity_id: foreign._id, user_id: other.ids.admin, description: "foreign note" });
});

describe("lead timeline", () => {
  it("lists a lead's activities and messages newest first, each with its member's name", async () => {
    const { entries, hasMore } = await getLeadTimeline(ws.rep, repLead, written);
    expect(hasMore).toBe(false);
    expect(entries.map((e) => [e.kind === "activity" ? e.description : e.content, e.userName])).toEqual([
      ["third", null],
      ["second", "Rita Rep"],
      ["first", "Rex Rep"],
    ]);
    expect(entries.flatMap((e) => (e.kind === "activity" ? [e.actorLabel] : []))).toEqual(["Former member", "Rex Rep"]);
  });

  it("pages back from a time, one page at a time", async () => {
    const older = await getLeadTimeline(ws.rep, repLead, { before: at(3).toISOString(), limit: 1 });
    expect(older.entries.map((e) => e.id)).toHaveLength(1);
    expect(older.hasMore).toBe(true);
    expect(older.entries[0].kind).toBe("communication");
  });

  it("answers not found for a lead the rep may not see, another company's lead and a malformed id", async () => {
    await expect(getLeadTimeline(ws.rep, adminLead)).rejects.toThrow(/not found/i);
    await expect(getLeadTimeline(ws.admin, foreignLead)).rejects.toThrow(/not found/i);
    await expect(getLeadTimeline(ws.admin, "not-an-id")).rejects.toThrow(/not found/i);
    expect((await getLeadTimeline(ws.admin, adminLead, written)).entries.map((e) => e.kind === "activity" && e.description)).toEqual(["other lead"]);
  });
});

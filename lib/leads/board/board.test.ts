import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { Activity } from "@/models/activity";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { buildLeadIndex } from "../list/index/lead-index";
import { dropIndex } from "../list/index/index-store";
import { parseListQuery } from "../list/list-query";
import { getBoard, getBoardColumnPage } from "./get-board";
import { moveLeadToStatus } from "./move-lead";

let admin: TenantContext;
let rep: TenantContext;
let other: TenantContext;
let foreignId: string;
const q = (search: string) => parseListQuery(new URLSearchParams(search)).query;

beforeAll(async () => {
  const a = await createTenant();
  const [boss, r] = await scoped(a.ctx, User).insertMany([
    { email: "boss@bd.test", name: "Boss", role: "admin" },
    { email: "rep@bd.test", name: "Rep", role: "acquisition_rep" },
  ]);
  admin = { tenantId: a.ctx.tenantId, userId: String(boss._id), role: "admin", ip: "198.51.100.1", userAgent: "board-test" };
  rep = { tenantId: a.ctx.tenantId, userId: String(r._id), role: "acquisition_rep" };
  const docs = [
    ...Array.from({ length: 7 }, (_, i) => leadInput({ name: `New ${i}`, status: "new", priority: i % 2 ? "high" : "low", assigned_to: i < 3 ? r._id : undefined })),
    ...Array.from({ length: 3 }, (_, i) => leadInput({ name: `Contacted ${i}`, status: "contacted", assigned_to: r._id })),
    leadInput({ name: "Closed 0", status: "closed" }),
  ];
  await scoped(admin, Lead).insertMany(docs);
  other = (await createTenant()).ctx;
  foreignId = String((await scoped(other, Lead).create(leadInput({ name: "Foreign", status: "new" })))._id);
});

afterAll(async () => {
  await dropIndex(admin.tenantId);
});

describe("pipeline board", () => {
  it("shows a column per status with counts and a bounded number of cards, loading more on demand", async () => {
    const board = await getBoard(admin, q(""), { perColumn: 3 });
    expect(board.map((c) => [c.status, c.total, c.cards.length])).toEqual([
      ["new", 7, 3],
      ["contacted", 3, 3],
      ["under_contract", 0, 0],
      ["closed", 1, 1],
      ["lost", 0, 0],
    ]);
    const seen = [...board[0].cards.map((c) => c.name)];
    let cursor = board[0].nextCursor;
    while (cursor) {
      const more = await getBoardColumnPage(admin, q(""), "new", cursor, { perColumn: 3 });
      seen.push(...more.cards.map((c) => c.name));
      cursor = more.nextCursor;
    }
    expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `New ${i}`));
    expect(board[1].nextCursor).toBeUndefined();
  });

  it("respects the list's filters and the rep's own-leads rule", async () => {
    const high = await getBoard(admin, q("priority=high"));
    expect(high.map((c) => c.total)).toEqual([3, 0, 0, 0, 0]);
    expect(high[0].cards.every((c) => c.priority === "high")).toBe(true);
    const onlyOpen = await getBoard(admin, q("status=new,contacted"));
    expect(onlyOpen.map((c) => c.status)).toEqual(["new", "contacted"]);
    const repBoard = await getBoard(rep, q(""));
    expect(repBoard.map((c) => c.total)).toEqual([3, 3, 0, 0, 0]);
  });

  it("moves a card with an activity, and refuses leads the person cannot see", async () => {
    const lead = await scoped(admin, Lead).findOne({ name: "New 0" }).lean();
    const id = String(lead!._id);
    expect(await moveLeadToStatus(admin, id, "contacted")).toEqual({ changed: true });
    expect(await moveLeadToStatus(admin, id, "contacted")).toEqual({ changed: false });
    expect((await scoped(admin, Lead).findOne({ _id: id }).lean())?.status).toBe("contacted");
    const act = await scoped(admin, Activity).findOne({ type: LEAD_ACTIVITY.statusChanged, entity_id: id }).lean();
    expect(act).toMatchObject({ ip_address: "198.51.100.1", user_agent: "board-test" });

    const unassigned = await scoped(admin, Lead).findOne({ name: "New 5" }).lean();
    await expect(moveLeadToStatus(rep, String(unassigned!._id), "lost")).rejects.toThrow(/not found/);
    await expect(moveLeadToStatus(admin, foreignId, "lost")).rejects.toThrow(/not found/);
    expect((await scoped(other, Lead).findOne({ _id: foreignId }).lean())?.status).toBe("new");
    await expect(moveLeadToStatus({ ...rep, permissions: ["leads.read"] }, id, "new")).rejects.toThrow(/permission/);
  });

  it("never counts or shows another tenant's leads", async () => {
    const board = await getBoard(admin, q("q=foreign"));
    expect(board.every((c) => c.total === 0 && c.cards.length === 0)).toBe(true);
  });

  it("shows the same columns, counts, cards and further pages from the list index as from the database", async () => {
    const states = ["", "priority=high", "status=new,contacted", "q=new", "sort=name&dir=asc"];
    const everything = async () => {
      const boards = [];
      for (const ctx of [admin, rep]) {
        for (const s of states) {
          const board = await getBoard(ctx, q(s), { perColumn: 2 });
          const next = board[0].nextCursor ? await getBoardColumnPage(ctx, q(s), board[0].status, board[0].nextCursor, { perColumn: 2 }) : null;
          boards.push({ board, next });
        }
      }
      return boards;
    };
    const fromDb = await everything();
    expect(fromDb[0].board.map((c) => c.cards.length)).toEqual([2, 2, 0, 1, 0]);
    await buildLeadIndex(admin);
    expect(await everything()).toEqual(fromDb);
  });
});

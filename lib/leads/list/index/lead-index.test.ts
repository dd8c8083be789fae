import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { applyBulkChange } from "../../bulk/apply-bulk-change";
import { deleteLeads, restoreLeads } from "../../delete-leads";
import { moveLeadToStatus } from "../../board/move-lead";
import { listLeads } from "../list-leads";
import { parseListQuery } from "../list-query";
import { pageSourceFor } from "../source";
import { appendChanges, dropIndex } from "./index-store";
import { toIndexRow } from "./index-row";
import { buildLeadIndex, currentIndex, forgetLocalIndex } from "./lead-index";

// Each test gets its own tenant with three leads and a freshly built index, so any one of them
// runs alone (`-t`) or in any order.
let ctx: TenantContext;
let ids: string[];
const q = (search: string) => parseListQuery(new URLSearchParams(search)).query;
const fromIndex = async (search: string) => {
  const source = await pageSourceFor(ctx);
  expect(source.name).toBe("index");
  return listLeads(ctx, q(search), { source });
};
const names = async (search: string) => (await fromIndex(search)).rows.map((r) => r.name);

beforeEach(async () => {
  ctx = { ...(await createTenant()).ctx, userId: undefined };
  const docs = await scoped(ctx, Lead).insertMany([
    leadInput({ name: "Alpha One", status: "new", tags: ["vacant"] }),
    leadInput({ name: "Bravo Two", status: "new" }),
    leadInput({ name: "Charlie Three", status: "contacted" }),
  ]);
  ids = docs.map((d) => String(d._id));
  await buildLeadIndex(ctx);
});

afterEach(() => dropIndex(ctx.tenantId));

describe("list index freshness", () => {
  it("serves the tenant's leads once built", async () => {
    const page = await fromIndex("sort=name&dir=asc");
    expect(page.rows.map((r) => r.name)).toEqual(["Alpha One", "Bravo Two", "Charlie Three"]);
    expect(page.source).toBe("index");
  });

  it("follows a bulk status change", async () => {
    await applyBulkChange(ctx, [ids[0], ids[1]], { kind: "status", status: "lost" });
    expect(await names("status=lost&sort=name&dir=asc")).toEqual(["Alpha One", "Bravo Two"]);
  });

  it("follows tags added in bulk", async () => {
    await applyBulkChange(ctx, [ids[2]], { kind: "addTags", tags: ["probate"] });
    expect(await names("tag=probate")).toEqual(["Charlie Three"]);
  });

  it("follows a move on the board", async () => {
    await moveLeadToStatus({ ...ctx, role: "admin" }, ids[2], "under_contract");
    expect(await names("status=under_contract")).toEqual(["Charlie Three"]);
  });

  it("drops deleted leads", async () => {
    await deleteLeads(ctx, [ids[1]]);
    expect((await fromIndex("")).total).toBe(2);
    expect(await names("q=bravo")).toEqual([]);
  });

  it("shows restored leads again", async () => {
    const { batchId } = await deleteLeads(ctx, [ids[1]]);
    await restoreLeads(ctx, batchId);
    expect(await names("q=bravo")).toEqual(["Bravo Two"]);
    expect((await fromIndex("")).total).toBe(3);
  });

  it("lets another process catch up on a change from Redis", async () => {
    await moveLeadToStatus({ ...ctx, role: "admin" }, ids[2], "under_contract");
    forgetLocalIndex(ctx.tenantId);
    expect((await currentIndex(ctx.tenantId))!.rows.get(ids[2])?.status).toBe("under_contract");
  });

  it("never lets an older copy of a lead win over a newer one", async () => {
    await moveLeadToStatus({ ...ctx, role: "admin" }, ids[2], "under_contract");
    const stored = await scoped(ctx, Lead).findOne({ _id: ids[2] }).lean();
    const current = (await currentIndex(ctx.tenantId))!.rows.get(ids[2])!;
    await appendChanges(ctx.tenantId, [{ ...toIndexRow(stored as never, current.rev - 1), status: "new" }], []);
    expect((await currentIndex(ctx.tenantId))!.rows.get(ids[2])?.status).toBe("under_contract");
    forgetLocalIndex(ctx.tenantId);
    expect((await currentIndex(ctx.tenantId))!.rows.get(ids[2])?.status).toBe("under_contract");
  });
});

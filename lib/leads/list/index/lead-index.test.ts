import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { applyBulkChange } from "../../bulk/apply-bulk-change";
import { deleteLeads, restoreLeads } from "../../delete-leads";
import { moveLeadToStatus } from "../../board/move-lead";
import { listLeads } from "../list-leads";
import { parseListQuery } from "../list-query";
import { pageSourceFor } from "../source";
import { dropIndex } from "./index-store";
import { buildLeadIndex, currentIndex, forgetLocalIndex, noteLeadsChanged } from "./lead-index";

let ctx: TenantContext;
let ids: string[];
const q = (search: string) => parseListQuery(new URLSearchParams(search)).query;
const fromIndex = async (search: string) => {
  const source = await pageSourceFor(ctx);
  expect(source.name).toBe("index");
  return listLeads(ctx, q(search), { source });
};

beforeAll(async () => {
  ctx = { ...(await createTenant()).ctx, userId: undefined };
  const docs = await scoped(ctx, Lead).insertMany([
    leadInput({ name: "Alpha One", status: "new", tags: ["vacant"] }),
    leadInput({ name: "Bravo Two", status: "new" }),
    leadInput({ name: "Charlie Three", status: "contacted" }),
  ]);
  ids = docs.map((d) => String(d._id));
  await buildLeadIndex(ctx);
});

afterAll(() => dropIndex(ctx.tenantId));

describe("list index freshness", () => {
  it("serves the tenant's leads once built", async () => {
    const page = await fromIndex("sort=name&dir=asc");
    expect(page.rows.map((r) => r.name)).toEqual(["Alpha One", "Bravo Two", "Charlie Three"]);
    expect(page.source).toBe("index");
  });

  it("follows bulk changes, board moves, deletes and restores through the change log", async () => {
    await applyBulkChange(ctx, [ids[0], ids[1]], { kind: "status", status: "lost" });
    expect((await fromIndex("status=lost&sort=name&dir=asc")).rows.map((r) => r.name)).toEqual(["Alpha One", "Bravo Two"]);

    await applyBulkChange(ctx, [ids[2]], { kind: "addTags", tags: ["probate"] });
    expect((await fromIndex("tag=probate")).rows.map((r) => r.name)).toEqual(["Charlie Three"]);

    await moveLeadToStatus({ ...ctx, role: "admin" }, ids[2], "under_contract");
    expect((await fromIndex("status=under_contract")).rows.map((r) => r.name)).toEqual(["Charlie Three"]);

    const { batchId } = await deleteLeads(ctx, [ids[1]]);
    expect((await fromIndex("")).total).toBe(2);
    await restoreLeads(ctx, batchId);
    expect((await fromIndex("q=bravo")).rows.map((r) => r.name)).toEqual(["Bravo Two"]);
  });

  it("lets another process catch up from Redis, and never lets an older copy win", async () => {
    forgetLocalIndex(ctx.tenantId);
    const fresh = await currentIndex(ctx.tenantId);
    expect(fresh!.rows.get(ids[2])?.status).toBe("under_contract");

    const stored = await scoped(ctx, Lead).findOne({ _id: ids[2] }).lean();
    await noteLeadsChanged(ctx, [{ ...stored!, status: "new", updated_at: new Date(0) } as never]);
    expect((await currentIndex(ctx.tenantId))!.rows.get(ids[2])?.status).toBe("under_contract");
  });
});

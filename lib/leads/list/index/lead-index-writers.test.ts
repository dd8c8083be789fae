import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { leadInput } from "@/lib/testing/factories";
import { deleteTag, listTags, mergeTags, renameTag } from "@/lib/tags/tag-catalogue";
import { Lead } from "@/models/lead";
import { analyzeImport, createImport, startImport, storeImportChunk } from "../../import/imports";
import { closeLeadImportQueue } from "../../import/queue";
import { processLeadImport } from "../../import/process-import";
import { mergeLeads } from "../../merge/merge-leads";
import { changeLeadStatus } from "../../write/change-lead-status";
import { createLead } from "../../write/create-lead";
import { setLeadTags } from "../../write/set-lead-tags";
import { createWorkspace } from "../../write/test-helpers";
import { listLeads } from "../list-leads";
import { parseListQuery } from "../list-query";
import { pageSourceFor } from "../source";
import { dropIndex } from "./index-store";
import { buildLeadIndex, forgetLocalIndex } from "./lead-index";

// Every path that writes leads tells a big tenant's list index, so a rep sees the change on the
// next list load instead of after the next rebuild (30 minutes). Each test gets its own workspace
// with two leads and a freshly built index, so any one of them runs alone (`-t`) or in any order.

process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;

let ctx: TenantContext;
let ids: string[];

const names = async (search: string) => {
  const source = await pageSourceFor(ctx);
  expect(source.name).toBe("index");
  const page = await listLeads(ctx, parseListQuery(new URLSearchParams(search)).query, { source });
  return page.rows.map((r) => r.name);
};
const tagId = async (name: string) => (await listTags(ctx)).find((t) => t.name === name)!.id;

beforeEach(async () => {
  ctx = (await createWorkspace()).admin;
  const docs = await scoped(ctx, Lead).insertMany([
    leadInput({ name: "Alpha Seller", phone: "+15550001001", email: "alpha@example.com" }),
    leadInput({ name: "Bravo Seller", phone: "+15550001002", email: "bravo@example.com" }),
  ]);
  ids = docs.map((d) => String(d._id));
  await buildLeadIndex(ctx);
});

afterEach(() => dropIndex(ctx.tenantId));

afterAll(() => closeLeadImportQueue());

describe("list index follows every lead writer", () => {
  it("shows a lead created from the form, found by its phone", async () => {
    const created = await createLead(ctx, { name: "Charlie Fresh", phone: "+15550001003", status: "new" } as never);
    expect(created.created).toBe(true);
    expect(await names("q=555-0001003")).toEqual(["Charlie Fresh"]);
  });

  it("shows an edit made on the lead page", async () => {
    await changeLeadStatus(ctx, ids[0], "contacted");
    expect(await names("status=contacted")).toEqual(["Alpha Seller"]);
  });

  it("shows an edit made on the lead page in another process, which catches up from Redis", async () => {
    await changeLeadStatus(ctx, ids[0], "contacted");
    forgetLocalIndex(ctx.tenantId);
    expect(await names("status=contacted")).toEqual(["Alpha Seller"]);
  });

  it("drops the merged lead and keeps the survivor, found by the e-mail it took over", async () => {
    await mergeLeads(ctx, ids[0], ids[1]);
    expect(await names("q=bravo")).toEqual(["Alpha Seller"]);
    expect(await names("sort=name&dir=asc")).toEqual(["Alpha Seller"]);
  });

  it("shows leads from a CSV import with the batch's tag, found by phone", async () => {
    const csv = new TextEncoder().encode("Name,Phone,City\nDelta Import,(555) 000-1004,Dallas\nEcho Import,555.000.1005,Austin\n");
    const { id } = await createImport(ctx, { file_name: "list.csv", file_size: csv.length });
    await storeImportChunk(ctx, id, 0, csv);
    const preview = await analyzeImport(ctx, id, 1);
    await startImport(ctx, { import_id: id, mapping: preview.import.mapping, dedupe: "skip", tags: ["propstream-nov"] });
    await processLeadImport(ctx.tenantId, id);
    expect(await names("tag=propstream-nov&sort=name&dir=asc")).toEqual(["Delta Import", "Echo Import"]);
    expect(await names("q=5550001005")).toEqual(["Echo Import"]);
  });
});

describe("list index follows the tag catalogue", () => {
  // Alpha carries "propstream-nov", Bravo "absentee", both tagged through the lead page.
  beforeEach(async () => {
    await setLeadTags(ctx, ids[0], ["propstream-nov"]);
    await setLeadTags(ctx, ids[1], ["absentee"]);
  });

  it("filters a renamed tag by its new name at once, and no longer by the old one", async () => {
    await renameTag(ctx, await tagId("propstream-nov"), "propstream");
    expect(await names("tag=propstream-nov")).toEqual([]);
    expect(await names("tag=propstream")).toEqual(["Alpha Seller"]);
  });

  it("filters a merged tag's leads under the tag they were merged into", async () => {
    await mergeTags(ctx, [await tagId("absentee")], await tagId("propstream-nov"));
    expect(await names("tag=propstream-nov&sort=name&dir=asc")).toEqual(["Alpha Seller", "Bravo Seller"]);
    expect(await names("tag=absentee")).toEqual([]);
  });

  it("no longer filters by a deleted tag, and still lists its leads", async () => {
    await deleteTag(ctx, await tagId("propstream-nov"));
    expect(await names("tag=propstream-nov")).toEqual([]);
    expect(await names("q=alpha")).toEqual(["Alpha Seller"]);
  });
});

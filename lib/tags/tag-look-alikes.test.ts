import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { applyBulkChange } from "@/lib/leads/bulk/apply-bulk-change";
import { analyzeImport, createImport, startImport, storeImportChunk } from "@/lib/leads/import/imports";
import { processLeadImport } from "@/lib/leads/import/process-import";
import { closeLeadImportQueue } from "@/lib/leads/import/queue";
import { createLead } from "@/lib/leads/write/create-lead";
import { setLeadTags } from "@/lib/leads/write/set-lead-tags";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { tagKey } from "@/lib/zod/schemas/tag";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { lookAlikeGroups } from "./look-alikes";
import { createTag, listTags, mergeTags, renameTag } from "./tag-catalogue";

process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;
afterAll(closeLeadImportQueue);

const lead = (ctx: TenantContext, i: number, tags: string[]) =>
  createLead(ctx, createLeadSchema.parse({ name: `Lead ${i}`, phone: `21455540${String(i).padStart(2, "0")}`, tags }), { allowDuplicate: true });
const catalogue = async (ctx: TenantContext) => (await listTags(ctx)).map((t) => [t.name, t.usageCount]);
const tagsOfPhone = async (ctx: TenantContext, phone: string) => (await scoped(ctx, Lead).findOne({ phone }).lean())!.tags;

async function importCsv(ctx: TenantContext, csv: string, tags: string[] = []) {
  const bytes = Buffer.from(csv);
  const { id } = await createImport(ctx, { file_name: "list.csv", file_size: bytes.length });
  await storeImportChunk(ctx, id, 0, bytes);
  const preview = await analyzeImport(ctx, id, 1);
  await startImport(ctx, { import_id: id, mapping: preview.import.mapping, dedupe: "skip", tags });
  await processLeadImport(ctx.tenantId, id);
}

/** A workspace whose catalogue holds the hyphenated tags, carried by one lead. */
async function withCatalogue() {
  const ws = await createWorkspace();
  await lead(ws.admin, 1, ["absentee-owner", "high-equity", "probate"]);
  return ws;
}
const noLookAlikes = async (ctx: TenantContext) => expect(lookAlikeGroups(await listTags(ctx))).toEqual([]);

describe("tag names matched by their key", () => {
  it("keys names by case, spaces, hyphens and underscores", () => {
    expect(new Set(["Absentee Owner", "absentee-owner", " ABSENTEE_OWNER ", "absentee  -  owner", "Absentee--Owner"].map(tagKey))).toEqual(new Set(["absentee-owner"]));
    expect(tagKey("high equity")).not.toBe(tagKey("high equity 2"));
  });

  it("an import's tag cells use the catalogue's tags", async () => {
    const ws = await withCatalogue();
    await importCsv(ws.admin, "Name,Phone,Tags\nAnn,2145554011,Absentee Owner; High Equity\n");
    expect(await tagsOfPhone(ws.admin, "+12145554011")).toEqual(["absentee-owner", "high-equity"]);
    expect(await catalogue(ws.admin)).toEqual([["absentee-owner", 2], ["high-equity", 2], ["probate", 1]]);
  });

  it("a name new to the catalogue is one tag however the rows of a file write it", async () => {
    const ws = await withCatalogue();
    await importCsv(ws.admin, "Name,Phone,Tags\nBo,2145554012,ABSENTEE_OWNER|Tired Landlord\nCy,2145554013,tired-landlord\n");
    expect(await tagsOfPhone(ws.admin, "+12145554012")).toEqual(["absentee-owner", "tired landlord"]);
    expect(await tagsOfPhone(ws.admin, "+12145554013")).toEqual(["tired landlord"]);
    await noLookAlikes(ws.admin);
  });

  it("the tags chosen for an import use the catalogue's tags", async () => {
    const ws = await withCatalogue();
    await importCsv(ws.admin, "Name,Phone,Tags\nAnn,2145554011,Absentee Owner\n", ["High_Equity"]);
    expect(await tagsOfPhone(ws.admin, "+12145554011")).toEqual(["high-equity", "absentee-owner"]);
  });

  it("the lead form uses the catalogue's tags", async () => {
    const ws = await withCatalogue();
    await lead(ws.admin, 2, ["High Equity", "Probate "]);
    expect(await tagsOfPhone(ws.admin, "+12145554002")).toEqual(["high-equity", "probate"]);
  });

  it("the lead page's tag editor uses the catalogue's tags, once each", async () => {
    const ws = await withCatalogue();
    const { id } = (await lead(ws.admin, 3, [])) as { id: string };
    await setLeadTags(ws.admin, id, ["ABSENTEE OWNER", "absentee_owner", "High-Equity"]);
    expect(await tagsOfPhone(ws.admin, "+12145554003")).toEqual(["absentee-owner", "high-equity"]);
  });

  it("bulk tagging adds the catalogue's tags", async () => {
    const ws = await withCatalogue();
    const { id } = (await lead(ws.admin, 3, ["absentee-owner"])) as { id: string };
    await applyBulkChange(ws.admin, [id], { kind: "addTags", tags: ["Probate", "High Equity"] });
    expect(await tagsOfPhone(ws.admin, "+12145554003")).toEqual(["absentee-owner", "probate", "high-equity"]);
  });

  it("bulk untagging removes a tag however it is written", async () => {
    const ws = await withCatalogue();
    const { id } = (await lead(ws.admin, 3, ["absentee-owner", "probate", "high-equity"])) as { id: string };
    await applyBulkChange(ws.admin, [id], { kind: "removeTags", tags: ["Absentee_Owner"] });
    expect(await tagsOfPhone(ws.admin, "+12145554003")).toEqual(["probate", "high-equity"]);
  });

  it("creating a look-alike in the catalogue gives the tag already there", async () => {
    const ws = await withCatalogue();
    expect((await createTag(ws.admin, { name: "absentee owner" })).name).toBe("absentee-owner");
    await noLookAlikes(ws.admin);
  });

  it("refuses to rename a tag to a look-alike of another", async () => {
    const ws = await withCatalogue();
    const probate = (await listTags(ws.admin)).find((t) => t.name === "probate")!;
    await expect(renameTag(ws.admin, probate.id, "high equity")).rejects.toThrow(/"high-equity" already exists/);
  });

  it("renames a tag that only changes how it is written", async () => {
    const ws = await withCatalogue();
    const probate = (await listTags(ws.admin)).find((t) => t.name === "probate")!;
    expect((await renameTag(ws.admin, probate.id, "pro-bate")).name).toBe("pro-bate");
    expect(await catalogue(ws.admin)).toEqual([["absentee-owner", 1], ["high-equity", 1], ["pro-bate", 1]]);
  });

  /** Two leads with "high-equity", one written before names were matched by key with two look-alikes. */
  async function withOldLookAlikes() {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await lead(ws.admin, 1, ["high-equity"]);
    await lead(ws.admin, 2, ["high-equity"]);
    await lead(other.admin, 9, ["high equity"]);
    const old = (await lead(ws.admin, 3, [])) as { id: string };
    // The tag-usage subscriber adds both names to the catalogue, as it held them then.
    await scoped(ws.admin, Lead).updateOne({ _id: old.id }, { $set: { tags: ["high equity", "high_equity"] } });
    return { ws, other };
  }

  it("offers the look-alikes a catalogue already holds, under the most used one", async () => {
    const { ws } = await withOldLookAlikes();
    const groups = lookAlikeGroups(await listTags(ws.admin));
    expect(groups.map((g) => [g.target.name, g.sources.map((s) => s.name).sort()])).toEqual([["high-equity", ["high equity", "high_equity"]]]);
  });

  it("merging the look-alikes leaves one tag on every lead of the company, and none of another company changes", async () => {
    const { ws, other } = await withOldLookAlikes();
    const [group] = lookAlikeGroups(await listTags(ws.admin));
    await mergeTags(ws.admin, group.sources.map((s) => s.id), group.target.id);
    expect(await catalogue(ws.admin)).toEqual([["high-equity", 3]]);
    expect(await tagsOfPhone(ws.admin, "+12145554003")).toEqual(["high-equity"]);
    expect(lookAlikeGroups(await listTags(ws.admin))).toEqual([]);
    expect(await catalogue(other.admin)).toEqual([["high equity", 1]]);
  });
});

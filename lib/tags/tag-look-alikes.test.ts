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

describe("tag names matched by their key", () => {
  it("keys names by case, spaces, hyphens and underscores", () => {
    expect(new Set(["Absentee Owner", "absentee-owner", " ABSENTEE_OWNER ", "absentee  -  owner", "Absentee--Owner"].map(tagKey))).toEqual(new Set(["absentee-owner"]));
    expect(tagKey("high equity")).not.toBe(tagKey("high equity 2"));
  });

  it("every creator uses the catalogue's tag: import (cells and chosen tags), lead form, lead page, bulk tag, catalogue create and rename", async () => {
    const ws = await createWorkspace();
    await lead(ws.admin, 1, ["absentee-owner", "high-equity", "probate"]);

    await importCsv(ws.admin, "Name,Phone,Tags\nAnn,2145554011,Absentee Owner; High Equity\nBo,2145554012,ABSENTEE_OWNER|Tired Landlord\nCy,2145554013,tired-landlord\n", ["High_Equity"]);
    expect(await tagsOfPhone(ws.admin, "+12145554011")).toEqual(["high-equity", "absentee-owner"]);
    expect(await tagsOfPhone(ws.admin, "+12145554012")).toEqual(["high-equity", "absentee-owner", "tired landlord"]);
    // A name new to the catalogue is one tag however the rows of the file write it.
    expect(await tagsOfPhone(ws.admin, "+12145554013")).toEqual(["high-equity", "tired landlord"]);

    await lead(ws.admin, 2, ["High Equity", "Probate "]);
    expect(await tagsOfPhone(ws.admin, "+12145554002")).toEqual(["high-equity", "probate"]);

    const { id } = (await lead(ws.admin, 3, [])) as { id: string };
    await setLeadTags(ws.admin, id, ["ABSENTEE OWNER", "absentee_owner", "Tired-Landlord"]);
    expect(await tagsOfPhone(ws.admin, "+12145554003")).toEqual(["absentee-owner", "tired landlord"]);

    await applyBulkChange(ws.admin, [id], { kind: "addTags", tags: ["Probate", "High Equity"] });
    expect(await tagsOfPhone(ws.admin, "+12145554003")).toEqual(["absentee-owner", "tired landlord", "probate", "high-equity"]);
    await applyBulkChange(ws.admin, [id], { kind: "removeTags", tags: ["Tired_Landlord"] });
    expect(await tagsOfPhone(ws.admin, "+12145554003")).toEqual(["absentee-owner", "probate", "high-equity"]);

    expect((await createTag(ws.admin, { name: "absentee owner" })).name).toBe("absentee-owner");
    const probate = (await listTags(ws.admin)).find((t) => t.name === "probate")!;
    await expect(renameTag(ws.admin, probate.id, "high equity")).rejects.toThrow(/"high-equity" already exists/);
    // Changing only how the tag itself is written is a rename, not a conflict.
    expect((await renameTag(ws.admin, probate.id, "pro-bate")).name).toBe("pro-bate");

    expect(await catalogue(ws.admin)).toEqual([["absentee-owner", 4], ["high-equity", 6], ["pro-bate", 3], ["tired landlord", 2]]);
  });

  it("offers the look-alikes a catalogue already holds, and merging them leaves one tag on every lead", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await lead(ws.admin, 1, ["high-equity"]);
    await lead(ws.admin, 2, ["high-equity"]);
    await lead(other.admin, 9, ["high equity"]);
    // Written before names were matched by key.
    const old = await lead(ws.admin, 3, []) as { id: string };
    // The tag-usage subscriber adds both names to the catalogue, as it held them then.
    await scoped(ws.admin, Lead).updateOne({ _id: old.id }, { $set: { tags: ["high equity", "high_equity"] } });

    const groups = lookAlikeGroups(await listTags(ws.admin));
    expect(groups.map((g) => [g.target.name, g.sources.map((s) => s.name).sort()])).toEqual([["high-equity", ["high equity", "high_equity"]]]);
    await mergeTags(ws.admin, groups[0].sources.map((s) => s.id), groups[0].target.id);
    expect(await catalogue(ws.admin)).toEqual([["high-equity", 3]]);
    expect(await tagsOfPhone(ws.admin, "+12145554003")).toEqual(["high-equity"]);
    expect(lookAlikeGroups(await listTags(ws.admin))).toEqual([]);
    expect(await catalogue(other.admin)).toEqual([["high equity", 1]]);
  });
});

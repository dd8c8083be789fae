import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant } from "@/lib/testing/factories";
import { parseCsv } from "@/lib/leads/import/csv/parse-csv";
import { analyzeImport, createImport, getImportOrThrow, listImports, previewImport, storeImportChunk } from "@/lib/leads/import/imports";
import { rejectedReportText, runImport as runAnyImport } from "@/lib/testing/imports";
import { closeLeadImportQueue } from "@/lib/leads/import/queue";
import { Buyer } from "@/models/buyer";
import { Tag } from "@/models/tag";
import { listTags } from "@/lib/tags/tag-catalogue";
import { autoMapBuyerColumns, mapBuyerRow } from "./buyer-targets";

process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;
afterAll(closeLeadImportQueue);

let dispo: TenantContext;
let rep: TenantContext;
let other: TenantContext;

beforeEach(async () => {
  const t = await createTenant();
  dispo = { ...t.ctx, userId: "64b000000000000000000002", role: "disposition_manager" };
  rep = { ...t.ctx, userId: "64b000000000000000000003", role: "acquisition_rep" };
  other = { ...(await createTenant()).ctx, userId: "64b000000000000000000009", role: "admin" };
});

const CSV = [
  "Investor Name,Company,Cell Phone,Email,Buy Box Type,Min Price,Max Price,Markets,Funding,Tags",
  'Ann Able,Able Homes,214-555-0101,ann@able.example,SFR/MF,100k,250k,"Dallas, TX; Fort Worth, TX",Cash,vip',
  "Bo Bell,,(817) 555-0102,bo@bell.example,Condo,90000,120000,76104,Hard money,",
  "Cy Cole,,214 555 0103,,Castle,100000,200000,Dallas TX,Cash,",
  "Di Dunn,,214-555-0104,,SFR,300000,100000,Dallas TX,Cash,",
  "Ed Eng,,214-555-0105,,SFR,-5,100000,Dallas TX,Cash,",
  "Fay Fox,,214-555-0106,,SFR,100000,200000,$where,Cash,",
  "Gus Gray,,214-555-0101,,SFR,100000,200000,\"DALLAS, Texas; Texas\",Cash,",
  "Hal Hunt,,not a phone,,SFR,100000,200000,Dallas TX,Cash,",
].join("\n");

const runImport = (ctx: TenantContext, text: string, dedupe: "skip" | "update" | "create" = "skip") => runAnyImport(ctx, text, { dedupe }, { kind: "buyers" });

async function report(ctx: TenantContext, id: string) {
  const text = await rejectedReportText(ctx, id);
  return [...parseCsv(text.replace(/^\ufeff/, ""))].slice(1).map((r) => `${r.cells[0]}: ${r.cells[r.cells.length - 1]}`);
}

describe("buyer CSV import (through the lead import pipeline)", () => {
  it("maps the columns, splits and normalises multi-value cells, and rejects bad cells naming the field", async () => {
    const { id, preview, view } = await runImport(dispo, CSV);
    expect(Object.fromEntries(preview.import.mapping.map((m) => [m.header, m.target]))).toEqual({
      "Investor Name": "name", Company: "company", "Cell Phone": "phone", Email: "email", "Buy Box Type": "property_types",
      "Min Price": "price_min", "Max Price": "price_max", Markets: "locations", Funding: "funding_type", Tags: "tags",
    });
    expect(preview.valid).toBe(3);
    expect(view).toMatchObject({ kind: "buyers", status: "completed", progress: { created: 2, skipped: 1, rejected: 5 } });
    const ann = await scoped(dispo, Buyer).findOne({ name: "Ann Able" }).lean();
    expect(ann).toMatchObject({ property_types: ["single_family", "multi_family"], price_range: { min: 100_000, max: 250_000 }, preferred_locations: ["city:tx:dallas", "city:tx:fort-worth"], funding_type: "cash", tags: ["vip"], email: "ann@able.example" });
    expect((await scoped(dispo, Buyer).findOne({ name: "Bo Bell" }).lean())?.preferred_locations).toEqual(["zip:76104"]);
    const lines = await report(dispo, id);
    expect(lines).toEqual([
      expect.stringMatching(/^Cy Cole: Property types: "Castle" is not a property type \(column "Buy Box Type"\)/),
      expect.stringMatching(/^Di Dunn: Price range: the minimum \(300,000\) is above the maximum \(100,000\)/),
      expect.stringMatching(/^Ed Eng: Minimum price: (cannot be negative|"-5" is not an amount) \(column "Min Price"\)/),
      expect.stringMatching(/^Fay Fox: Locations: "\$where": .+\(column "Markets"\)/),
      expect.stringMatching(/^Gus Gray: Duplicate of row 2 of this file \(same phone\)/),
      expect.stringMatching(/^Hal Hunt: Phone: "not a phone" is not a phone number \(column "Cell Phone"\)/),
    ]);
    expect(await scoped(other, Buyer).countDocuments()).toBe(0);
  });

  it("updates or creates duplicates of existing buyers by phone or e-mail as chosen", async () => {
    await scoped(dispo, Buyer).create({ name: "Old Ann", phone: "+12145550101", tags: ["old"], preferred_locations: ["state:ok"] });
    const once = "Name,Phone,Email,Locations,Tags\nAnn Able,214-555-0101,,Dallas TX,new\nBo Bell,817-555-0199,bo@bell.example,76104,";
    const skipped = await runImport(dispo, once, "skip");
    expect(skipped.view.progress).toMatchObject({ created: 1, skipped: 1 });
    const updated = await runImport(dispo, once.replace("817-555-0199", "817-555-0198"), "update");
    expect(updated.view.progress).toMatchObject({ updated: 2, created: 0 });
    const ann = await scoped(dispo, Buyer).findOne({ phone: "+12145550101" }).lean();
    expect(ann).toMatchObject({ name: "Ann Able", tags: ["old", "new"], preferred_locations: ["state:ok", "city:tx:dallas"] });
    const created = await runImport(dispo, once, "create");
    expect(created.view.progress).toMatchObject({ created: 2 });
    expect(await scoped(dispo, Buyer).countDocuments()).toBe(4);
  });

  it("matches imported tags to the catalogue's look-alikes and adds the new ones to the catalogue", async () => {
    await scoped(dispo, Tag).create({ name: "absentee-owner", category: "lead_tags" });
    const csv = [
      "Investor Name,Cell Phone,Tags",
      'Ann Able,214-555-0111,"Absentee Owner; High Equity"',
      "Bo Bell,214-555-0112,HIGH_EQUITY|absentee owner",
    ].join("\n");
    await runImport(dispo, csv);
    const tagsOf = async (name: string) => (await scoped(dispo, Buyer).findOne({ name }).lean())!.tags;
    expect(await tagsOf("Ann Able")).toEqual(["absentee-owner", "high equity"]);
    expect(await tagsOf("Bo Bell")).toEqual(["high equity", "absentee-owner"]);
    const catalogue = await listTags(dispo);
    expect(catalogue.map((t) => [t.name, t.usageCount])).toEqual([["absentee-owner", 2], ["high equity", 2]]);
  });

  it("is for those who own buyers: a rep cannot start one or read one", async () => {
    await expect(createImport(rep, { file_name: "b.csv", file_size: 10, kind: "buyers" })).rejects.toMatchObject({ code: "forbidden" });
    const { id } = await runImport(dispo, "Name,Phone\nA,214-555-0111");
    await expect(getImportOrThrow(rep, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getImportOrThrow(other, id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listImports(dispo, 20, "buyers")).map((i) => i.id)).toEqual([id]);
  });

  it("reads 20,000 rows without holding the request: the preview checks a bounded prefix", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `Buyer ${i},+1214${String(5000000 + i).padStart(7, "0")},SFR/MF,100000,200000,"Dallas, TX; 75201"`);
    const bytes = new TextEncoder().encode(["Name,Phone,Type,Min,Max,Areas", ...rows].join("\n"));
    const { id, chunkSize } = await createImport(dispo, { file_name: "big.csv", file_size: bytes.length, kind: "buyers" });
    let seq = 0;
    for (let at = 0; at < bytes.length; at += chunkSize) await storeImportChunk(dispo, id, seq++, bytes.subarray(at, at + chunkSize));
    const analyzed = await analyzeImport(dispo, id, seq);
    expect(analyzed.import.rowCount).toBe(20_000);
    const preview = await previewImport(dispo, { import_id: id, mapping: analyzed.import.mapping, dedupe: "skip", tags: [] });
    expect(preview).toMatchObject({ checked: 10_000, valid: 10_000 });
  });
});

describe("buyer row mapping", () => {
  it("guesses InvestorLift / spreadsheet headers and maps aliases explicitly", () => {
    expect(autoMapBuyerColumns(["First Name", "Last Name", "Phone Number", "E-mail", "Property Type", "Price Range", "Target Zip Codes", "Credit", "Experience Level"]).map((m) => m.target)).toEqual([
      "first_name", "last_name", "phone", "email", "property_types", "price_range", "locations", "credit_score", "experience_level",
    ]);
    const mapping = autoMapBuyerColumns(["Name", "Phone", "Type", "Range"]).map((m) => ({ ...m, target: m.header === "Range" ? "price_range" : m.target }));
    const row = mapBuyerRow(["A B", "2145550100", "SFH & Duplex", "$90K - $1.2M"], mapping, ["Name", "Phone", "Type", "Range"]);
    expect(row).toMatchObject({ ok: true, buyer: { property_types: ["single_family", "multi_family"], price_range: { min: 90_000, max: 1_200_000 } } });
  });
});

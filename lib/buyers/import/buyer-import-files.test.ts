import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant } from "@/lib/testing/factories";
import { parseCsv } from "@/lib/leads/import/csv/parse-csv";
import { rejectedReportText as reportText, runImport as runAnyImport } from "@/lib/testing/imports";
import { closeLeadImportQueue } from "@/lib/leads/import/queue";
import { Buyer } from "@/models/buyer";
import { autoMapBuyerColumns, mapBuyerRow } from "./buyer-targets";

// Buyer lists as a tester brings them (InvestorLift- and PropStream-style exports, hand-made
// spreadsheets, Excel on Windows), imported end to end: every stored value is the file's.
process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;
afterAll(closeLeadImportQueue);

let dispo: TenantContext;
beforeEach(async () => {
  const t = await createTenant();
  dispo = { ...t.ctx, userId: "64b000000000000000000002", role: "disposition_manager" };
});

const runImport = (ctx: TenantContext, file: string | Uint8Array, dedupe: "skip" | "update" | "create" = "skip") => runAnyImport(ctx, file, { dedupe }, { kind: "buyers" });

const reportRows = (text: string) => [...parseCsv(text.replace(/^\ufeff/, ""))].slice(1).map((r) => r.cells);
const buyer = async (name: string) => scoped(dispo, Buyer).findOne({ name }).lean();
const mappingOf = (preview: Awaited<ReturnType<typeof runImport>>["preview"]) => Object.fromEntries(preview.import.mapping.map((m) => [m.header, m.target]));

describe("buyer lists as they come", () => {
  it("an InvestorLift-style export: names in two columns, buyer type and proof of funds kept in the notes, ZIP lists", async () => {
    const csv = [
      "First Name,Last Name,Email,Phone,Company,Buyer Type,Property Types,Min Price,Max Price,Markets,Zip Codes,Funding Source,Proof of Funds",
      'Jane,Doe,Jane@Doe.example,(214) 555-0101,Doe Capital LLC,Flipper,"Single Family, Duplex",$150k,$300k,"Dallas, TX; Fort Worth, TX","75201, 75204",Cash,Yes',
      "John,Roe,john@roe.example,+1 817 555 0102,,Landlord,SFR/MF,150000,300000,Texas,75201 75204 76104,Hard Money,No",
    ].join("\r\n");
    const { preview, view } = await runImport(dispo, csv);
    expect(mappingOf(preview)).toMatchObject({ "Buyer Type": "notes", "Proof of Funds": "proof_of_funds", "Zip Codes": "locations" });
    expect(view.progress).toMatchObject({ created: 2, rejected: 0 });
    // The preview shows the range as the list does.
    expect(preview.rows.map((r) => r.numbers)).toEqual(["single family, multi family · $150,000–$300,000", "single family, multi family · $150,000–$300,000"]);
    expect(await buyer("Jane Doe")).toMatchObject({
      email: "jane@doe.example", phone: "+12145550101", company: "Doe Capital LLC", property_types: ["single_family", "multi_family"],
      price_range: { min: 150_000, max: 300_000 }, preferred_locations: ["city:tx:dallas", "city:tx:fort-worth", "zip:75201", "zip:75204"],
      funding_type: "cash", notes: "Buyer Type: Flipper\nProof of funds (Proof of Funds): Yes",
    });
    expect(await buyer("John Roe")).toMatchObject({ preferred_locations: ["state:tx", "zip:75201", "zip:75204", "zip:76104"], funding_type: "hard_money", notes: "Buyer Type: Landlord\nProof of funds (Proof of Funds): No" });
  });

  it("a PropStream-style export: owner name columns, city and state in their own columns", async () => {
    const csv = [
      "Owner 1 First Name,Owner 1 Last Name,City,State,Zip,Phone 1,Phone 2,Email 1,Property Type",
      "Bob,Smith,Fort Worth,TX,76104,bad,2145550103,bob@smith.example,SFR",
      "Cal,Jones,Tulsa,Oklahoma,,2145550104,,,Condo",
    ].join("\n");
    const { preview, view } = await runImport(dispo, csv);
    expect(mappingOf(preview)).toMatchObject({ "Owner 1 First Name": "first_name", "Owner 1 Last Name": "last_name", City: "locations", State: "location_state" });
    expect(view.progress).toMatchObject({ created: 2, rejected: 0 });
    expect(await buyer("Bob Smith")).toMatchObject({ phone: "+12145550103", preferred_locations: ["city:tx:fort-worth", "zip:76104"], property_types: ["single_family"] });
    expect(await buyer("Cal Jones")).toMatchObject({ preferred_locations: ["city:ok:tulsa"], property_types: ["condo"] });
  });

  it("a spreadsheet: \"Dallas; Fort Worth\" beside a state column, counties, \"TX\" and \"Texas\" alike, ranges in one cell", async () => {
    const csv = [
      "Name,Phone,Cities,Counties,State,Property Type,Price Range,Funding,POF,Notes",
      'Ann Able,214-555-0111,Dallas; Fort Worth,,TX,SFR/MF,$150k-$300k,Private,yes,likes brick',
      'Bo Bell,214-555-0112,"dallas;FORT WORTH",Tarrant,Texas,"Single Family, Duplex","$150,000 - $300,000",Cash,no,',
      "Cy Cole,214-555-0113,,,Texas,Condo,,cash,,",
      "Di Dunn,214-555-0114,,Dallas County,TX; OK,Condo,,cash,,",
    ].join("\n");
    const { view, id } = await runImport(dispo, csv);
    expect(view.progress).toMatchObject({ created: 3, rejected: 1 });
    expect(await buyer("Ann Able")).toMatchObject({ preferred_locations: ["city:tx:dallas", "city:tx:fort-worth"], price_range: { min: 150_000, max: 300_000 }, funding_type: "private_money", notes: "likes brick\nProof of funds (POF): yes" });
    expect(await buyer("Bo Bell")).toMatchObject({ preferred_locations: ["city:tx:dallas", "city:tx:fort-worth", "county:tx:tarrant"], property_types: ["single_family", "multi_family"], price_range: { min: 150_000, max: 300_000 } });
    expect((await buyer("Cy Cole"))?.preferred_locations).toEqual(["state:tx"]);
    const report = await reportText(dispo, id);
    expect(reportRows(report).map((r) => `${r[0]}: ${r.at(-1)}`)).toEqual(['Di Dunn: Locations: "Dallas County" needs a state, and the state column names several (column "Counties")']);

    // The report, fixed in place and imported again: its own columns are left out, the row goes in.
    const again = await runImport(dispo, report.replace("TX; OK", "TX"));
    expect(mappingOf(again.preview)).toMatchObject({ "Import row": "ignore", "Import result": "ignore", "Import error": "ignore" });
    expect(again.view.progress).toMatchObject({ created: 1, rejected: 0 });
    expect(await buyer("Di Dunn")).toMatchObject({ preferred_locations: ["county:tx:dallas"], property_types: ["condo"], funding_type: "cash" });
  });

  it("Excel on Windows: a UTF-8 BOM file and a Windows-1252 file read the same, blank lines skipped", async () => {
    const rows = ["Name,Company,Phone,Price Range,Locations", "", "José Peña,Café Homes,214-555-0121,150k–300k,San Antonio TX", "   ", ""];
    const utf8 = await runImport(dispo, new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(rows.join("\r\n"))]));
    expect(utf8.view).toMatchObject({ encoding: "utf-8-bom", headers: ["Name", "Company", "Phone", "Price Range", "Locations"], progress: { created: 1, rejected: 0 } });
    expect(await buyer("José Peña")).toMatchObject({ company: "Café Homes", price_range: { min: 150_000, max: 300_000 }, preferred_locations: ["city:tx:san-antonio"] });

    await scoped(dispo, Buyer).deleteMany({});
    const cp1252 = Buffer.from(rows.join("\r\n").replace("–", "\x96"), "latin1");
    const windows = await runImport(dispo, cp1252);
    expect(windows.view).toMatchObject({ encoding: "windows-1252", progress: { created: 1, rejected: 0 } });
    expect(await buyer("José Peña")).toMatchObject({ company: "Café Homes", price_range: { min: 150_000, max: 300_000 } });
  });

  it("finds duplicates by phone and by e-mail (any case) among existing buyers: skip, update, create", async () => {
    await scoped(dispo, Buyer).create({ name: "Ann Old", phone: "+12145550131", email: "ann@able.example", price_range: { min: 100_000, max: 300_000 }, preferred_locations: ["state:ok"], notes: "met at REIA" });
    await scoped(dispo, Buyer).create({ name: "Bo Old", phone: "+12145550132", email: "bo@bell.example" });
    const csv = ["Name,Phone,Email,Min Price,Locations", "Ann Able,(972) 555-0199,ANN@Able.Example,150000,Dallas TX", "Bo Bell,214.555.0132,,,"].join("\n");

    const skipped = await runImport(dispo, csv, "skip");
    expect(skipped.view.progress).toMatchObject({ created: 0, skipped: 2 });
    expect(reportRows(await reportText(dispo, skipped.id)).map((r) => r.at(-1))).toEqual(['Duplicate of the existing buyer "Ann Old" (same e-mail)', 'Duplicate of the existing buyer "Bo Old" (same phone)']);

    const updated = await runImport(dispo, csv, "update");
    expect(updated.view.progress).toMatchObject({ updated: 2, created: 0, rejected: 0 });
    // The file's values win; what the file leaves blank (the maximum, the notes, Bo's e-mail) stays.
    expect(await buyer("Ann Able")).toMatchObject({ phone: "+19725550199", email: "ann@able.example", price_range: { min: 150_000, max: 300_000 }, preferred_locations: ["state:ok", "city:tx:dallas"], notes: "met at REIA" });
    expect(await buyer("Bo Bell")).toMatchObject({ phone: "+12145550132", email: "bo@bell.example" });

    const created = await runImport(dispo, csv, "create");
    expect(created.view.progress).toMatchObject({ created: 2 });
    expect(await scoped(dispo, Buyer).countDocuments()).toBe(4);
  });

  it("an update that would put the minimum above the stored maximum is a rejected row naming the field, and the buyer is unchanged", async () => {
    await scoped(dispo, Buyer).create({ name: "Ann Old", phone: "+12145550131", price_range: { min: 100_000, max: 200_000 } });
    const { id, view } = await runImport(dispo, "Name,Phone,Min Price\nAnn Able,214-555-0131,250000\nBo Bell,214-555-0132,1", "update");
    expect(view).toMatchObject({ status: "completed", progress: { created: 1, updated: 0, rejected: 1 } });
    expect(reportRows(await reportText(dispo, id)).map((r) => r.at(-1))).toEqual([expect.stringMatching(/^Price range: .*minimum \(250,000\).*maximum \(200,000\)/)]);
    expect(await scoped(dispo, Buyer).findOne({ phone: "+12145550131" }).lean()).toMatchObject({ name: "Ann Old", price_range: { min: 100_000, max: 200_000 } });
  });
});

describe("headers as lists write them", () => {
  it("takes the name from a name column, never from one that only mentions a buyer or a contact", () => {
    const headers = ["First Name", "Last Name", "Cash Buyer", "Last Contact", "Phone", "Buying Range"];
    expect(autoMapBuyerColumns(headers).map((m) => m.target)).toEqual(["first_name", "last_name", "notes", "ignore", "phone", "price_range"]);
    const row = mapBuyerRow(["Jane", "Doe", "Yes", "2026-11-02", "2145550101", "100k-200k"], autoMapBuyerColumns(headers), headers);
    expect(row).toMatchObject({ ok: true, buyer: { name: "Jane Doe", notes: "Cash Buyer: Yes", price_range: { min: 100_000, max: 200_000 } } });
    expect(autoMapBuyerColumns(["Buyer", "Phone"])[0].target).toBe("name");
    expect(autoMapBuyerColumns(["Contact Name", "Contact Phone", "Contact Email"]).map((m) => m.target)).toEqual(["name", "phone", "email"]);
  });
});

describe("cells as spreadsheets write them", () => {
  const headers = ["Name", "Phone", "Email", "Price Range", "Funding", "Markets", "Property Type"];
  const mapping = autoMapBuyerColumns(headers);
  const row = (email: string, range: string, funding: string, markets: string, type: string) => mapBuyerRow(["Ann", "2145550101", email, range, funding, markets, type], mapping, headers);

  it("reads open-ended price ranges: \"up to\", \"under\" as a maximum; \"+\", \"over\", \"and up\" as a minimum", () => {
    const range = (text: string) => { const r = row("", text, "", "TX", ""); return r.ok ? r.buyer.price_range : r.reason; };
    expect(range("Up to $300k")).toEqual({ max: 300_000 });
    expect(range("Under 200K")).toEqual({ max: 200_000 });
    expect(range("300k+")).toEqual({ min: 300_000 });
    expect(range("Over $150,000")).toEqual({ min: 150_000 });
    expect(range("150k and up")).toEqual({ min: 150_000 });
    expect(range("$150,000 - $300,000")).toEqual({ min: 150_000, max: 300_000 });
    expect(range("150k to 300k")).toEqual({ min: 150_000, max: 300_000 });
    expect(range("lots")).toMatch(/^Price range: "lots" is not a range/);
  });

  it("keeps the first known funding of several, saying so; understands lender and loan wordings", () => {
    expect(row("", "", "Cash/Hard Money", "TX", "")).toMatchObject({ ok: true, buyer: { funding_type: "cash" }, warnings: ['Funding type: "Cash/Hard Money" names several; kept cash'] });
    expect(row("", "", "Private Lender", "TX", "")).toMatchObject({ ok: true, buyer: { funding_type: "private_money" }, warnings: [] });
    expect(row("", "", "Hard Money Loan", "TX", "")).toMatchObject({ ok: true, buyer: { funding_type: "hard_money" } });
    expect(row("", "", "Barter", "TX", "")).toMatchObject({ ok: false, reason: expect.stringMatching(/^Funding type: "Barter" is not one of/) });
  });

  it("reads types with a unit count, a parenthesis or \"homes\", and still refuses a strategy", () => {
    const types = (text: string) => { const r = row("", "", "", "TX", text); return r.ok ? r.buyer.property_types : r.reason; };
    expect(types("Multi-Family (2-4)")).toEqual(["multi_family"]);
    expect(types("Multifamily 5+")).toEqual(["multi_family"]);
    expect(types("Single Family Homes; Townhomes")).toEqual(["single_family", "townhouse"]);
    expect(types("Fix & Flip")).toMatch(/^Property types: "Fix" is not a property type/);
  });

  it("reads a credit score as its band and a number of deals as experience, instead of refusing the row", () => {
    const hs = ["Name", "Phone", "Credit Score", "Experience"];
    const read = (credit: string, experience: string) => { const r = mapBuyerRow(["Ann", "2145550101", credit, experience], autoMapBuyerColumns(hs), hs); return r.ok ? [r.buyer.credit_score, r.buyer.experience_level] : r.reason; };
    expect(read("760", "12 deals")).toEqual(["excellent", "advanced"]);
    expect(read("700+", "5+")).toEqual(["good", "intermediate"]);
    expect(read("Good (680-739)", "0")).toEqual(["good", "beginner"]);
    expect(read("600", "Experienced")).toEqual(["fair", "advanced"]);
    expect(read("9000", "")).toMatch(/^Credit band: "9000" is not one of excellent, good, fair, poor/);
  });

  it("gives a place without a state the one state its cell names, and keeps the first valid of several e-mails", () => {
    expect(row("a@x.example; b@y.example", "", "", "Dallas/Fort Worth, TX", "")).toMatchObject({ ok: true, buyer: { email: "a@x.example", preferred_locations: ["city:tx:dallas", "city:tx:fort-worth"] } });
    expect(row("", "", "", "Dallas; Tulsa, OK; Austin, TX", "")).toMatchObject({ ok: false, reason: expect.stringMatching(/^Locations: "Dallas": .*needs a state/) });
  });
});

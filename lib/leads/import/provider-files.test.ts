// Files we had not tried, imported as a rep does (upload, analyze with the automatic mapping,
// preview, import): other providers' header spellings, spreadsheets saved in other locales and
// encodings, cells spanning lines, internationalised e-mails, duplicate pairs. For each, the
// counts add up the way the import page reports them (rows in = created + updated + skipped +
// not imported; "with warnings" are among the created and updated), and every stored value is
// the file's.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { Lead } from "@/models/lead";
import { createTag } from "@/lib/tags/tag-catalogue";
import { Tag } from "@/models/tag";
import { dbSource } from "../list/db-source";
import { buildLeadIndex, currentIndex, indexSourceOf } from "../list/index/lead-index";
import { dropIndex } from "../list/index/index-store";
import { listLeads } from "../list/list-leads";
import { parseListQuery } from "../list/list-query";
import { createLead } from "../write/create-lead";
import { createWorkspace } from "../write/test-helpers";
import { formatDate } from "@/components/leads/list/format";
import { detectDelimiter, parseCsv } from "./csv/parse-csv";
import { rejectedReportText, runImport } from "@/lib/testing/imports";
import type { ImportSettings } from "./imports";
import { exportLeadsCsv } from "../export/export-leads";
import { closeLeadImportQueue } from "./queue";

process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;
afterAll(closeLeadImportQueue);

/** Upload in pieces, analyze (automatic mapping and preview), start and run the import. */
async function importFile(ctx: TenantContext, bytes: Uint8Array, settings: Partial<ImportSettings> = {}, timeZone?: string) {
  const { id, preview, view } = await runImport(ctx, bytes, settings, { fileName: "list.csv", timeZone });
  const body = (await rejectedReportText(ctx, id)).replace(/^\ufeff/, "");
  const report = [...parseCsv(body, { delimiter: detectDelimiter(body) })].map((r) => r.cells).slice(1);
  return { preview, view, report };
}

/** The counts of the preview, the finished import and its report agree, as the import page shows them. */
function expectCountsAddUp({ preview, view, report }: Awaited<ReturnType<typeof importFile>>, rowsIn: number) {
  const p = view.progress;
  expect(view.status).toBe("completed");
  expect(view.rowCount).toBe(rowsIn);
  expect(preview.checked).toBe(rowsIn);
  expect(preview.valid + preview.invalid).toBe(rowsIn);
  expect(p.next_row).toBe(rowsIn);
  expect(p.created + p.updated + p.skipped + p.rejected).toBe(rowsIn);
  expect(p.warned).toBeLessThanOrEqual(p.created + p.updated);
  // The preview does not look for duplicates: its ready rows are the imported and skipped ones.
  expect(preview.valid).toBe(p.created + p.updated + p.skipped);
  expect(preview.warned).toBe(p.warned);
  const outcomes = report.map((r) => r.at(-2));
  expect(outcomes.filter((o) => o === "Skipped").length).toBe(p.skipped);
  expect(outcomes.filter((o) => o === "Not imported").length).toBe(p.rejected);
  expect(outcomes.filter((o) => o === "Imported with warnings").length).toBe(p.warned);
}

const byPhone = (ctx: TenantContext, phone: string) => scoped(ctx, Lead).findOne({ phone }).lean();

/** Windows-1252 bytes (Latin-1 plus the 0x80–0x9F punctuation a Windows spreadsheet writes). */
function cp1252(text: string): Buffer {
  const high: Record<string, number> = { "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97, "œ": 0x9c, "Ÿ": 0x9f };
  return Buffer.from([...text].map((c) => high[c] ?? (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x3f)));
}

describe("a DealMachine-style export", () => {
  const csv = [
    "first_name,last_name,property_address_line_1,property_address_city,property_address_state,property_address_zipcode,owner_address_line_1,owner_address_city,owner_address_state,owner_address_zip,phone_1,phone_1_type,phone_2,phone_2_type,phone_3,email_address_1,estimated_value,total_bedrooms,total_baths,building_square_feet,lot_acreage,year_built,property_type,lead_status,tags,next_follow_up",
    `Lorena,Quist,2207 Glenwood Ave,Fort Worth,TX,76104,PO Box 1180,Keller,TX,76244,(817) 716-6366,Mobile,817.555.0144,Landline,,lorena.q@example.net,"$312,500",4,2.5,"2,140",0.19,1978,Single Family Residential,Warm,"Absentee Owner, High Equity",2027-01-20`,
    `Dmitri,Okafor-Lane,"415 N. Elm St, Apt 3",Denton,TX,76201,,,,,940-555-0190,Wireless,,,,DOKAFOR@EXAMPLE.COM,,,,,,,Condo,New,,`,
    `Nobody,Home,9 Vacant Rd,Denton,TX,76201,,,,,,,,,,,,,,,,,,,,`,
  ].join("\n");

  it("maps the owner's mailing address in parts, every phone with its type, tags onto the catalogue's look-alikes; counts add up", async () => {
    const ws = await createWorkspace();
    for (const name of ["absentee-owner", "high-equity"]) await createTag(ws.admin, { name });
    const run = await importFile(ws.admin, Buffer.from(csv));
    expectCountsAddUp(run, 3);
    expect(run.view.progress).toMatchObject({ created: 2, rejected: 1, warned: 0 });
    expect(run.report.map((r) => r.at(-1))).toEqual(["Phone is missing (every lead needs a phone number)"]);

    const lorena = await byPhone(ws.admin, "+18177166366");
    expect(lorena).toMatchObject({
      name: "Lorena Quist", email: "lorena.q@example.net", estimated_value: 312500, status: "contacted", tags: ["absentee-owner", "high-equity"],
      address: { street: "2207 Glenwood Ave", city: "Fort Worth", state: "TX", zip_code: "76104" },
      mailing_address: { street: "PO Box 1180", city: "Keller", state: "TX", zip_code: "76244" },
      property_details: { type: "single_family", bedrooms: 4, bathrooms: 2.5, square_feet: 2140, lot_size: 8276, year_built: 1978 },
    });
    expect(lorena!.next_follow_up?.toISOString()).toBe("2027-01-20T09:00:00.000Z");
    expect(lorena!.phones).toEqual([
      { number: "+18177166366", type: "mobile", status: "active" },
      { number: "+18175550144", type: "landline", status: "active" },
    ]);
    expect(lorena!.notes).toBeUndefined();
    expect(await scoped(ws.admin, Tag).countDocuments()).toBe(2);

    const dmitri = await byPhone(ws.admin, "+19405550190");
    expect(dmitri).toMatchObject({ name: "Dmitri Okafor-Lane", email: "dokafor@example.com", status: "new", address: { street: "415 N. Elm St, Apt 3", city: "Denton", zip_code: "76201" }, property_details: { type: "condo" } });
    expect(dmitri!.phones).toEqual([{ number: "+19405550190", type: "mobile", status: "active" }]);
    expect(dmitri!.mailing_address ?? {}).toEqual({});
  });

  describe("finds the imported leads by what reps type", () => {
    let ws: Awaited<ReturnType<typeof createWorkspace>>;
    const sources = [
      ["database", async () => dbSource],
      ["list index", async () => {
        await dropIndex(ws.admin.tenantId);
        await buildLeadIndex(ws.admin);
        return indexSourceOf((await currentIndex(ws.admin.tenantId))!);
      }],
    ] as const;
    const found = async (source: (typeof sources)[number][1], q: string) =>
      (await listLeads(ws.admin, parseListQuery(new URLSearchParams({ q })).query, { source: await source() })).rows.map((r) => r.name);

    it.each(sources)("from the %s: last four digits, the number without its area code, street, city, ZIP, e-mail domain, a second phone", async (_name, source) => {
      ws = await createWorkspace();
      await importFile(ws.admin, Buffer.from(csv));
      try {
        for (const q of ["6366", "716-6366", "Glenwood", "Fort Worth", "example.net", "0144", "555-0144", "glenwood fort", "@example.net", "Glenwood Ave.", "2207 Glenwood Ave.", "Fort Worth, TX", "fort worth tx", "(817) 555-0144", "+1 817 716 6366", "lorena.q@"]) expect(await found(source, q), q).toEqual(["Lorena Quist"]);
        expect(await found(source, "76104")).toEqual(["Lorena Quist"]);
        expect(await found(source, "76201")).toEqual(["Dmitri Okafor-Lane"]);
        expect(await found(source, "Denton")).toEqual(["Dmitri Okafor-Lane"]);
        expect(await found(source, "example.com")).toEqual(["Dmitri Okafor-Lane"]);
      } finally {
        await dropIndex(ws.admin.tenantId);
      }
    });
  });
});

describe("a BatchSkipTracing result and a REsimpli export", () => {
  it("imports BatchSkipTracing's Input addresses, every phone with its type, and the e-mails; counts add up", async () => {
    const ws = await createWorkspace();
    const csv = [
      "Input First Name,Input Last Name,Input Property Address,Input Property City,Input Property State,Input Property Zip,Input Mailing Address,Input Mailing City,Input Mailing State,Input Mailing Zip,Phone1,Phone1 Type,Phone2,Phone2 Type,Phone3,Phone3 Type,Email1,Email2,Email3,Deceased,Litigator",
      "Rosa,Méndez,4410 Bryan St,Dallas,TX,75204,PO Box 220,Dallas,TX,75221,(469) 555-0801,Mobile,469–555–0802,Landline,'4695550803,VoIP,rosa.mendez@gmail.com,,Rosa Méndez <rmendez@yahoo.com>,No,No",
      "Tom,Ng,18 Swiss Ave,Dallas,TX,75204,,,,,,,,,,,,,,No,No",
    ].join("\r\n");
    const run = await importFile(ws.admin, Buffer.from(csv));
    expectCountsAddUp(run, 2);
    expect(run.view.progress).toMatchObject({ created: 1, rejected: 1, warned: 0 });
    expect(await byPhone(ws.admin, "+14695550801")).toMatchObject({
      name: "Rosa Méndez", email: "rosa.mendez@gmail.com", emails: [{ address: "rosa.mendez@gmail.com" }, { address: "rmendez@yahoo.com" }],
      address: { street: "4410 Bryan St", city: "Dallas", state: "TX", zip_code: "75204" }, mailing_address: { street: "PO Box 220", city: "Dallas", state: "TX", zip_code: "75221" },
      phones: [
        { number: "+14695550801", type: "mobile", status: "active" },
        { number: "+14695550802", type: "landline", status: "active" },
        { number: "+14695550803", type: "voip", status: "active" },
      ],
    });
    expect((await byPhone(ws.admin, "+14695550801"))!.notes).toBeUndefined();
  });

  it("imports a REsimpli export's secondary and alternate phones, lead stage, 'USD' and '214.000,- €' prices and a follow-up in words", async () => {
    const ws = await createWorkspace();
    const csv = [
      "Seller First Name,Seller Last Name,Primary Phone,Secondary Phone,Alternate Phone,Seller Email,Property Street Address,Property City,Property State,Property Zip Code,Lead Stage,Lead Source,Tags,Asking Price,Beds,Baths,SqFt,Year Built,Follow Up Date",
      `Tomás,Aguilar,214.555.0201,+1 214 555 0202,1-214-555-0203,tomas@aguilar.mx,22 Ross Ave,Dallas,TX,75201,Under Contract,Direct Mail,"absentee_owner\nHIGH-EQUITY",USD 214000,3,2.5,"1,450",1962,"March 15th, 2027"`,
      `Ana,Ruiz,214.555.0211,,,,5 Elm St,Dallas,TX,75201,Dead,Cold Call,,"214.000,- €",2,1,980,1950,15. März 2027`,
    ].join("\n");
    const run = await importFile(ws.admin, Buffer.from(csv));
    expectCountsAddUp(run, 2);
    expect(run.view.progress).toMatchObject({ created: 2, warned: 0, rejected: 0 });
    const tomas = await byPhone(ws.admin, "+12145550201");
    expect(tomas).toMatchObject({
      name: "Tomás Aguilar", status: "under_contract", source: "direct mail", asking_price: 214_000, tags: ["absentee_owner", "high-equity"],
      property_details: { bedrooms: 3, bathrooms: 2.5, square_feet: 1450, year_built: 1962 },
    });
    expect(tomas!.phones!.map((p) => p.number)).toEqual(["+12145550201", "+12145550202", "+12145550203"]);
    expect(tomas!.next_follow_up?.toISOString()).toBe("2027-03-15T09:00:00.000Z");
    const ana = await byPhone(ws.admin, "+12145550211");
    expect(ana).toMatchObject({ status: "lost", asking_price: 214_000 });
    expect(ana!.next_follow_up?.toISOString()).toBe("2027-03-15T09:00:00.000Z");
  });
});

describe("a ListSource-style export", () => {
  it("reads a plain 'LOT SIZE' column of acres as acres (by its values), the site and mail addresses, and MARKET VALUE", async () => {
    const ws = await createWorkspace();
    const csv = [
      "OWNER FIRST NAME,OWNER LAST NAME,SITE ADDRESS,SITE UNIT,SITE CITY,SITE STATE,SITE ZIP,SITE ZIP4,MAIL ADDRESS,MAIL CITY,MAIL STATE,MAIL ZIP,PHONE NUMBER,BEDROOMS,BATHROOMS,BUILDING SQFT,LOT SIZE,YEAR BUILT,MARKET VALUE,LAND USE",
      "JOHN,SMITH,512 ELM ST,,WACO,TX,76701,1234,PO BOX 77,WACO,TX,76702,2545550301,3,1.75,1100,0.21,1948,95000,SFR",
      "MARY,JONES,9 OAK AVE,2,WACO,TX,76706,,9 OAK AVE,WACO,TX,76706,254-555-0302,2,1,880,1.5,1960,\"120,500\",CONDOMINIUM",
      "PAT,LEE,77 RANCH RD,,WACO,TX,76712,,,,,,(254) 555-0303,4,2,2400,12,2001,310000,VACANT LAND",
    ].join("\n");
    const run = await importFile(ws.admin, Buffer.from(csv));
    expect(run.preview.import.mapping.find((m) => m.header === "LOT SIZE")?.target).toBe("lot_acres");
    expect(run.preview.numberColumns.every((c) => c.warning === null)).toBe(true);
    expectCountsAddUp(run, 3);
    expect(run.view.progress).toMatchObject({ created: 3, warned: 0, rejected: 0 });
    expect(await byPhone(ws.admin, "+12545550301")).toMatchObject({
      name: "JOHN SMITH", estimated_value: 95_000, address: { street: "512 ELM ST", city: "WACO", state: "TX", zip_code: "76701" },
      mailing_address: { street: "PO BOX 77", city: "WACO", state: "TX", zip_code: "76702" },
      property_details: { type: "single_family", bedrooms: 3, bathrooms: 1.75, square_feet: 1100, lot_size: 9148, year_built: 1948 },
    });
    expect(await byPhone(ws.admin, "+12545550302")).toMatchObject({ estimated_value: 120_500, address: { street: "9 OAK AVE Unit 2" }, property_details: { type: "condo", lot_size: 65_340 } });
    expect(await byPhone(ws.admin, "+12545550303")).toMatchObject({ property_details: { type: "land", lot_size: 522_720 } });
  });

  it("keeps a plain 'Lot Size' column of square feet in square feet", async () => {
    const ws = await createWorkspace();
    const run = await importFile(ws.admin, Buffer.from("Name,Phone,Lot Size\nAl,2545550311,\"6,534\"\nBo,2545550312,8712\n"));
    expect(run.preview.import.mapping.find((m) => m.header === "Lot Size")?.target).toBe("property_details.lot_size");
    expect((await byPhone(ws.admin, "+12545550311"))!.property_details).toMatchObject({ lot_size: 6534 });
  });
});

describe("names and places in other alphabets", () => {
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  const found = async (source: "database" | "list index", q: string) => {
    const src = source === "database" ? dbSource : indexSourceOf((await currentIndex(ws.admin.tenantId))!);
    return (await listLeads(ws.admin, parseListQuery(new URLSearchParams({ q })).query, { source: src })).rows.map((r) => r.name);
  };

  it.each(["database", "list index"] as const)("from the %s: finds Weiß by 'weiss', Søren by 'soren', Łukasz by 'lukasz', Æbeltoft by 'aebeltoft', 李明 by '李'", async (source) => {
    ws = await createWorkspace();
    const csv = "Name,Phone,Address,City,Email\nJürgen Weiß,2145550901,8 Straße Ave,Dallas,jw@example.com\nSøren Ødegård,2145550902,1 Main St,Æbeltoft,søren@exämple.dk\nŁukasz Nowak,2145550903,2 Main St,Dallas,\n李明,2145550904,3 Main St,Dallas,\n";
    await importFile(ws.admin, Buffer.from(csv));
    if (source === "list index") {
      await dropIndex(ws.admin.tenantId);
      await buildLeadIndex(ws.admin);
    }
    try {
      for (const [q, name] of [["weiss", "Jürgen Weiß"], ["Weiß", "Jürgen Weiß"], ["jurgen weiss", "Jürgen Weiß"], ["strasse", "Jürgen Weiß"], ["soren", "Søren Ødegård"], ["Søren", "Søren Ødegård"], ["odegard", "Søren Ødegård"], ["aebeltoft", "Søren Ødegård"], ["soren@example.dk", "Søren Ødegård"], ["lukasz", "Łukasz Nowak"], ["Łukasz", "Łukasz Nowak"], ["李", "李明"]]) {
        expect(await found(source, q), q).toEqual([name]);
      }
    } finally {
      await dropIndex(ws.admin.tenantId);
    }
  });
});

describe("a mailing address on two lines", () => {
  it("keeps the mailing unit or second line in the mailing address, shown on the lead and exported, never in the notes", async () => {
    const ws = await createWorkspace();
    const csv = [
      "Name,Phone,Mailing Address,Mailing Address 2,Mailing City,Mailing State,Mailing Zip",
      "Rosa Diaz,2145550191,500 Main St,4B,Dallas,TX,75201",
      "Ty Lee,2145550192,PO Box 12,c/o Jane Roe,Austin,TX,78701",
      "Al Gore,2145550193,9 Elm St,Apt 3,Waco,TX,76701",
    ].join("\n");
    const run = await importFile(ws.admin, Buffer.from(`${csv}\n`));
    expect(run.preview.import.mapping.find((m) => m.header === "Mailing Address 2")?.target).toBe("mailing_address.unit");
    expectCountsAddUp(run, 3);
    const rosa = await byPhone(ws.admin, "+12145550191");
    expect(rosa).toMatchObject({ mailing_address: { street: "500 Main St Unit 4B", city: "Dallas", state: "TX", zip_code: "75201" } });
    expect(rosa!.notes).toBeUndefined();
    expect((await byPhone(ws.admin, "+12145550192"))!.mailing_address?.street).toBe("PO Box 12, c/o Jane Roe");
    expect((await byPhone(ws.admin, "+12145550193"))!.mailing_address?.street).toBe("9 Elm St Apt 3");
    const exported = await new Response(await exportLeadsCsv(ws.admin, [String(rosa!._id)])).text();
    expect(exported).toContain("500 Main St Unit 4B");
  });
});

describe("a skip-traced list with other header spellings", () => {
  it("keeps Phone 1–5 with their types and statuses, the mailing address and both e-mails", async () => {
    const ws = await createWorkspace();
    const csv = [
      "Owner 1 Full Name,Site Address,Site City,Site State,Site Zip,Mailing Address 1,Mailing Address City,Mailing Address State,Mailing Zip5,Ph1,Phone Type 1,Phone 2 (Mobile),Phone 3,Phone 3 Line Type,Phone Status 3,Phone 4,Phone 4 Type,Phone 5,Phone 5 Type,Phone 5 DNC,Email Address 1,Email 2,Estimated Market Value,Beds,Baths,Living Sq Ft,Lot Size (Acres),Lists",
      `Harlan J Whitcomb,88 Ridgecrest Ln,Arlington,TX,76012,1401 Commerce St Ste 200,Dallas,TX,75201,2145550311,Landline,(214) 555-0312,214-555-0313,VoIP,Disconnected,+1 214 555 0314,Residential,12145550315,Cell,Y,harlan@ridgecrest-homes.com,h.whitcomb@exämple.de,"$1,250,000",5,3.5,"3,420",1.5,"Probate; Tired Landlord"`,
      `Ines Marrow,4 Lake Dr,Arlington,TX,76012,,,,,not on file,,,(817) 555-0321,Mobile,,,,,,,,ines@@example.com,,,,,,`,
    ].join("\r\n");
    const run = await importFile(ws.admin, Buffer.from(csv));
    expectCountsAddUp(run, 2);
    expect(run.view.progress).toMatchObject({ created: 2, rejected: 0, warned: 1 });
    expect(run.report.map((r) => r.slice(-3))).toEqual([["3", "Imported with warnings", 'E-mail "ines@@example.com" in column "Email 2" is not a valid e-mail address: left out (kept in the notes)']]);

    const harlan = await byPhone(ws.admin, "+12145550311");
    expect(harlan).toMatchObject({
      name: "Harlan J Whitcomb", email: "harlan@ridgecrest-homes.com", estimated_value: 1_250_000, tags: ["probate", "tired landlord"],
      address: { street: "88 Ridgecrest Ln", city: "Arlington", state: "TX", zip_code: "76012" },
      mailing_address: { street: "1401 Commerce St Ste 200", city: "Dallas", state: "TX", zip_code: "75201" },
      property_details: { bedrooms: 5, bathrooms: 3.5, square_feet: 3420, lot_size: 65340 },
    });
    expect(harlan!.phones).toEqual([
      { number: "+12145550311", type: "landline", status: "active" },
      { number: "+12145550312", type: "mobile", status: "active" },
      { number: "+12145550313", type: "voip", status: "disconnected" },
      { number: "+12145550314", type: "landline", status: "active" },
      { number: "+12145550315", type: "mobile", status: "do_not_call" },
    ]);
    expect(harlan!.emails).toEqual([{ address: "harlan@ridgecrest-homes.com" }, { address: "h.whitcomb@exämple.de" }]);
    expect(harlan!.notes).toBeUndefined();

    // A first column without a number does not cost the lead: the next valid one is its phone.
    const ines = await byPhone(ws.admin, "+18175550321");
    expect(ines).toMatchObject({ name: "Ines Marrow", phones: [{ number: "+18175550321", type: "mobile", status: "active" }] });
    expect(ines!.notes).toBe("Ph1 (not a valid phone number): not on file\nEmail 2 (not a valid e-mail): ines@@example.com");
  });
});

describe("spreadsheets saved in other locales and encodings", () => {
  it("reads a German Excel CSV (UTF-8 with BOM, semicolons, 1.250.000,00 €, dates dd.mm.yyyy) as the file means it", async () => {
    const ws = await createWorkspace();
    const csv = [
      "Name;Phone;Street;City;State;Zip;Asking Price;Estimated Value;Bathrooms;Sq Ft;Next Follow-Up",
      "Jürgen Weiß;+1 (469) 555-0121;1208 Oak Lawn Ave;Dallas;TX;75219;1.250.000,00 €;1.400.000 €;2,5;1.450;03.04.2027",
      "Anke Groß;469 555 0122;33 Turtle Creek Blvd;Dallas;TX;75219;899.000,50 €;950.000,00 €;3;2.310;15.03.2027 14:30",
      "Bernd Fuß;469 555 0123;7 Cedar Springs Rd;Dallas;TX;75219;;;;;31.02.2027",
    ].join("\r\n");
    const run = await importFile(ws.admin, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${csv}\r\n`)]));
    expectCountsAddUp(run, 3);
    expect(run.view).toMatchObject({ encoding: "utf-8-bom", progress: { created: 3, warned: 1 } });
    // The preview shows money, numbers and dates as they will be stored.
    expect(run.preview.rows[0].numbers).toBe("Asking $1,250,000 · Value $1,400,000 · 2.5 ba · 1,450 sq ft · follow-up Apr 3, 2027");
    expect(run.preview.rows[1].numbers).toBe("Asking $899,000.5 · Value $950,000 · 3 ba · 2,310 sq ft · follow-up Mar 15, 2027 14:30");

    const jurgen = await byPhone(ws.admin, "+14695550121");
    expect(jurgen).toMatchObject({ name: "Jürgen Weiß", asking_price: 1_250_000, estimated_value: 1_400_000, property_details: { bathrooms: 2.5, square_feet: 1450 } });
    expect(jurgen!.next_follow_up?.toISOString()).toBe("2027-04-03T09:00:00.000Z");
    const anke = await byPhone(ws.admin, "+14695550122");
    expect(anke).toMatchObject({ asking_price: 899_000.5, estimated_value: 950_000, property_details: { bathrooms: 3, square_feet: 2310 } });
    expect(anke!.next_follow_up?.toISOString()).toBe("2027-03-15T14:30:00.000Z");
    // The 31st of February is no date: left out and said, never rolled over into March.
    expect((await byPhone(ws.admin, "+14695550123"))!.next_follow_up).toBeUndefined();
    expect(run.report.map((r) => r.at(-1))).toEqual(['Next follow-up must be a date ("31.02.2027" in column "Next Follow-Up"): left out']);
  });

  it("reads a French Windows-1252 CSV (semicolons, 250 000,00 €, dates dd/mm/yyyy even where none shows a day above 12)", async () => {
    const ws = await createWorkspace();
    const csv = [
      "Name;Phone;Address;City;State;Zip;Asking Price;Bathrooms;Sq Ft;Follow Up;Email",
      "Françoise Lefèvre;(972) 555-0131;12 Rue Royale Dr;Plano;TX;75024;250\u00a0000,00 €;1,5;1\u00a0450;03/04/2027;françoise@exämple.fr",
      "Noël Côté;(972) 555-0132;5 Élan Ct;Plano;TX;75024;95\u00a0500 €;2;980;11/12/2027;",
    ].join("\r\n");
    const run = await importFile(ws.admin, cp1252(`${csv}\r\n`));
    expectCountsAddUp(run, 2);
    expect(run.view).toMatchObject({ encoding: "windows-1252", progress: { created: 2, warned: 0 } });
    const francoise = await byPhone(ws.admin, "+19725550131");
    expect(francoise).toMatchObject({ name: "Françoise Lefèvre", email: "françoise@exämple.fr", asking_price: 250_000, address: { street: "12 Rue Royale Dr", city: "Plano" }, property_details: { bathrooms: 1.5, square_feet: 1450 } });
    expect(francoise!.next_follow_up?.toISOString()).toBe("2027-04-03T09:00:00.000Z");
    const noel = await byPhone(ws.admin, "+19725550132");
    expect(noel).toMatchObject({ name: "Noël Côté", asking_price: 95_500, address: { street: "5 Élan Ct" }, property_details: { bathrooms: 2, square_feet: 980 } });
    expect(noel!.next_follow_up?.toISOString()).toBe("2027-12-11T09:00:00.000Z");
  });

  it("maps a German spreadsheet's own headers (Vorname, Straße, Hausnummer, PLZ, Ort, Kaufpreis...) and stores the file's values", async () => {
    const ws = await createWorkspace();
    const csv = [
      "Vorname;Nachname;Telefon;Handy;E-Mail;Straße;Hausnummer;PLZ;Ort;Bundesland;Kaufpreis;Notizen",
      "Jürgen;Weiß;+49 30 1234567;+1 469 555 0141;juergen@example.de;Hauptstraße;12a;10115;Berlin;Berlin;350.000 €;Erbengemeinschaft",
      "Anke;Groß;+1 (469) 555-0142;;;Müllerstraße;7;80331;München;Bayern;1.250.000,00 €;",
    ].join("\r\n");
    const run = await importFile(ws.admin, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${csv}\r\n`)]));
    expect(Object.fromEntries(run.preview.import.mapping.map((m) => [m.header, m.target]))).toEqual({
      Vorname: "first_name", Nachname: "last_name", Telefon: "phone", Handy: "phone", "E-Mail": "email", Straße: "address.street", Hausnummer: "address.house_number",
      PLZ: "address.zip_code", Ort: "address.city", Bundesland: "address.state", Kaufpreis: "asking_price", Notizen: "notes",
    });
    expect(run.preview.rows[1].numbers).toBe("Asking $1,250,000");
    expectCountsAddUp(run, 2);
    expect(run.view).toMatchObject({ progress: { created: 2, warned: 0, rejected: 0 } });
    const jurgen = await scoped(ws.admin, Lead).findOne({ email: "juergen@example.de" }).lean();
    expect(jurgen).toMatchObject({
      name: "Jürgen Weiß", phone: "+49301234567", phones: [{ number: "+49301234567" }, { number: "+14695550141" }], asking_price: 350_000,
      address: { street: "Hauptstraße 12a", zip_code: "10115", city: "Berlin", state: "Berlin" }, notes: "Notizen: Erbengemeinschaft",
    });
    expect(await byPhone(ws.admin, "+14695550142")).toMatchObject({ name: "Anke Groß", asking_price: 1_250_000, address: { street: "Müllerstraße 7", zip_code: "80331", city: "München", state: "Bayern" } });
  });

  it("reads a US list's dates month first, also where none shows a day above 12", async () => {
    const ws = await createWorkspace();
    const run = await importFile(ws.admin, Buffer.from("Name,Phone,Follow-up date\nAl,2145550171,03/04/2027\nBo,2145550172,3/15/2027 2:30 PM\n"));
    expectCountsAddUp(run, 2);
    expect((await byPhone(ws.admin, "+12145550171"))!.next_follow_up?.toISOString()).toBe("2027-03-04T09:00:00.000Z");
    expect((await byPhone(ws.admin, "+12145550172"))!.next_follow_up?.toISOString()).toBe("2027-03-15T14:30:00.000Z");
  });

  it("puts a follow-up day without a time at 9:00 in the company's time zone, so a Chicago list shows the file's day", async () => {
    const ws = await createWorkspace();
    const run = await importFile(ws.admin, Buffer.from("Name,Phone,Follow-up date\nAl,2145550181,2027-03-15\nBo,2145550182,03/15/2027\nCy,2145550183,15.03.2027\nDi,2145550184,2027-03-15 20:30\n"), {}, "America/Chicago");
    expectCountsAddUp(run, 4);
    expect(run.preview.rows.slice(0, 3).map((r) => r.numbers)).toEqual(Array(3).fill("follow-up Mar 15, 2027"));
    for (const phone of ["+12145550181", "+12145550182", "+12145550183"]) {
      const due = (await byPhone(ws.admin, phone))!.next_follow_up!;
      // 9:00 CDT (UTC-5) on the 15th, shown as the 15th where the company works (not "Mar 14, 7:00 PM").
      expect(due.toISOString()).toBe("2027-03-15T14:00:00.000Z");
      expect(formatDate(due.toISOString(), "America/Chicago")).toBe("Mar 15, 2027");
      expect(formatDate(due.toISOString(), "America/Chicago", true)).toContain("9:00");
    }
    // A value with a time keeps its reading (UTC).
    expect((await byPhone(ws.admin, "+12145550184"))!.next_follow_up?.toISOString()).toBe("2027-03-15T20:30:00.000Z");
  });

  it("reads Excel's Unicode text (UTF-16 with BOM, tabs) with quoted cells", async () => {
    const ws = await createWorkspace();
    const text = [
      "Name\tPhone\tProperty Address\tCity\tState\tZip\tEmail\tNotes\tAsking Price",
      'Søren Åberg\t(682) 555-0141\t1100 Summit Ave\tFort Worth\tTX\t76102\tsøren@exämple.de\t"Called twice; said ""maybe""\nafter probate"\t$185,000',
      "Ewa Łukasz\t682.555.0142\t8 Hemphill St\tFort Worth\tTX\t76104\t\t\t",
    ].join("\r\n");
    const run = await importFile(ws.admin, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${text}\r\n`, "utf16le")]));
    expectCountsAddUp(run, 2);
    expect(run.view).toMatchObject({ encoding: "utf-16le", progress: { created: 2, warned: 0 } });
    expect(await byPhone(ws.admin, "+16825550141")).toMatchObject({
      name: "Søren Åberg", email: "søren@exämple.de", asking_price: 185_000, notes: 'Notes: Called twice; said "maybe"\nafter probate',
      address: { street: "1100 Summit Ave", city: "Fort Worth", state: "TX", zip_code: "76102" },
    });
    expect(await byPhone(ws.admin, "+16825550142")).toMatchObject({ name: "Ewa Łukasz", address: { street: "8 Hemphill St", zip_code: "76104" } });
  });

  it("reads Windows-1252 with accented names and curly quotes", async () => {
    const ws = await createWorkspace();
    const csv = "Owner First Name,Owner Last Name,Phone 1,Property Address,Property City,Property State,Property Zip,Notes\r\nJosé,Núñez-Ibáñez,(210) 555-0151,14 Alamo Plaza,San Antonio,TX,78205,“Needs to sell” – moving in 2 weeks\r\nZoë,D’Amato,(210) 555-0152,3 Mission Rd,San Antonio,TX,78210,\r\n";
    const run = await importFile(ws.admin, cp1252(csv));
    expectCountsAddUp(run, 2);
    expect(run.view.encoding).toBe("windows-1252");
    expect(await byPhone(ws.admin, "+12105550151")).toMatchObject({ name: "José Núñez-Ibáñez", notes: "Notes: “Needs to sell” – moving in 2 weeks" });
    expect(await byPhone(ws.admin, "+12105550152")).toMatchObject({ name: "Zoë D’Amato", address: { street: "3 Mission Rd", zip_code: "78210" } });
  });
});

describe("cells that span lines and internationalised e-mails", () => {
  it("keeps quoted line breaks, commas and quotes inside one cell, and reads a two-line address", async () => {
    const ws = await createWorkspace();
    const csv = 'Name,Phone,Address,Notes,Email\r\n"Lopez, Maria",214-555-0161,"77 Barton Hills Dr\r\nAustin, TX 78704","Line one\nLine two, with comma\r\n""quoted""",maria@example.com\r\nEd O\'Neil,214-555-0162,"9 Bluebonnet Ln\nAustin, TX 78745",,\r\n';
    const run = await importFile(ws.admin, Buffer.from(csv));
    expectCountsAddUp(run, 2);
    expect(await byPhone(ws.admin, "+12145550161")).toMatchObject({
      name: "Lopez, Maria", email: "maria@example.com", notes: 'Notes: Line one\nLine two, with comma\r\n"quoted"',
      address: { street: "77 Barton Hills Dr", city: "Austin", state: "TX", zip_code: "78704" },
    });
    expect(await byPhone(ws.admin, "+12145550162")).toMatchObject({ name: "Ed O'Neil", address: { street: "9 Bluebonnet Ln", city: "Austin", state: "TX", zip_code: "78745" } });
  });

  it("accepts IDN and internationalised e-mails as mail servers do, and finds a lead again by its punycode spelling", async () => {
    const ws = await createWorkspace();
    const csv = "Name,Phone,Email,Email 2\nJosé Ortiz,2145550181,josé@exämple.de,info@xn--mnchen-3ya.de\nMei Lin,2145550182,李@例え.jp,\nBad Mail,2145550183,josé@exämple,\n";
    const run = await importFile(ws.admin, Buffer.from(csv));
    expectCountsAddUp(run, 3);
    expect(run.view.progress).toMatchObject({ created: 3, warned: 1 });
    expect((await byPhone(ws.admin, "+12145550181"))!.emails).toEqual([{ address: "josé@exämple.de" }, { address: "info@münchen.de" }]);
    expect((await byPhone(ws.admin, "+12145550182"))!.email).toBe("李@例え.jp");
    expect((await byPhone(ws.admin, "+12145550183"))!.email).toBeUndefined();
    const again = await importFile(ws.admin, Buffer.from("Name,Phone,Email\nJ. Ortiz,2145550189,JOSÉ@xn--exmple-cua.de\n"));
    expect(again.view.progress).toMatchObject({ created: 0, skipped: 1 });
    expect(again.report[0].at(-1)).toBe('Duplicate of the existing lead "José Ortiz" (same e-mail)');
  });
});

describe("duplicate pairs", () => {
  it("skips rows that are existing leads or earlier rows by any phone, e-mail or address, and says which", async () => {
    const ws = await createWorkspace();
    await createLead(ws.admin, createLeadSchema.parse({ name: "Ana Ruiz", phone: "8175550199", email: "ana.ruiz@example.com" }));
    await createLead(ws.admin, createLeadSchema.parse({ name: "Ben Cho", phone: "8175550188", phones: [{ number: "8175550188" }, { number: "8175550177" }] }));
    await createLead(ws.admin, createLeadSchema.parse({ name: "Cal Diaz", phone: "8175550166", address: { street: "12 Oak Street", city: "Fort Worth", state: "TX", zip_code: "76104" } }));
    const csv = [
      "Name,Phone,Email,Address,Zip",
      "Ana R.,817.555.0199,,,",
      "Ana Ruiz-Lee,214-555-0191,ANA.RUIZ@EXAMPLE.COM,,",
      "Benny Cho,+1 817 555 0177,,,",
      "Cal D,214-555-0192,,12 Oak St.,76104",
      "Dee Fox,214-555-0193,dee@example.com,,",
      "Dee Fox (2),469-555-0193,DEE@example.com,,",
      'Eli Gray,"214-555-0194 / 214-555-0193",,,',
      "Fay Hill,214-555-0195,,,",
    ].join("\n");
    const run = await importFile(ws.admin, Buffer.from(csv));
    expectCountsAddUp(run, 8);
    expect(run.view.progress).toMatchObject({ created: 2, skipped: 6 });
    expect(run.report.map((r) => [r[0], r.at(-1)])).toEqual([
      ["Ana R.", 'Duplicate of the existing lead "Ana Ruiz" (same phone)'],
      ["Ana Ruiz-Lee", 'Duplicate of the existing lead "Ana Ruiz" (same e-mail)'],
      ["Benny Cho", 'Duplicate of the existing lead "Ben Cho" (same phone)'],
      ["Cal D", 'Duplicate of the existing lead "Cal Diaz" (same address)'],
      ["Dee Fox (2)", "Duplicate of row 6 of this file (same e-mail)"],
      ["Eli Gray", "Duplicate of row 6 of this file (same phone)"],
    ]);
    expect((await scoped(ws.admin, Lead).find({}, { name: 1 }).sort({ name: 1 }).lean()).map((l) => l.name)).toEqual(["Ana Ruiz", "Ben Cho", "Cal Diaz", "Dee Fox", "Fay Hill"]);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { Activity } from "@/models/activity";
import { Lead } from "@/models/lead";
import { LeadImport, LeadImportChunk } from "@/models/lead-import";
import { Tag } from "@/models/tag";
import { createLead } from "../write/create-lead";
import { createWorkspace } from "../write/test-helpers";
import { autoMapColumns } from "./auto-map";
import { parseCsv } from "./csv/parse-csv";
import { rejectedReportText, runImport, uploadImport } from "@/lib/testing/imports";
import { analyzeImport, cancelImport, createImport, getImportOrThrow, rejectedRowsCsv, startImport, storeImportChunk, type ImportSettings } from "./imports";
import { processLeadImportJob } from "./import-job";
import { processLeadImport, type ProcessOptions } from "./process-import";
import { jobConnection, queuePrefix } from "@/lib/core/jobs/connection";
import { closeLeadImportQueue, LEAD_IMPORT_QUEUE } from "./queue";

process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;
afterAll(closeLeadImportQueue);

const fixture = (name: string) => readFileSync(join(process.cwd(), "e2e/fixtures", name));

const upload = (ctx: TenantContext, bytes: Uint8Array, name = "leads.csv") => uploadImport(ctx, bytes, { fileName: name });
const importFile = (ctx: TenantContext, bytes: Uint8Array, settings: Partial<ImportSettings> = {}, opts: ProcessOptions = {}) => runImport(ctx, bytes, settings, { process: opts });

async function reportOf(ctx: TenantContext, id: string) {
  const text = await rejectedReportText(ctx, id);
  return [...parseCsv(text.replace(/^\ufeff/, ""))].map((r) => r.cells);
}

const targets = (headers: string[]) => Object.fromEntries(autoMapColumns(headers).map((m) => [m.header, m.target]));

describe("automatic column mapping", () => {
  it("maps a PropStream export", () => {
    expect(targets(["Address", "Unit #", "City", "State", "Zip", "Owner 1 First Name", "Owner 1 Last Name", "Owner 2 First Name", "Mailing Address", "Mailing City", "Phone 1", "Phone 1 Type", "Phone 2", "Email 1", "Est. Value", "Bedrooms", "Total Bathrooms", "Building Sqft", "Lot Size Sqft", "Effective Year Built", "Property Type", "APN"])).toEqual({
      Address: "address.street", "Unit #": "address.unit", City: "address.city", State: "address.state", Zip: "address.zip_code",
      "Owner 1 First Name": "first_name", "Owner 1 Last Name": "last_name", "Owner 2 First Name": "notes", "Mailing Address": "mailing_address.street", "Mailing City": "mailing_address.city",
      "Phone 1": "phone", "Phone 1 Type": "phone_type", "Phone 2": "phone", "Email 1": "email", "Est. Value": "estimated_value", Bedrooms: "property_details.bedrooms",
      "Total Bathrooms": "property_details.bathrooms", "Building Sqft": "property_details.square_feet", "Lot Size Sqft": "property_details.lot_size",
      "Effective Year Built": "property_details.year_built", "Property Type": "property_details.type", APN: "ignore",
    });
  });

  it("maps a BatchLeads export", () => {
    expect(targets(["Property Address", "Property Zip", "Owner First Name", "Phone 1 DNC", "Lot Size (SqFt)", "Square Footage", "Tags"])).toMatchObject({
      "Property Address": "address.street", "Property Zip": "address.zip_code", "Owner First Name": "first_name", "Phone 1 DNC": "phone_status", "Lot Size (SqFt)": "property_details.lot_size", "Square Footage": "property_details.square_feet", Tags: "tags",
    });
  });

  it("maps a DealMachine export", () => {
    expect(targets(["property_address_full", "property_address_line_1", "property_address_zipcode", "owner_1_name", "owner_address_full", "phone_1", "email_address_1", "lot_acreage", "total_baths", "lead_status"])).toEqual({
      property_address_full: "ignore", property_address_line_1: "address.street", property_address_zipcode: "address.zip_code", owner_1_name: "name", owner_address_full: "mailing_address.street",
      phone_1: "phone", email_address_1: "email", lot_acreage: "lot_acres", total_baths: "property_details.bathrooms", lead_status: "status",
    });
  });

  it("maps a Podio export, leaving a report's own columns out", () => {
    expect(targets(["Seller Name", "Phone", "Property Address", "Lead Source", "Asking Price", "Motivation", "Import error", "Import row"])).toEqual({
      "Seller Name": "name", Phone: "phone", "Property Address": "address.street", "Lead Source": "source", "Asking Price": "asking_price", Motivation: "notes", "Import error": "ignore", "Import row": "ignore",
    });
  });

  it("maps a plain spreadsheet with several phone columns", () => {
    expect(targets(["Full Name", "Mobile Phone", "Home Phone", "Work Phone", "Situs Address", "Zip Code"])).toEqual({
      "Full Name": "name", "Mobile Phone": "phone", "Home Phone": "phone", "Work Phone": "phone", "Situs Address": "address.street", "Zip Code": "address.zip_code",
    });
  });
});

describe("automatic column mapping of other providers' and locales' spellings", () => {
  it("maps BatchSkipTracing's Input columns to the property and mailing addresses, not away or into the notes", () => {
    expect(targets(["Input First Name", "Input Last Name", "Input Property Address", "Input Property City", "Input Property State", "Input Property Zip", "Input Mailing Address", "Input Mailing City", "Input Mailing State", "Input Mailing Zip", "Phone1", "Phone1 Type", "Email1"])).toEqual({
      "Input First Name": "first_name", "Input Last Name": "last_name", "Input Property Address": "address.street", "Input Property City": "address.city", "Input Property State": "address.state", "Input Property Zip": "address.zip_code",
      "Input Mailing Address": "mailing_address.street", "Input Mailing City": "mailing_address.city", "Input Mailing State": "mailing_address.state", "Input Mailing Zip": "mailing_address.zip_code", Phone1: "phone", "Phone1 Type": "phone_type", Email1: "email",
    });
  });

  it("takes DealMachine's owner mailing line 1 as the mailing street, its full mailing line only when there is no street column", () => {
    expect(targets(["owner_mailing_address_full", "owner_mailing_address_line_1", "owner_mailing_address_city"])).toEqual({ owner_mailing_address_full: "ignore", owner_mailing_address_line_1: "mailing_address.street", owner_mailing_address_city: "mailing_address.city" });
    expect(targets(["Mailing Address (Full)", "Phone"])).toEqual({ "Mailing Address (Full)": "mailing_address.street", Phone: "phone" });
  });

  it("maps secondary, alternate and other phones and e-mails (REsimpli and CRM exports) as the lead's phones and e-mails", () => {
    expect(targets(["Primary Phone", "Secondary Phone", "Alternate Phone", "Alt Phone 2", "Other Phone", "Additional Phone", "Secondary Email", "Alternate Email"])).toEqual({
      "Primary Phone": "phone", "Secondary Phone": "phone", "Alternate Phone": "phone", "Alt Phone 2": "phone", "Other Phone": "phone", "Additional Phone": "phone", "Secondary Email": "email", "Alternate Email": "email",
    });
  });

  it("maps a lead stage to the status, and a UK-English spreadsheet's Town and Postcode", () => {
    expect(targets(["Lead Stage", "Town", "Postcode"])).toEqual({ "Lead Stage": "status", Town: "address.city", Postcode: "address.zip_code" });
    expect(targets(["Post Code", "Town/City"])).toEqual({ "Post Code": "address.zip_code", "Town/City": "address.city" });
  });

  it("maps bedrooms, bathrooms and the year built of German, French and Spanish spreadsheets", () => {
    expect(targets(["Schlafzimmer", "Badezimmer", "Baujahr"])).toEqual({ Schlafzimmer: "property_details.bedrooms", Badezimmer: "property_details.bathrooms", Baujahr: "property_details.year_built" });
    expect(targets(["Chambres", "Salles de bain", "Année de construction"])).toEqual({ Chambres: "property_details.bedrooms", "Salles de bain": "property_details.bathrooms", "Année de construction": "property_details.year_built" });
    expect(targets(["Habitaciones", "Baños", "Año de construcción"])).toEqual({ Habitaciones: "property_details.bedrooms", Baños: "property_details.bathrooms", "Año de construcción": "property_details.year_built" });
  });
});

describe("automatic column mapping of the mailing address's second line, prices and other locales", () => {
  it("maps a mailing unit or second line to the mailing address, not to the notes", () => {
    expect(targets(["Mailing Address", "Mailing Unit", "Mailing City"])).toEqual({ "Mailing Address": "mailing_address.street", "Mailing Unit": "mailing_address.unit", "Mailing City": "mailing_address.city" });
    expect(targets(["Mailing Address 1", "Mailing Address 2"])).toEqual({ "Mailing Address 1": "mailing_address.street", "Mailing Address 2": "mailing_address.unit" });
    expect(targets(["Mailing Street", "Mailing Apt"])).toEqual({ "Mailing Street": "mailing_address.street", "Mailing Apt": "mailing_address.unit" });
    expect(targets(["mailing_address_line_1", "mailing_address_line_2"])).toEqual({ mailing_address_line_1: "mailing_address.street", mailing_address_line_2: "mailing_address.unit" });
  });

  it("maps a price alone to the asking price and leaves offers, sales and estimates to the user", () => {
    expect(targets(["Price"])).toEqual({ Price: "asking_price" });
    expect(targets(["List Price"])).toEqual({ "List Price": "asking_price" });
    expect(targets(["Listing Price"])).toEqual({ "Listing Price": "asking_price" });
    expect(targets(["Asking"])).toEqual({ Asking: "asking_price" });
    expect(targets(["Offer Price", "Last Sale Price", "Purchase Price", "List"])).toEqual({ "Offer Price": "ignore", "Last Sale Price": "ignore", "Purchase Price": "ignore", List: "tags" });
  });

  it("maps a German spreadsheet's headers, whatever their accents and case", () => {
    expect(targets(["Vorname", "Nachname", "Telefon", "Handy", "Mobil", "E-Mail", "Straße", "Hausnummer", "PLZ", "Ort", "Bundesland", "Kaufpreis", "Notizen"])).toEqual({
      Vorname: "first_name", Nachname: "last_name", Telefon: "phone", Handy: "phone", Mobil: "phone", "E-Mail": "email", Straße: "address.street", Hausnummer: "address.house_number",
      PLZ: "address.zip_code", Ort: "address.city", Bundesland: "address.state", Kaufpreis: "asking_price", Notizen: "notes",
    });
    expect(targets(["NAME", "STRASSE", "Stadt", "Preis", "Telefon 2"])).toEqual({ NAME: "name", STRASSE: "address.street", Stadt: "address.city", Preis: "asking_price", "Telefon 2": "phone" });
    // "Name" beside "Vorname" is the surname.
    expect(targets(["Vorname", "Name"])).toEqual({ Vorname: "first_name", Name: "last_name" });
  });

  it("maps a French spreadsheet's headers", () => {
    expect(targets(["Prénom", "Nom", "Téléphone", "Portable", "Courriel", "Adresse", "Code postal", "Ville", "Prix", "Notes"])).toEqual({
      Prénom: "first_name", Nom: "last_name", Téléphone: "phone", Portable: "phone", Courriel: "email", Adresse: "address.street", "Code postal": "address.zip_code", Ville: "address.city", Prix: "asking_price", Notes: "notes",
    });
    expect(targets(["PRENOM", "E-mail"])).toEqual({ PRENOM: "first_name", "E-mail": "email" });
  });

  it("maps a Spanish spreadsheet's headers", () => {
    expect(targets(["Nombre", "Apellido", "Teléfono", "Celular", "Correo", "Dirección", "Código postal", "Ciudad", "Estado", "Precio", "Notas"])).toEqual({
      Nombre: "first_name", Apellido: "last_name", Teléfono: "phone", Celular: "phone", Correo: "email", Dirección: "address.street", "Código postal": "address.zip_code", Ciudad: "address.city", Estado: "address.state", Precio: "asking_price", Notas: "notes",
    });
    expect(targets(["telefono", "DIRECCION", "codigo postal"])).toEqual({ telefono: "phone", DIRECCION: "address.street", "codigo postal": "address.zip_code" });
  });
});

describe("a PropStream export", () => {
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let view: Awaited<ReturnType<typeof importFile>>["view"];
  const walter = async () => (await scoped(ws.admin, Lead).findOne({ phone: "+12145550301" }).lean())!;
  // One import, read by every test below (none changes it).
  beforeAll(async () => {
    ws = await createWorkspace();
    ({ view } = await importFile(ws.admin, fixture("propstream.csv"), { source: "PropStream", tags: ["List A"] }));
  });

  it("imports the rows with a phone and rejects the one without", () => {
    expect(view).toMatchObject({ status: "completed", progress: { created: 2, rejected: 1, skipped: 0 } });
  });

  it("joins first and last names and stores the file's values, the chosen source and tags", async () => {
    expect(await walter()).toMatchObject({
      name: "Walter Higgins", email: "whiggins@example.com", source: "propstream", tags: ["list a"], estimated_value: 214000,
      address: { street: "1208 Elm Street", city: "Dallas", state: "TX", zip_code: "75201", full_address: "1208 Elm Street, Dallas, TX 75201" },
      property_details: { type: "single_family", bedrooms: 3, bathrooms: 2, square_feet: 1450, lot_size: 7405, year_built: 1962 },
    });
    expect((await walter()).emails).toEqual([{ address: "whiggins@example.com" }]);
  });

  it("keeps every number, dialable and typed, in the file's order, none in the notes", async () => {
    expect((await walter()).phones).toEqual([
      { number: "+12145550301", type: "mobile", status: "active" },
      { number: "+12145550399", type: "landline", status: "active" },
    ]);
    expect((await walter()).notes ?? "").not.toContain("Other phones");
  });

  it("keeps the mailing address apart from the property's, not in the notes", async () => {
    expect((await walter()).mailing_address).toEqual({ street: "PO Box 991", city: "Plano", state: "TX", zip_code: "75093" });
    expect((await walter()).notes ?? "").not.toContain("PO Box 991");
  });

  it("makes the second number and the name searchable", async () => {
    expect((await walter()).search_keys).toEqual(expect.arrayContaining(["12145550399", "0399", "5550399"]));
    expect((await walter()).search_keys).toContain("higgins");
  });

  it("joins a unit to the street and reads a multi-family type and half baths", async () => {
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+19725550302" }).lean()).toMatchObject({ address: { street: "77 Pecan Ave Unit B" }, property_details: { type: "multi_family", bathrooms: 2.5 } });
  });

  it("counts the chosen tag on the catalogue", async () => {
    expect((await scoped(ws.admin, Tag).findOne({ name: "list a" }).lean())!.usage_count).toBe(2);
  });

  it("reports the rejected row with its line and reason", async () => {
    const report = await reportOf(ws.admin, view.id);
    expect(report[1].slice(-3)).toEqual(["4", "Not imported", "Phone is missing (every lead needs a phone number)"]);
  });

  it("logs one activity per lead, by the import on behalf of the member who started it", async () => {
    expect(await scoped(ws.admin, Activity).countDocuments({ type: LEAD_ACTIVITY.imported })).toBe(2);
    const logged = await scoped(ws.admin, Activity).findOne({ type: LEAD_ACTIVITY.imported }).lean();
    expect(logged?.actor).toMatchObject({ kind: "system", source: "import", id: view.id, label: "Import of leads.csv" });
    expect(String(logged?.user_id)).toBe(ws.ids.admin);
  });
});

describe("importing provider exports", () => {
  it("imports a skip-traced list: Phone 1–5 with their types and DNC flags, e-mails, the mailing address; a second number finds the duplicate", async () => {
    const ws = await createWorkspace();
    const csv = [
      "Owner First Name,Owner Last Name,Property Address,Property City,Property State,Property Zip,Mailing Address,Mailing City,Mailing State,Mailing Zip,Phone 1,Phone 1 Type,Phone 1 DNC,Phone 2,Phone 2 Type,Phone 2 DNC,Phone 3,Phone 3 Type,Phone 3 Status,Mobile 4,Landline 5,Email 1,Email 2",
      "Gail,Owens,12 Glenwood Dr,Fort Worth,TX,76104,PO Box 77,Denton,TX,76201,817-716-6366,Wireless,No,817-555-0611,Landline,Yes,817-555-0612,VoIP,Wrong Number,817-555-0613,817-555-0614,gail@example.net,g.owens@example.org",
      // Its primary number is new, but its third is Gail's second: the same seller.
      "Gail,Owens-Reyes,,,,,,,,,214-555-0699,Mobile,No,,,,817-555-0611,,,,,,",
    ].join("\n");
    const { view } = await importFile(ws.admin, Buffer.from(csv));
    expect(view.progress).toMatchObject({ created: 1, skipped: 1, rejected: 0 });
    const gail = await scoped(ws.admin, Lead).findOne({ name: "Gail Owens" }).lean();
    expect(gail).toMatchObject({ phone: "+18177166366", email: "gail@example.net", mailing_address: { street: "PO Box 77", city: "Denton", state: "TX", zip_code: "76201" }, address: { street: "12 Glenwood Dr", city: "Fort Worth" } });
    expect(gail!.phones).toEqual([
      { number: "+18177166366", type: "mobile", status: "active" },
      { number: "+18175550611", type: "landline", status: "do_not_call" },
      { number: "+18175550612", type: "voip", status: "wrong_number" },
      { number: "+18175550613", type: "mobile", status: "active" },
      { number: "+18175550614", type: "landline", status: "active" },
    ]);
    expect(gail!.emails).toEqual([{ address: "gail@example.net" }, { address: "g.owens@example.org" }]);
    expect(gail!.notes).toBeUndefined();
    const report = await reportOf(ws.admin, view.id);
    expect(report[1].at(-1)).toBe("Duplicate of row 2 of this file (same phone)");
  });

  it("imports a BatchLeads export: tags from their column, the lot size in square feet", async () => {
    const ws = await createWorkspace();
    await importFile(ws.admin, fixture("batchleads.csv"));
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+16825550402" }).lean()).toMatchObject({ name: "Marcus Lee", tags: ["absentee"], property_details: { lot_size: 6100 } });
    expect((await scoped(ws.admin, Lead).findOne({ phone: "+18175550401" }).lean())!.tags).toEqual(["tired landlord", "vacant"]);
  });

  it("imports a DealMachine export: status, acres as square feet, the owner's mailing address", async () => {
    const ws = await createWorkspace();
    await importFile(ws.admin, fixture("dealmachine.csv"));
    const evelyn = await scoped(ws.admin, Lead).findOne({ phone: "+17135550501" }).lean();
    expect(evelyn).toMatchObject({ name: "Evelyn Park", status: "contacted", address: { street: "901 Magnolia Dr", zip_code: "77002" }, property_details: { lot_size: 10890, type: "single_family" } });
    expect(evelyn!.mailing_address).toEqual({ street: "PO Box 4", city: "Houston", state: "TX", zip_code: "77001" });
    expect(evelyn!.notes ?? "").not.toContain("PO Box 4");
  });

  it("stores a formula in a name as text, never evaluated", async () => {
    const ws = await createWorkspace();
    await importFile(ws.admin, fixture("dealmachine.csv"));
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+12815550502" }).lean()).toMatchObject({ name: '=HYPERLINK("http://evil.example/x")', property_details: { type: "townhouse" } });
  });

  it("imports a Podio export: a one-line address split, source, status, tags and motivation", async () => {
    const ws = await createWorkspace();
    await importFile(ws.admin, fixture("podio.csv"));
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+15125550601" }).lean()).toMatchObject({
      name: "Gloria Nash", source: "driving for dollars", status: "contacted", asking_price: 195000, tags: ["probate", "motivated"],
      address: { street: "4410 Speedway", city: "Austin", state: "TX", zip_code: "78751" }, notes: "Motivation: Divorce",
    });
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+15125550602" }).lean()).toMatchObject({ status: "under_contract" });
  });

  it("keeps every phone and e-mail of a skip-traced row, and reads numbers as exports write them", async () => {
    const ws = await createWorkspace();
    const csv = [
      "First Name,Last Name,Property Address,Property City,Property State,Property Zip,Phone 1,Phone 1 Type,Wireless 1,Landline 1,Email 1,Email 2,Estimated Value,Equity,Bedrooms,Bathrooms,Sq Ft,Lot Size,Year Built",
      `Denise,Carter,415 Walnut St,Fort Worth,TX,76104,8175550401.0,Wireless,"(817) 555-0402 ext 12",call after 5,work: denise@example.com,"DENISE.C@example.com; bad@",250K,"$120,000",3.0,2,"1,200 sq ft",0.25 acres,1955.0`,
      `Marcus,Lee,88 Birch Blvd,Arlington,TX,"=""06010""","mobile: (682) 555-0403; (682) 555-0404",Mobile,,,,,"$1.2M",,3,1,1600,"6,100",1984`,
      ",,,,,,,,,,,,,,,,,,",
    ].join("\r\n");
    const { view } = await importFile(ws.admin, Buffer.from(csv));
    expect(view.progress).toMatchObject({ created: 2, rejected: 0 });
    const denise = await scoped(ws.admin, Lead).findOne({ phone: "+18175550401" }).lean();
    expect(denise).toMatchObject({ email: "denise@example.com", estimated_value: 250000, property_details: { bedrooms: 3, bathrooms: 2, square_feet: 1200, lot_size: 10890, year_built: 1955 } });
    expect(denise!.notes!.split("\n")).toEqual(["Extension of +18175550402: 12", "Landline 1 (not a valid phone number): call after 5", "Email 2 (not a valid e-mail): bad@"]);
    // "Phone 1 Type" types Phone 1; "Wireless 1" is a mobile by its name.
    expect(denise!.phones).toEqual([
      { number: "+18175550401", type: "mobile", status: "active" },
      { number: "+18175550402", type: "mobile", status: "active" },
    ]);
    expect(denise!.emails).toEqual([{ address: "denise@example.com" }, { address: "denise.c@example.com" }]);
    const marcus = await scoped(ws.admin, Lead).findOne({ phone: "+16825550403" }).lean();
    // ="06010" is how an exporter keeps Excel from dropping the ZIP's leading zero.
    expect(marcus).toMatchObject({ address: { zip_code: "06010" }, estimated_value: 1_200_000, property_details: { lot_size: 6100 } });
    expect(marcus!.notes).toBeUndefined();
    expect(marcus!.phones!.map((p) => p.number)).toEqual(["+16825550403", "+16825550404"]);
  });

  describe("a European Excel CSV (sep= line, semicolons, decimal commas, Windows-1252)", () => {
    const csv = "sep=;\r\nName;Phone;Estimated Value;Bathrooms;Sq Ft;Phone 2\r\nJosé Núñez;(214) 555-0131;250.000,00;2,5;1.450;214 555 0132 ext 7\r\nZoë Ångström;not a phone;180.000;1,5;2.100;\r\n;;;;;\r\n";
    const reportText = async (ctx: TenantContext, id: string) => {
      let report = "";
      for await (const part of rejectedRowsCsv(ctx, id)) report += part;
      return report;
    };

    it("reads its encoding, header after the sep= line, numbers and phones", async () => {
      const ws = await createWorkspace();
      const { view } = await importFile(ws.admin, Buffer.from(csv, "latin1"));
      expect(view).toMatchObject({ encoding: "windows-1252", headers: ["Name", "Phone", "Estimated Value", "Bathrooms", "Sq Ft", "Phone 2"], progress: { created: 1, rejected: 1 } });
      expect(await scoped(ws.admin, Lead).findOne({}).lean()).toMatchObject({
        name: "José Núñez", phone: "+12145550131", estimated_value: 250000, property_details: { bathrooms: 2.5, square_feet: 1450 }, notes: "Extension of +12145550132: 7",
        phones: [{ number: "+12145550131" }, { number: "+12145550132" }],
      });
    });

    it("writes its report with semicolons, so Excel in that locale opens it in columns", async () => {
      const ws = await createWorkspace();
      const { view } = await importFile(ws.admin, Buffer.from(csv, "latin1"));
      expect((await reportText(ws.admin, view.id)).split("\r\n")[1]).toBe('Zoë Ångström;not a phone;180.000;1,5;2.100;;3;Not imported;"Phone ""not a phone"" is not a valid phone number"');
    });

    it("imports its corrected report with the same numbers", async () => {
      const ws = await createWorkspace();
      const { view } = await importFile(ws.admin, Buffer.from(csv, "latin1"));
      const report = await reportText(ws.admin, view.id);
      await importFile(ws.admin, Buffer.from(report.replace("not a phone", "2145550133")));
      expect(await scoped(ws.admin, Lead).findOne({ phone: "+12145550133" }).lean()).toMatchObject({ name: "Zoë Ångström", estimated_value: 180000, property_details: { bathrooms: 1.5, square_feet: 2100 } });
    });
  });

  it("imports a row with a bad secondary value, leaves the value out and says which column and value in the report", async () => {
    const ws = await createWorkspace();
    const csv = "Name,Phone,Est. Value,Zip,Email\nAnn,2145550141,about 200,75201,\nBob,2145550142,,M5V 3L9,\nCy,2145550143,,,cy@\n";
    const { view } = await importFile(ws.admin, Buffer.from(csv));
    expect(view.progress).toMatchObject({ created: 3, rejected: 0, warned: 3 });
    expect((await reportOf(ws.admin, view.id)).slice(1).map((r) => r.slice(-2))).toEqual([
      ["Imported with warnings", 'Estimated value must be a number ("about 200" in column "Est. Value"): left out'],
      ["Imported with warnings", 'ZIP code must be 5 digits (or ZIP+4) ("M5V 3L9" in column "Zip"): left out'],
      ["Imported with warnings", 'E-mail "cy@" in column "Email" is not a valid e-mail address: left out (kept in the notes)'],
    ]);
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+12145550141" }).lean()).toMatchObject({ name: "Ann", address: { zip_code: "75201" } });
    expect((await scoped(ws.admin, Lead).findOne({ phone: "+12145550141" }).lean())!.estimated_value).toBeUndefined();
    expect((await scoped(ws.admin, Lead).findOne({ phone: "+12145550143" }).lean())!.email).toBeUndefined();
  });

  it("writes formula-like cells to the report with a leading apostrophe", async () => {
    const ws = await createWorkspace();
    const csv = 'Name,Phone\n"=HYPERLINK(""http://x"")",not-a-phone\n@SUM(A1),+1 (214) 555-0109\n';
    const { view } = await importFile(ws.admin, Buffer.from(csv));
    expect(view.progress).toMatchObject({ created: 1, rejected: 1 });
    let raw = "";
    for await (const part of rejectedRowsCsv(ws.admin, view.id)) raw += part;
    expect(raw).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe("robust to bad input", () => {
  const csv = "Name,Phone,City\nJosé Núñez,2145550111,Bogotá\n";
  it.each([
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), "utf-8-bom"],
    ["UTF-16 LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, "utf16le")]), "utf-16le"],
    ["Windows-1252", Buffer.from(csv, "latin1"), "windows-1252"],
  ])("decodes %s", async (_l, bytes, encoding) => {
    const ws = await createWorkspace();
    const { view } = await importFile(ws.admin, bytes);
    expect(view.encoding).toBe(encoding);
    expect(await scoped(ws.admin, Lead).findOne({}).lean()).toMatchObject({ name: "José Núñez" });
  });

  it("keeps a rejected row in the report however long the value its reason quotes", async () => {
    const ws = await createWorkspace();
    const { view } = await importFile(ws.admin, Buffer.from(`Name,Phone\nAnn,${"9".repeat(3000)}\nBob,2145550151\n`));
    expect(view.progress).toMatchObject({ created: 1, rejected: 1 });
    const report = await reportOf(ws.admin, view.id);
    expect(report).toHaveLength(2);
    expect(report[1].at(-1)).toMatch(/^Phone "9{60}…" is not a valid phone number$/);
  });

  it("refuses an upload with a piece missing, before reading any row, and deletes what arrived", async () => {
    const ws = await createWorkspace();
    const bytes = Buffer.from(`Name,Phone\nAnn,2145550161\n${"Bob,2145550162\n".repeat(300_000)}`);
    const { id, chunkSize } = await createImport(ws.admin, { file_name: "cut.csv", file_size: bytes.length });
    await storeImportChunk(ws.admin, id, 0, bytes.subarray(0, chunkSize));
    await expect(analyzeImport(ws.admin, id, 1)).rejects.toThrow("Part 2 of the file is missing. Upload the file again.");
    expect(await getImportOrThrow(ws.admin, id)).toMatchObject({ status: "failed", rowCount: 0 });
    expect(await scoped(ws.admin, LeadImportChunk).countDocuments({})).toBe(0);
  });

  it.each([
    ["an empty file", "", /empty/],
    ["a header-only file", "Name,Phone\n", /no data rows/],
    ["a workbook", "PK\u0003\u0004xl/workbook.xml", /Excel workbook/],
  ])("explains %s", async (_l, text, message) => {
    const ws = await createWorkspace();
    await expect(upload(ws.admin, Buffer.from(text, "latin1"))).rejects.toThrow(message);
    expect(await scoped(ws.admin, Lead).countDocuments()).toBe(0);
  });

  it("rejects only the rows with an unclosed quote, a 500,000-character cell or extra cells, and says why", async () => {
    const ws = await createWorkspace();
    const big = "x".repeat(500_000);
    const csv = `Name,Phone,Notes,Phone\nAnn,2145550121,"fine",\nBob,2145550122,"never closed\nCy,2145550123,${big},\nDee,2145550124,ok,,extra,cells\nEve,2145550125,ok,2145550126\n`;
    const { view, preview } = await importFile(ws.admin, Buffer.from(csv), {}, { batchSize: 2 });
    expect(preview.import.headers).toEqual(["Name", "Phone", "Notes", "Phone (2)"]);
    expect(view.progress).toMatchObject({ created: 2, rejected: 3 });
    const reasons = (await reportOf(ws.admin, view.id)).slice(1).map((r) => r.at(-1));
    expect(reasons).toEqual([
      expect.stringMatching(/quote opened on line 3 is never closed/),
      expect.stringMatching(/"Notes" has 500,000 characters/),
      // The report has the header's columns: the values past them are in the reason, not lost.
      expect.stringMatching(/6 values but the header has 4 .*Values past the last column: "extra", "cells"$/),
    ]);
    expect((await scoped(ws.admin, Lead).findOne({ name: "Eve" }).lean())!.phones!.map((p) => p.number)).toEqual(["+12145550125", "+12145550126"]);
  });

  it("refuses a file with a row longer than a million characters, saying which line", async () => {
    const ws = await createWorkspace();
    const csv = `Name,Phone,Notes\nAnn,2145550121,fine\nCy,2145550123,${"x".repeat(10 * 1024 * 1024)}\n`;
    await expect(upload(ws.admin, Buffer.from(csv))).rejects.toThrow("The row on line 3 is longer than 1 million characters. A cell may hold at most 10,000 characters");
  });
});

describe("duplicates, limits and resuming", () => {
  const rows = (n: number, from = 0) => "Name,Phone,Email\n" + Array.from({ length: n }, (_, i) => `Seller ${from + i},214555${String(2000 + from + i).padStart(4, "0")},s${from + i}@x.com`).join("\n") + "\n";

  const dupCsv = "Name,Phone,Email,Tags\nNew Name,(214) 555-2000,new@x.com,fresh\nTwin A,2145552001,,\nTwin B,214-555-2001,twin@x.com,\n";
  const withExisting = async () => {
    const ws = await createWorkspace();
    await createLead(ws.admin, createLeadSchema.parse({ name: "Existing", phone: "2145552000", tags: ["old"] }));
    return ws;
  };

  it("skips duplicates of existing leads and of earlier rows, saying which", async () => {
    const ws = await withExisting();
    const skip = await importFile(ws.admin, Buffer.from(dupCsv), { dedupe: "skip" });
    expect(skip.view.progress).toMatchObject({ created: 1, skipped: 2 });
    const reasons = (await reportOf(ws.admin, skip.view.id)).slice(1).map((r) => r.at(-1));
    expect(reasons).toEqual(['Duplicate of the existing lead "Existing" (same phone)', "Duplicate of row 3 of this file (same phone)"]);
  });

  it("updates duplicates with the file's values, adding its tags", async () => {
    const ws = await withExisting();
    await importFile(ws.admin, Buffer.from(dupCsv), { dedupe: "skip" });
    const update = await importFile(ws.admin, Buffer.from(dupCsv), { dedupe: "update" });
    expect(update.view.progress).toMatchObject({ created: 0, updated: 3 });
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+12145552000" }).lean()).toMatchObject({ name: "New Name", email: "new@x.com", tags: ["old", "fresh"] });
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+12145552001" }).lean()).toMatchObject({ name: "Twin B", email: "twin@x.com" });
  });

  it("updates a duplicate without resetting the priority and status the file does not give", async () => {
    const ws = await createWorkspace();
    await createLead(ws.admin, createLeadSchema.parse({ name: "Vera Stone", phone: "2145552100", status: "under_contract", priority: "urgent" }));
    await createLead(ws.admin, createLeadSchema.parse({ name: "Walt Reyes", phone: "2145552101", status: "contacted", priority: "urgent" }));
    const { view } = await importFile(ws.admin, Buffer.from("Name,Phone,Email,Priority\nVera S.,214-555-2100,vera@example.com,\nWalt R.,214-555-2101,,Low\n"), { dedupe: "update" });
    expect(view.progress).toMatchObject({ created: 0, updated: 2, rejected: 0 });
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+12145552100" }).lean()).toMatchObject({ name: "Vera S.", email: "vera@example.com", status: "under_contract", priority: "urgent" });
    // A priority the file gives is the file's.
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+12145552101" }).lean()).toMatchObject({ name: "Walt R.", status: "contacted", priority: "low" });
  });

  it("updates a duplicate's numbers with the file's do-not-call and wrong-number flags and line types, never lifting a flag", async () => {
    const ws = await createWorkspace();
    await createLead(ws.admin, createLeadSchema.parse({ name: "Dee Nance", phone: "2145552200", phones: [{ number: "2145552200", type: "mobile" }, { number: "2145552201" }, { number: "2145552202", status: "do_not_call" }] }));
    const csv = "Name,Phone 1,Phone 1 Type,Phone 1 DNC,Phone 2,Phone 2 Type,Phone 2 Status,Phone 3,Phone 3 DNC\nDee Nance,2145552200,Mobile,Y,2145552201,Landline,Wrong Number,2145552202,N\n";
    const { view } = await importFile(ws.admin, Buffer.from(csv), { dedupe: "update" });
    expect(view.progress).toMatchObject({ updated: 1 });
    expect((await scoped(ws.admin, Lead).findOne({ phone: "+12145552200" }).lean())!.phones).toEqual([
      { number: "+12145552200", type: "mobile", status: "do_not_call" },
      { number: "+12145552201", type: "landline", status: "wrong_number" },
      { number: "+12145552202", type: "unknown", status: "do_not_call" },
    ]);
  });

  it("creates duplicates when asked to", async () => {
    const ws = await withExisting();
    await importFile(ws.admin, Buffer.from(dupCsv), { dedupe: "skip" });
    const create = await importFile(ws.admin, Buffer.from(dupCsv), { dedupe: "create" });
    expect(create.view.progress).toMatchObject({ created: 3 });
    expect(await scoped(ws.admin, Lead).countDocuments()).toBe(5);
  });

  it("stops at the plan's max_leads and reports every row it did not import", async () => {
    const ws = await createWorkspace({ maxLeads: 5 });
    await createLead(ws.admin, createLeadSchema.parse({ name: "Existing", phone: "2145559999" }));
    const { view } = await importFile(ws.admin, Buffer.from(rows(10)), {}, { batchSize: 3 });
    expect(view).toMatchObject({ status: "completed", limitReached: true, progress: { created: 4, rejected: 6 } });
    expect(await scoped(ws.admin, Lead).countDocuments()).toBe(5);
    const report = await reportOf(ws.admin, view.id);
    expect(report.slice(1).map((r) => r[0])).toEqual(["Seller 4", "Seller 5", "Seller 6", "Seller 7", "Seller 8", "Seller 9"]);
    expect(report[1].at(-1)).toMatch(/plan allows 5 leads/);
  });

  it.each([
    ["after a committed batch", { crashAfterBatches: 2 }],
    ["in the middle of a batch (leads written, progress not)", { crashMidBatch: 1 }],
  ])("resumes %s without duplicating rows", async (_l, crash) => {
    const ws = await createWorkspace();
    const { id, preview } = await upload(ws.admin, Buffer.from(rows(25) + "Bad,abc,\n"));
    await startImport(ws.admin, { import_id: id, mapping: preview.import.mapping, dedupe: "skip", tags: ["batch"] });
    await expect(processLeadImport(ws.admin.tenantId, id, { batchSize: 10, ...crash })).rejects.toThrow(/simulated crash/);
    const mid = await getImportOrThrow(ws.admin, id);
    expect(mid.status).toBe("running");
    expect(await scoped(ws.admin, Lead).countDocuments()).toBeGreaterThanOrEqual(10);
    await processLeadImport(ws.admin.tenantId, id, { batchSize: 10 });
    const done = await getImportOrThrow(ws.admin, id);
    expect(done).toMatchObject({ status: "completed", progress: { next_row: 26, created: 25, rejected: 1, skipped: 0 } });
    expect(await scoped(ws.admin, Lead).countDocuments()).toBe(25);
    expect(new Set((await scoped(ws.admin, Lead).find({}, { phone: 1 }).lean()).map((l) => l.phone)).size).toBe(25);
    expect(await scoped(ws.admin, Activity).countDocuments({ type: LEAD_ACTIVITY.imported })).toBe(25);
    expect((await reportOf(ws.admin, id)).length).toBe(2);
    expect((await scoped(ws.admin, Tag).findOne({ name: "batch" }).lean())!.usage_count).toBe(25);
    expect(await scoped(ws.admin, LeadImportChunk).countDocuments()).toBe(0);
  });

  it.each([
    ["before it started", {}],
    ["while it runs (the batch a crash interrupted is finished first)", { crashAfterBatches: 1 }],
  ])("cancelled %s: the rows it did not import are in the report, and the file is deleted", async (_l, crash) => {
    const ws = await createWorkspace();
    const { id, preview } = await upload(ws.admin, Buffer.from(rows(30)));
    await startImport(ws.admin, { import_id: id, mapping: preview.import.mapping, dedupe: "skip", tags: [] });
    if ("crashAfterBatches" in crash) await expect(processLeadImport(ws.admin.tenantId, id, { batchSize: 10, ...crash })).rejects.toThrow(/simulated crash/);
    await cancelImport(ws.admin, id);
    expect(await processLeadImport(ws.admin.tenantId, id, { batchSize: 10 })).toBe("cancelled");
    const view = await getImportOrThrow(ws.admin, id);
    const created = await scoped(ws.admin, Lead).countDocuments();
    expect(view).toMatchObject({ status: "cancelled", progress: { next_row: 30, created, rejected: 30 - created } });
    expect(created).toBe("crashAfterBatches" in crash ? 20 : 0);
    const report = await reportOf(ws.admin, id);
    expect(report.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 30 - created }, (_, i) => `Seller ${created + i}`));
    expect(report[1].at(-1)).toBe("Not imported: the import was cancelled before this row.");
    expect(await scoped(ws.admin, LeadImportChunk).countDocuments({ import_id: id })).toBe(0);
  });

  it("assigns a rep's imported leads to the rep, and never updates leads the rep cannot see", async () => {
    const ws = await createWorkspace();
    await createLead(ws.rep2, createLeadSchema.parse({ name: "Rita's seller", phone: "2145552000" }));
    const { view } = await importFile(ws.rep, Buffer.from(rows(2)), { dedupe: "update" });
    expect(view.progress).toMatchObject({ created: 1, skipped: 1 });
    expect(await scoped(ws.admin, Lead).findOne({ phone: "+12145552000" }).lean()).toMatchObject({ name: "Rita's seller" });
    expect(String((await scoped(ws.admin, Lead).findOne({ phone: "+12145552001" }).lean())!.assigned_to)).toBe(ws.ids.rep);
    const reasons = (await reportOf(ws.rep, view.id)).slice(1).map((r) => r.at(-1));
    expect(reasons).toEqual(["Duplicate of an existing lead assigned to someone else (same phone)"]);
  });
});

describe("the import job on a real worker", () => {
  let worker: Worker;
  beforeAll(() => {
    worker = new Worker(LEAD_IMPORT_QUEUE, processLeadImportJob, { connection: jobConnection(), prefix: queuePrefix() });
  });
  afterAll(async () => worker.close());

  it("processes a queued import and another tenant cannot see it", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const { id, preview } = await upload(ws.admin, fixture("podio.csv"));
    await startImport(ws.admin, { import_id: id, mapping: preview.import.mapping, dedupe: "skip", tags: [] });
    const finished = await new Promise<string>((resolve) => worker.on("completed", (job, result) => job.data.importId === id && resolve(result as string)));
    expect(finished).toBe("completed");
    expect((await getImportOrThrow(ws.admin, id)).progress.created).toBe(2);
    await expect(getImportOrThrow(other.admin, id)).rejects.toThrow(/not found/);
    await expect(storeImportChunk(other.admin, id, 0, new Uint8Array([1]))).rejects.toThrow(/not found/);
    await expect(reportOf(other.admin, id)).rejects.toThrow(/not found/);
    expect(await scoped(other.admin, LeadImport).countDocuments()).toBe(0);
  });
});

describe("values as the file writes them", () => {
  it("reads money in a semicolon file by its values: $214,000 is two hundred fourteen thousand, 2,5 baths two and a half", async () => {
    const ws = await createWorkspace();
    // Excel in a European locale saves semicolons; a US list saved there keeps its "$214,000".
    const csv = "Name;Phone;Asking Price;Est. Value;Bathrooms;Sq Ft;Lot Size Sqft\r\nAnn Ames;2145550171;$214,000;$250,000;2,5;1.450;7.405\r\nBo Berg;2145550172;$95,500;$120,000;3;2.100;10.890\r\nCy Cole;2145550173;$1.2M;250K;1,5;980;\r\n";
    const { view, preview } = await importFile(ws.admin, Buffer.from(csv));
    expect(view.progress).toMatchObject({ created: 3, rejected: 0, warned: 0 });
    const leads = scoped(ws.admin, Lead);
    expect(await leads.findOne({ phone: "+12145550171" }).lean()).toMatchObject({ asking_price: 214000, estimated_value: 250000, property_details: { bathrooms: 2.5, square_feet: 1450, lot_size: 7405 } });
    expect(await leads.findOne({ phone: "+12145550172" }).lean()).toMatchObject({ asking_price: 95500, estimated_value: 120000, property_details: { bathrooms: 3, square_feet: 2100, lot_size: 10890 } });
    expect(await leads.findOne({ phone: "+12145550173" }).lean()).toMatchObject({ asking_price: 1_200_000, estimated_value: 250_000, property_details: { bathrooms: 1.5, square_feet: 980 } });
    // The preview shows the money and numbers as they will be stored.
    expect(preview.rows[0].numbers).toBe("Asking $214,000 · Value $250,000 · 2.5 ba · 1,450 sq ft · lot 7,405 sq ft");
    expect(preview.numberColumns.map((c) => [c.header, c.sample, c.readAs, c.warning])).toEqual([
      ["Asking Price", "$214,000", "$214,000", null],
      ["Est. Value", "$250,000", "$250,000", null],
      ["Bathrooms", "2,5", "2.5", null],
      ["Sq Ft", "1.450", "1,450", null],
      ["Lot Size Sqft", "7.405", "7,405", null],
    ]);
  });

  it.each([
    ["German", "Name;Phone;Estimated Value;Bathrooms;Sq Ft\r\nAnn;2145550181;250.000,00 €;2,5;1.450\r\nBo;2145550182;95.500;1,5;980\r\n"],
    ["French", "Name;Phone;Estimated Value;Bathrooms;Sq Ft\r\nAnn;2145550181;250\u202f000,00 €;2,5;1 450\r\nBo;2145550182;95 500 €;1,5;980\r\n"],
    ["US", "Name,Phone,Estimated Value,Bathrooms,Sq Ft\r\nAnn,2145550181,\"$250,000.00\",2.5,\"1,450\"\r\nBo,2145550182,\"$95,500\",1.5,980\r\n"],
  ])("stores the same values from a %s spreadsheet", async (_locale, csv) => {
    const ws = await createWorkspace();
    const { view } = await importFile(ws.admin, Buffer.from(csv));
    expect(view.progress).toMatchObject({ created: 2, rejected: 0 });
    const leads = scoped(ws.admin, Lead);
    expect(await leads.findOne({ phone: "+12145550181" }).lean()).toMatchObject({ estimated_value: 250000, property_details: { bathrooms: 2.5, square_feet: 1450 } });
    expect(await leads.findOne({ phone: "+12145550182" }).lean()).toMatchObject({ estimated_value: 95500, property_details: { bathrooms: 1.5, square_feet: 980 } });
  });

  it("warns in the preview when a column's values are implausible for its field", async () => {
    const ws = await createWorkspace();
    const { preview } = await upload(ws.admin, Buffer.from("Name,Phone,Asking Price,Lot Size Sqft\nAnn,2145550191,214,0.25\nBo,2145550192,180,0.5\nCy,2145550193,95,0.3\n"));
    const warnings = preview.numberColumns.map((c) => c.warning);
    expect(warnings[0]).toMatch(/^The median asking price in "Asking Price" reads as \$180: prices this low are unusual/);
    // A column that says square feet but holds acres is flagged (one that names no unit is read as acres).
    expect(warnings[1]).toMatch(/looks like acres/);
  });

  it("imports a PropStream row with an accented e-mail, and a bad e-mail costs only the e-mail: rows in = imported + skipped + rejected", async () => {
    const ws = await createWorkspace();
    const csv = [
      "Owner 1 First Name,Owner 1 Last Name,Address,City,State,Zip,Phone 1,Email 1,Email 2",
      "Renée,Davis,12 Elm St,Dallas,TX,75201,2145550201,renée.davis1@example.com,",
      "Jörg,Müller,14 Elm St,Dallas,TX,75201,2145550202,JÖRG@Bücher.de,",
      "Ann,Bad,16 Elm St,Dallas,TX,75201,2145550203,ann at example,ann@@example.com",
      "No,Phone,18 Elm St,Dallas,TX,75201,,no.phone@example.com,",
      "Dup,Row,20 Elm St,Dallas,TX,75201,2145550201,,",
    ].join("\n");
    const { view, preview } = await importFile(ws.admin, Buffer.from(csv));
    expect(preview).toMatchObject({ valid: 4, warned: 1, invalid: 1 });
    const p = view.progress;
    expect(p).toMatchObject({ created: 3, skipped: 1, rejected: 1, warned: 1 });
    expect(p.created + p.updated + p.skipped + p.rejected).toBe(5);
    const leads = scoped(ws.admin, Lead);
    expect((await leads.findOne({ phone: "+12145550201" }).lean())!.email).toBe("renée.davis1@example.com");
    expect((await leads.findOne({ phone: "+12145550202" }).lean())!.email).toBe("jörg@bücher.de");
    const ann = await leads.findOne({ phone: "+12145550203" }).lean();
    expect(ann).toMatchObject({ name: "Ann Bad", address: { street: "16 Elm St", city: "Dallas", zip_code: "75201" } });
    expect(ann!.email).toBeUndefined();
    expect(ann!.notes).toContain("Email 1 (not a valid e-mail): ann at example");
    const report = await reportOf(ws.admin, view.id);
    expect(report.slice(1).map((r) => r.slice(-3))).toEqual([
      ["4", "Imported with warnings", 'E-mail "ann at example" in column "Email 1" is not a valid e-mail address: left out (kept in the notes); E-mail "ann@@example.com" in column "Email 2" is not a valid e-mail address: left out (kept in the notes)'],
      ["5", "Not imported", "Phone is missing (every lead needs a phone number)"],
      ["6", "Skipped", "Duplicate of row 2 of this file (same phone)"],
    ]);
    // A lead found again by its e-mail written another way is a duplicate.
    const again = await importFile(ws.admin, Buffer.from("Name,Phone,Email\nJ M,2145550299,jörg@xn--bcher-kva.de\n"));
    expect(again.view.progress).toMatchObject({ created: 0, skipped: 1 });
  });
});

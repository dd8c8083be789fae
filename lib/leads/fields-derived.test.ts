// Adding a lead field is one edit to lib/leads/fields.ts: these check, field by field and by kind,
// that everything built from the registry carries every field it should (the list index's rows and
// projection, the list page's rows, the create/edit schema with its declared limits, the details
// form, the lead page, the save), so a field added there is covered without a line here. The last
// block adds made-up fields to the registry's list to show that they flow through as well.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { scoped } from "@/lib/core/db/scoped";
import { zodFieldErrors } from "@/lib/core/errors-response";
import { leadInput } from "@/lib/testing/factories";
import { leadDetailsSchema, leadInputSchema, updateLeadDetailsSchema } from "@/lib/zod/schemas/lead";
import { inputSchemaOf, LEAD_FIELDS_SHAPE, leadFieldsShape } from "@/lib/zod/schemas/lead-fields";
import { Lead } from "@/models/lead";
import { detailsFormValues, FORM_FIELDS, formFields, formLabel } from "@/components/leads/form/lead-details-fields";
import { COMBINED, detailItems } from "@/components/leads/record/detail-items";
import { fieldsWith, LEAD_FIELDS, LEAD_FORM_GROUPS, LEAD_ROW_FIELDS, rowKeyOf, topLevel, type InputFacet, type LeadFieldDef } from "./fields";
import { toLeadView, type LeadRecord } from "./get-lead";
import { fromIndexRow, INDEX_PROJECTION, indexRowCodec, shapeRow, toIndexRow, type IndexRow } from "./list/index/index-row";
import { LEAD_ROW_PROJECTION, leadRowReader, toLeadRow, valueAt, type LeadRowSource } from "./list/lead-row";
import { criteriaFor } from "./list/criteria";
import { dbSource } from "./list/db-source";
import { fieldFilters } from "./list/field-filters";
import { queryRows } from "./list/index/query-rows";
import { hasFilters, listQueryToSearch, parseListQuery } from "./list/list-query";
import { sortSpec } from "./list/sort-spec";
import { createLead } from "./write/create-lead";
import { updateLeadDetails } from "./write/update-lead-details";
import { createWorkspace } from "./write/test-helpers";

const ALL = LEAD_FIELDS as readonly LeadFieldDef[];
const typed = fieldsWith("input");
const at = (o: unknown, path: string) => valueAt(o as Record<string, unknown>, path.split("."));

/** A value of a field's kind within its limits (`variant` 1 or 2 gives two different ones). */
function sample(f: LeadFieldDef, variant = 1): unknown {
  const input: InputFacet = f.input ?? {};
  switch (f.kind) {
    case "text":
      if (input.zip) return variant === 1 ? "75201" : "73101";
      return `${f.label.toLowerCase()} ${variant}`.slice(0, input.max ?? 50);
    case "enum":
      return f.codes![variant];
    case "money":
      return 100_000 * variant;
    case "number":
      return input.year ? 1980 + variant : Math.min(input.max ?? 10, 2 + variant);
    case "date":
      return new Date(Date.UTC(2026, 2, variant));
    case "user":
      return `64b0000000000000000000a${variant}`;
    case "tags":
      return [`tag-${variant}`];
    case "phone":
      return `+1555555010${variant}`;
    case "email":
      return `ann-${variant}@example.com`;
    default:
      return undefined;
  }
}

function setAt(o: Record<string, unknown>, path: string, v: unknown) {
  const parts = path.split(".");
  let node = o;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = v;
}

/** A stored lead with a value in every field of a plain kind, as the database gives it back (lean). */
function storedLead(variant = 1): LeadRecord {
  const values: Record<string, unknown> = { tenant_id: "64b000000000000000000001" };
  for (const f of ALL) {
    const v = sample(f, variant);
    if (v !== undefined) setAt(values, f.path, v);
  }
  return new Lead(values).toObject() as unknown as LeadRecord;
}

/** The form's text for a stored value. */
const asText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

describe("the list rows, from the registry", () => {
  const lead = storedLead() as unknown as LeadRowSource;
  const row = toIndexRow(lead, 7);

  it("reads every list field from the projection, and holds it in the index row by its kind", () => {
    expect(LEAD_ROW_FIELDS.length).toBeGreaterThan(10);
    for (const f of LEAD_ROW_FIELDS) {
      expect(INDEX_PROJECTION, f.path).toHaveProperty([topLevel(f.path)]);
      expect(LEAD_ROW_PROJECTION, f.path).toHaveProperty([topLevel(f.path)]);
      const stored = at(lead, f.path);
      const held = (row as unknown as Record<string, unknown>)[rowKeyOf(f)];
      if (f.kind === "date") expect(held, f.path).toBe((stored as Date).getTime());
      else if (f.kind === "user") expect(held, f.path).toBe(String(stored));
      else expect(held, f.path).toEqual(stored);
    }
  });

  it("rebuilds a row from Redis in one shape whatever the lead holds, and pages it like the database path", () => {
    const empty = toIndexRow({ _id: "64b0000000000000000000ff" }, 1);
    const full = shapeRow(JSON.parse(JSON.stringify(row)) as IndexRow);
    expect(Object.keys(shapeRow(JSON.parse(JSON.stringify(empty)) as IndexRow))).toEqual(Object.keys(full));
    expect(full).toEqual({ ...row, _k: undefined });
    // The index path (row → page row) and the database path (stored lead → page row) agree.
    expect(toLeadRow(fromIndexRow(full))).toEqual(toLeadRow(lead));
    for (const f of LEAD_ROW_FIELDS) expect(toLeadRow(lead), f.path).toHaveProperty([rowKeyOf(f)]);
  });
});

describe("the create and edit schema, from the registry", () => {
  const schema = z.object(LEAD_FIELDS_SHAPE);
  const errors = (path: string, v: unknown) => {
    const input: Record<string, unknown> = { name: "Ann" };
    setAt(input, path, v);
    const r = schema.safeParse(input);
    return r.success ? {} : zodFieldErrors(r.error);
  };

  it("takes every typed field, in the lead's create, update and details schemas", () => {
    expect(typed.length).toBeGreaterThan(15);
    const input: Record<string, unknown> = { phone: "2145550101" };
    for (const f of typed) setAt(input, f.path, asText(sample(f)));
    for (const s of [leadInputSchema, leadDetailsSchema, updateLeadDetailsSchema.omit({ lead_id: true })]) {
      const parsed = s.parse(input);
      for (const f of typed) expect(at(parsed, f.path), f.path).toEqual(sample(f));
    }
  });

  it("holds every typed field to its declared limits, naming the field", () => {
    for (const f of typed) {
      const { input } = f;
      if (f.kind === "text" && input.zip) {
        expect(errors(f.path, "7520")[f.path]?.[0], f.path).toBe(`${f.label} must be 5 digits (or ZIP+4)`);
      } else if (f.kind === "text") {
        expect(input.max, `${f.path} declares its length`).toBeGreaterThan(0);
        expect(errors(f.path, "x".repeat(input.max!)), f.path).toEqual({});
        expect(errors(f.path, "x".repeat(input.max! + 1))[f.path]?.[0], f.path).toMatch(new RegExp(`^${f.label} must be (at most|1 to) ${input.max} characters$`));
      } else if (f.kind === "number") {
        expect(errors(f.path, String(input.max)), f.path).toEqual({});
        expect(errors(f.path, String(input.max! + 1))[f.path]?.[0], f.path).toMatch(new RegExp(`^${f.label} must be (at most ${input.max!.toLocaleString("en-US")}|${input.max} or earlier)$`));
        expect(errors(f.path, String((input.min ?? 0) - 1))[f.path]?.[0], f.path).toMatch(new RegExp(`^${f.label} (cannot be negative|must be ${input.min} or later)$`));
        expect(errors(f.path, "lots")[f.path]?.[0], f.path).toBe(`${f.label} must be a number`);
      } else if (f.kind === "money") {
        expect(errors(f.path, "-1")[f.path]?.[0], f.path).toBe(`${f.label} cannot be negative`);
      } else if (f.kind === "enum") {
        expect(errors(f.path, "bogus")[f.path]?.[0], f.path).toBe(`${f.label} must be one of: ${f.codes!.join(", ")}`);
      }
    }
    expect(errors("name", "")).toEqual({ name: ["Name is required"] });
  });
});

describe("the details form and the lead page, from the registry", () => {
  const view = toLeadView(storedLead());

  it("puts every form field in its group, with its stored value, and shows it on the lead page", () => {
    const inForm = LEAD_FORM_GROUPS.flatMap((g) => FORM_FIELDS[g].map((f) => f.path));
    expect(inForm.sort()).toEqual(fieldsWith("form").map((f) => f.path).sort());
    const values = detailsFormValues(view);
    const shown = detailItems(view);
    const combined = new Set(COMBINED.flatMap((c) => c.paths));
    for (const f of fieldsWith("form")) {
      expect(f.input, `${f.path}: a form field is validated`).toBeDefined();
      expect(at(values, f.path), f.path).toBe(asText(at(storedLead(), f.path)));
      if (combined.has(f.path) || f.path === "name" || f.path === "notes") continue;
      expect(shown.find((i) => i.label === f.label)?.value, f.path).toBeTruthy();
    }
    expect(shown.find((i) => i.label === "Property")?.value).toContain("built 1981");
  });

  it("saves every typed field from the lead page's form", async () => {
    const ws = await createWorkspace();
    const created = await createLead(ws.admin, leadInputSchema.parse({ name: "Ann", phone: "2145550101" }));
    if (!created.created) throw new Error("not created");
    const edited: Record<string, unknown> = { phone: "2145550101", phones: [{ number: "2145550101" }] };
    for (const f of typed) setAt(edited, f.path, asText(sample(f, 2)));
    const { changes } = await updateLeadDetails(ws.admin, created.id, updateLeadDetailsSchema.parse({ ...edited, lead_id: created.id }));
    const stored = await Lead.findById(created.id).setOptions({ allTenants: true }).lean();
    for (const f of typed) {
      expect(at(stored, f.path), f.path).toEqual(sample(f, 2));
      if (f.tracked) expect(Object.keys(changes), f.path).toContain(f.path);
    }
  });
});

describe("a field added to the registry", () => {
  // What a person would add to LEAD_FIELDS: a sortable number column the form edits, and a nested text.
  const added: LeadFieldDef[] = [
    {
      path: "year_renovated", label: "Year renovated", kind: "number",
      column: { id: "year_renovated", label: "Renovated", numeric: true, sort: { key: "year_renovated", dir: "desc", order: "value" } },
      export: { header: "Year renovated" }, tracked: true, import: [{ value: "year_renovated", label: "Year renovated" }],
      input: { min: 1800, max: 2100, year: true }, form: { group: "property" },
    },
    { path: "property_details.garage", label: "Garage", kind: "text", column: { id: "garage", label: "Garage" }, input: { max: 40 }, form: { group: "property" } },
  ];
  const fields = [...ALL, ...added];

  it("is held by the list rows and read by their projection", () => {
    const codec = indexRowCodec(fields.filter((f) => f.column || f.filter || f.rowKey));
    const doc = { ...storedLead(), year_renovated: 1999, property_details: { garage: "2 cars" } } as unknown as LeadRowSource;
    const row = codec.toIndexRow(doc, 1) as unknown as Record<string, unknown>;
    expect(row).toMatchObject({ year_renovated: 1999, "property_details.garage": "2 cars" });
    const shaped = codec.shapeRow(JSON.parse(JSON.stringify(row)));
    expect(shaped).toMatchObject({ year_renovated: 1999, "property_details.garage": "2 cars" });
    expect(leadRowReader(fields)(codec.fromIndexRow(shaped))).toMatchObject({ year_renovated: 1999, "property_details.garage": "2 cars" });
  });

  it("is validated with its limits and placed in the form", () => {
    const schema = z.object(leadFieldsShape(fields));
    expect(schema.parse({ name: "Ann", year_renovated: "1,999", property_details: { garage: " 2 cars " } })).toMatchObject({ year_renovated: 1999, property_details: { garage: "2 cars" } });
    const bad = schema.safeParse({ name: "Ann", year_renovated: "1700", property_details: { garage: "x".repeat(41) } });
    expect(zodFieldErrors(bad.error!)).toEqual({ year_renovated: ["Year renovated must be 1800 or later"], "property_details.garage": ["Garage must be at most 40 characters"] });
    expect(inputSchemaOf(added[0] as LeadFieldDef & { input: InputFacet }).safeParse("").success).toBe(true);
    const property = formFields(fields).property;
    expect(property.map((f) => f.path).slice(-3)).toEqual(["year_renovated", "property_details.garage", "asking_price"]);
    expect(formLabel(property.find((f) => f.path === "year_renovated")!)).toBe("Year renovated");
  });
});

describe("a filter added to the registry", () => {
  // What a person would add to LEAD_FIELDS: a filter facet on a field of each kind a facet reads.
  const added: LeadFieldDef[] = [
    { path: "occupancy", label: "Occupancy", kind: "text", input: { max: 30 }, filter: { kind: "any", param: "occupancy" } },
    { path: "condition", label: "Condition", kind: "enum", codes: ["poor", "fair", "good"], filter: { kind: "any", param: "condition" } },
    { path: "year_renovated", label: "Year renovated", kind: "number", filter: { kind: "range", from: "renovated_from", to: "renovated_to" } },
    { path: "listed_at", label: "Listed", kind: "date", filter: { kind: "range", from: "listed_from", to: "listed_to" } },
  ];
  const fields = [...ALL, ...added];
  const filters = fieldFilters(fields);
  const parse = (search: string) => parseListQuery(new URLSearchParams(search), filters);
  const TZ = "America/Chicago";
  const NOW = new Date("2026-03-10T15:00:00Z");

  it("reads its URL parameters into the list state, reports bad values, and writes the same URL back", () => {
    const search = "?status=new&occupancy=Vacant%2Ctenant&condition=poor%2Cfair&renovated_from=1990&renovated_to=2005&listed_from=2026-03-01&listed_to=2026-03-01";
    const { query, problems } = parse(search);
    expect(problems).toEqual([]);
    expect(query).toMatchObject({ status: ["new"], occupancy: ["Vacant", "tenant"], condition: ["poor", "fair"], renovatedFrom: 1990, renovatedTo: 2005, listedFrom: "2026-03-01", listedTo: "2026-03-01" });
    expect(hasFilters(query, filters)).toBe(true);
    expect(hasFilters(parse("renovated_to=2000").query, filters)).toBe(true);
    expect(hasFilters(parse("sort=name&dir=asc").query, filters)).toBe(false);
    expect(listQueryToSearch(query, [], filters)).toBe(search);

    const bad = parse("condition=mint&renovated_from=new&listed_from=2026-02-30&renovated_to=1980");
    expect(bad.problems).toEqual([
      { param: "condition", message: "condition must be one of poor, fair, good" },
      { param: "renovated_from", message: "renovated_from must be a number" },
      { param: "listed_from", message: "listed_from must be a real date" },
    ]);
    expect(parse("renovated_from=2001&renovated_to=1999").problems).toEqual([{ param: "renovated_to", message: "renovated_to is before renovated_from" }]);
    // The registry's filters know nothing of these parameters.
    expect(parseListQuery(new URLSearchParams(search)).query).not.toHaveProperty("occupancy");
  });

  it("selects the same leads from the database and from the list index", async () => {
    const ws = await createWorkspace();
    const leads = scoped(ws.admin, Lead);
    const made = {
      ann: { occupancy: "Vacant", condition: "poor", year_renovated: 1990, listed_at: new Date("2026-03-01T06:00:00Z") },
      bob: { occupancy: "tenant", condition: "good", year_renovated: 2005, listed_at: new Date("2026-03-02T03:00:00Z") }, // 1 March, 9 pm in Chicago
      cat: { occupancy: "owner", condition: "fair", year_renovated: 2006, listed_at: new Date("2026-03-02T07:00:00Z") },
      dan: {},
    };
    for (const [name, values] of Object.entries(made)) {
      const lead = await leads.create(leadInput({ name }));
      // The storage does not know these made-up fields: written past Mongoose, as a migration would.
      if (Object.keys(values).length) await Lead.collection.updateOne({ _id: lead._id }, { $set: values });
    }
    const codec = indexRowCodec(fields.filter((f) => f.column || f.filter || f.rowKey));
    const rows = (await leads.find({}).lean<LeadRowSource[]>()).map((doc, i) => codec.toIndexRow(doc, i));
    expect(rows).toHaveLength(4);
    const spec = sortSpec("name", "asc");

    const both = async (search: string) => {
      const clauses = criteriaFor(parse(search).query, { userId: ws.ids.admin, timeZone: TZ, now: NOW }, filters);
      const db = await dbSource.query(ws.admin, { clauses, spec, limit: 10, withCount: true });
      const index = queryRows(rows, { clauses, spec, limit: 10 });
      const dbNames = db.items.map((i) => i.doc.name);
      expect(index.items.map((i) => i.doc.name), search).toEqual(dbNames);
      expect(index.count, search).toBe(db.total);
      return dbNames;
    };
    expect(await both("occupancy=Vacant,tenant")).toEqual(["ann", "bob"]);
    expect(await both("condition=fair&occupancy=owner")).toEqual(["cat"]);
    expect(await both("condition=good,poor")).toEqual(["ann", "bob"]);
    // Both ends included; a lead without a value is never in a range.
    expect(await both("renovated_from=1990&renovated_to=2005")).toEqual(["ann", "bob"]);
    expect(await both("renovated_from=2000")).toEqual(["bob", "cat"]);
    expect(await both("renovated_to=1990")).toEqual(["ann"]);
    // Days in the person's time zone: bob was listed on 1 March in Chicago (2 March in UTC).
    expect(await both("listed_from=2026-03-01&listed_to=2026-03-01")).toEqual(["ann", "bob"]);
    expect(await both("listed_from=2026-03-02")).toEqual(["cat"]);
    expect(await both("listed_to=2026-03-01&condition=good")).toEqual(["bob"]);
    expect(await both("")).toEqual(["ann", "bob", "cat", "dan"]);
  });
});

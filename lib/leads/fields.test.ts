// The lead's field registry is the one place a field is described: a field stored on the model but
// missing here would be left out of the list, the export, the merge and the activity log without
// a word. These check the registry against the model and the derived lists against what actually
// reads and writes leads.
import { describe, expect, it } from "vitest";
import type { Schema } from "mongoose";
import { Lead } from "@/models/lead";
import { fieldsWith, LEAD_FIELDS, LEAD_FILTER_PATHS, LEAD_INTERNAL_PATHS, leadField, type LeadFieldDef } from "./fields";
import { COLUMNS, DEFAULT_DIRECTION, SORT_KEYS } from "./list/columns";
import { LEAD_ROW_PROJECTION, toLeadRow, type LeadRowSource } from "./list/lead-row";
import { sortSpec } from "./list/sort-spec";
import { differingFields, MERGE_FIELDS, planMerge, type MergeableLead } from "./merge/plan-merge";
import { diffSnapshots, snapshotTracked } from "./write/lead-changes";
import { isTrackedLeadPath, LEAD_TRACKED_PATHS } from "./tracked-fields";
import { IMPORT_TARGETS, isKnownTarget, MULTI_TARGETS } from "./import/targets";
import { mapRow } from "./import/map-row";
import type { LeadDocument } from "./get-lead";

/** Every stored path of a schema, single nested subdocuments (the address) opened. */
function storedPaths(schema: Schema, prefix = ""): string[] {
  const out: string[] = [];
  schema.eachPath((path, type) => {
    const nested = (type as unknown as { $isSingleNested?: boolean; schema?: Schema }).$isSingleNested ? (type as unknown as { schema: Schema }).schema : undefined;
    if (nested) out.push(...storedPaths(nested, `${prefix}${path}.`));
    else out.push(`${prefix}${path}`);
  });
  return out;
}

const registryPaths = LEAD_FIELDS.map((f) => f.path as string);
const internal = new Set<string>(LEAD_INTERNAL_PATHS);

describe("the lead field registry", () => {
  it("describes every stored path of the Lead model, or names it as internal", () => {
    const undescribed = storedPaths(Lead.schema).filter((p) => !registryPaths.includes(p) && !internal.has(p));
    expect(undescribed).toEqual([]);
  });

  it("names only paths the model stores (a misspelled path would describe nothing)", () => {
    const stored = new Set(storedPaths(Lead.schema));
    expect([...registryPaths, ...internal].filter((p) => !stored.has(p))).toEqual([]);
    expect(new Set(registryPaths).size).toBe(registryPaths.length);
  });

  it("gives every enum its model's codes, in order", () => {
    for (const f of fieldsWith("codes")) {
      const enumValues = (Lead.schema.path(f.path) as unknown as { enumValues: string[] }).enumValues;
      expect(f.codes, f.path).toEqual(enumValues);
    }
  });
});

/** A lead with a value in every field the registry describes. */
function fullLead(suffix: string): LeadDocument {
  return new Lead({
    tenant_id: "64b000000000000000000001",
    name: `Ann ${suffix}`,
    phone: suffix === "a" ? "+15555550101" : "+15555550102",
    phones: [{ number: suffix === "a" ? "+15555550101" : "+15555550102" }, { number: suffix === "a" ? "+15555550111" : "+15555550112", type: "mobile" }],
    email: `ann-${suffix}@example.com`,
    emails: [{ address: `ann-${suffix}@example.com` }, { address: `second-${suffix}@example.com`, type: "work" }],
    address: { street: `${suffix === "a" ? 1 : 2} Main St`, city: `City ${suffix}`, state: suffix === "a" ? "TX" : "OK", zip_code: suffix === "a" ? "75201" : "73101", county: `County ${suffix}` },
    mailing_address: { street: `PO Box ${suffix}`, city: `Mail ${suffix}`, state: suffix === "a" ? "TX" : "NM", zip_code: suffix === "a" ? "75001" : "75002" },
    property_details: { type: suffix === "a" ? "condo" : "land", bedrooms: suffix === "a" ? 2 : 3, bathrooms: suffix === "a" ? 1 : 2, square_feet: suffix === "a" ? 900 : 1200, lot_size: suffix === "a" ? 3000 : 4000, year_built: suffix === "a" ? 1990 : 2000 },
    status: suffix === "a" ? "new" : "contacted",
    priority: suffix === "a" ? "low" : "high",
    source: `source_${suffix}`,
    assigned_to: suffix === "a" ? "64b0000000000000000000a1" : "64b0000000000000000000b1",
    tags: [`tag-${suffix}`],
    notes: `Notes ${suffix}`,
    next_follow_up: new Date(suffix === "a" ? "2026-03-01T00:00:00Z" : "2026-04-01T00:00:00Z"),
    last_contacted: new Date(suffix === "a" ? "2026-02-01T00:00:00Z" : "2026-02-02T00:00:00Z"),
    asking_price: suffix === "a" ? 100_000 : 110_000,
    estimated_value: suffix === "a" ? 150_000 : 160_000,
    lead_score: suffix === "a" ? 10 : 20,
    custom_fields: { motivation: `Reason ${suffix}` },
    created_at: new Date(suffix === "a" ? "2026-01-01T00:00:00Z" : "2026-01-02T00:00:00Z"),
  }) as unknown as LeadDocument;
}

const plainLead = (doc: LeadDocument) => doc.toObject() as unknown as MergeableLead & LeadRowSource;

describe("the list, from the registry", () => {
  it("reads every column of a row from the row's projection", () => {
    const full = plainLead(fullLead("a"));
    const projected = Object.fromEntries(Object.entries(full).filter(([k]) => k in LEAD_ROW_PROJECTION)) as LeadRowSource;
    expect(toLeadRow(projected)).toEqual(toLeadRow(full));
    // and the projection leaves the rest behind
    expect(Object.keys(LEAD_ROW_PROJECTION)).not.toContain("notes");
  });

  it("filters only on fields a list row holds (the in-memory list evaluates filters on its rows)", () => {
    expect(LEAD_FILTER_PATHS.length).toBeGreaterThan(5);
    for (const path of LEAD_FILTER_PATHS) expect(LEAD_ROW_PROJECTION, path).toHaveProperty(path);
  });

  it("sorts by every sortable column, each with a first direction and an order over its field", () => {
    expect(COLUMNS.filter((c) => c.sort).map((c) => c.sort)).toEqual([...SORT_KEYS]);
    for (const key of SORT_KEYS) {
      expect(DEFAULT_DIRECTION[key]).toMatch(/^(asc|desc)$/);
      const fields = sortSpec(key, "asc").segments.map((s) => s.field);
      // Every field a sort reads is in the row's projection (the database path keysets on it).
      for (const field of fields) expect(LEAD_ROW_PROJECTION, `${key} reads ${field}`).toHaveProperty(field);
    }
  });
});

describe("the merge, from the registry", () => {
  it("offers a choice for every merge field on which two leads differ, and takes the merged lead's value when chosen", async () => {
    const kept = plainLead(fullLead("a"));
    const other = plainLead(fullLead("b"));
    expect(differingFields(kept, other)).toEqual([...MERGE_FIELDS]);
    const choices = Object.fromEntries(MERGE_FIELDS.map((f) => [f, "merged" as const]));
    // The kept lead as the merge saves it (the model keeps the primary e-mail in step with the list).
    const merged = fullLead("a");
    merged.set(planMerge(kept, other, choices));
    await merged.validate();
    // Every path a choice covers now holds the other lead's value.
    for (const f of fieldsWith("merge").filter((f) => "choice" in f.merge)) {
      expect(plainValue(merged.get(f.path)), f.path).toEqual(plainValue(valueAt(other, f.path)));
    }
  });
});

describe("tracked fields, from the registry", () => {
  it("reports a change of every tracked path, and of a custom field", () => {
    for (const path of LEAD_TRACKED_PATHS) {
      const doc = fullLead("a");
      const before = snapshotTracked(doc);
      const to = valueAt(plainLead(fullLead("b")), path);
      doc.set(path, to);
      expect(Object.keys(diffSnapshots(before, snapshotTracked(doc))), path).toContain(path);
    }
    expect(isTrackedLeadPath("custom_fields.motivation")).toBe(true);
  });

  it("leaves out what a person does not edit", () => {
    for (const path of ["search_keys", "rev", "updated_at", "last_contacted", "communication_count", "address.full_address"]) expect(isTrackedLeadPath(path), path).toBe(false);
  });
});

describe("import targets, from the registry", () => {
  const sample: Partial<Record<LeadFieldDef["kind"], string>> = { text: "Sample", number: "3", money: "120000", date: "2026-03-01", tags: "vip" };
  const special: Record<string, string> = { "property_details.year_built": "1990", "address.zip_code": "75201", "mailing_address.zip_code": "75201" };
  const cellFor = (f: LeadFieldDef) => special[f.path] ?? (f.kind === "enum" ? f.codes![1] : sample[f.kind]);

  it("writes each field's own target into that field of the lead", () => {
    const own = fieldsWith("import").filter((f) => f.import.some((t) => t.value === f.path) && !["name", "phone", "email", "notes"].includes(f.path));
    expect(own.length).toBeGreaterThan(10);
    for (const f of own) {
      const headers = ["Name", "Phone", f.label];
      const mapping = [{ column: 0, header: "Name", target: "name" }, { column: 1, header: "Phone", target: "phone" }, { column: 2, header: f.label, target: f.path }];
      const row = mapRow(["Ann", "+15555550101", cellFor(f)!], { mapping, headers, customFields: [] });
      expect(row.ok, f.path).toBe(true);
      if (row.ok) expect(valueAt(row.lead as Record<string, unknown>, f.path), f.path).toBeDefined();
    }
  });

  it("lists every target once, known to the import, with the many-column ones marked", () => {
    const values = IMPORT_TARGETS.map((t) => t.value);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect(isKnownTarget(v, []), v).toBe(true);
    expect(isKnownTarget("adress.street", [])).toBe(false);
    expect([...MULTI_TARGETS].sort()).toEqual(["email", "ignore", "notes", "phone", "phone_status", "phone_type", "tags"]);
    expect(leadField("tags")?.import?.[0].multi).toBe(true);
  });
});

const plainValue = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined || v === null ? null : String(v));

function valueAt(obj: Record<string, unknown>, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

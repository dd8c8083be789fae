// A lead as the in-memory list index holds it: the fields the registry holds in a list row
// (lib/leads/fields.ts: every column and filter), the search keys and the revision, with dates as
// epoch milliseconds so comparing them costs nothing.
//
// toIndexRow runs for every lead of a company when its index is built and shapeRow for every row
// a process loads (100,000 to 1,000,000), so both are written out once, at module load, from the
// registry as straight assignments in one fixed order (new Function): the same code a person
// would write by hand, without a loop, a closure or a keyed store per field per row.
import { LEAD_ROW_FIELDS, rowKeyOf, type LeadFieldDef, type RowValues } from "../../fields";
import { LEAD_ROW_PROJECTION, type LeadRowSource } from "../lead-row";

/** A row's value of each kind, as the index holds it. */
type IndexValue = { text: string; phone: string; email: string; enum: string; user: string; money: number; number: number; date: number; tags: string[] };

export type IndexRow = { _id: string } & RowValues<IndexValue> & {
  search_keys: string[];
  /**
   * The tenant's revision (lib/core/events/revision.ts) at which this copy was read: an older copy
   * never overwrites a newer one.
   */
  rev: number;
};

/** What the index reads from a stored lead: a list row's fields and the search keys. */
export const INDEX_PROJECTION: Readonly<Record<string, 1>> = { ...LEAD_ROW_PROJECTION, search_keys: 1 };

export type IndexSourceDoc = LeadRowSource & { search_keys?: string[] | null };

const prop = (name: string) => `[${JSON.stringify(name)}]`;

/** The statement that copies one field from `v` (the stored value) into `row`, leaving out what the lead lacks. */
function assignment(f: LeadFieldDef, key: string): string {
  const to = `row${prop(key)}`;
  switch (f.kind) {
    case "text":
    case "enum":
      return f.required ? `${to} = v == null ? "" : v;` : `if (v != null) ${to} = v;`;
    case "phone":
    case "email":
      return `if (v != null) ${to} = v;`;
    case "user":
      return `if (v) ${to} = String(v);`;
    case "tags":
      return `${to} = v == null ? [] : v;`;
    case "date": {
      // A date that is not NaN (an invalid Date is not equal to itself).
      const valid = "v instanceof Date && v.getTime() === v.getTime()";
      return f.required ? `${to} = ${valid} ? v.getTime() : 0;` : `if (${valid}) ${to} = v.getTime();`;
    }
    case "money":
    case "number":
      return `if (typeof v === "number" && Number.isFinite(v)) ${to} = v;`;
    default:
      throw new Error(`lead list row: a ${f.kind} field (${f.path}) cannot be a list row's field`);
  }
}

/** `v = doc.address; v = v == null ? undefined : v.street;` */
function read(parts: readonly string[]): string {
  return [`v = doc${prop(parts[0])};`, ...parts.slice(1).map((p) => `v = v == null ? undefined : v${prop(p)};`)].join(" ");
}

/** The index row's three functions for these fields (the registry's list fields; a test passes more). */
export function indexRowCodec(fields: readonly LeadFieldDef[]) {
  const held = fields.map((f) => ({ field: f, key: rowKeyOf(f), parts: f.path.split(".") }));
  // Keys and paths are the registry's own; checked anyway before they become code.
  for (const { key, parts } of held) {
    if (![key, ...parts].every((s) => /^[A-Za-z_][A-Za-z0-9_.]*$/.test(s))) throw new Error(`lead list row: "${key}" cannot be a row key`);
  }
  if (new Set(held.map((h) => h.key)).size !== held.length) throw new Error("lead list row: two fields under one row key");

  const toIndexRowCode = [
    "const row = { _id: String(doc._id) };",
    "let v;",
    ...held.map(({ field, key, parts }) => `${read(parts)} ${assignment(field, key)}`),
    "row.search_keys = doc.search_keys == null ? [] : doc.search_keys;",
    "row.rev = rev;",
    "return row;",
  ].join("\n");

  const shapeRowCode = [
    "return {",
    "  _id: r._id,",
    ...held.map(({ field, key }) => `  ${JSON.stringify(key)}: r${prop(key)}${field.kind === "tags" ? " ?? []" : ""},`),
    "  search_keys: r.search_keys ?? [],",
    "  rev: r.rev ?? 0,",
    "};",
  ].join("\n");

  return {
    toIndexRow: new Function("doc", "rev", toIndexRowCode) as (doc: IndexSourceDoc, rev: number) => IndexRow,
    shapeRow: new Function("r", shapeRowCode) as (r: IndexRow) => IndexRow,
    fromIndexRow(row: IndexRow): LeadRowSource {
      const doc: Record<string, unknown> = { _id: row._id };
      const stored = row as unknown as Record<string, unknown>;
      for (const { field, key, parts } of held) {
        const v = stored[key];
        const value = field.kind === "date" && v !== undefined ? new Date(v as number) : v;
        let at = doc;
        for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
        at[parts[parts.length - 1]] = value;
      }
      return doc as LeadRowSource;
    },
  };
}

const codec = indexRowCodec(LEAD_ROW_FIELDS);

/** A stored lead as an index row; a field the lead lacks is left out (it would only cost memory and JSON bytes). */
export const toIndexRow = codec.toIndexRow;

/**
 * A row parsed from JSON, rebuilt with every field in one fixed order: rows then share one
 * hidden class, so the per-row predicates stay monomorphic (several times faster over 100,000).
 */
export const shapeRow = codec.shapeRow;

/** Back to the shape the database path returns, for the page's rows only. */
export const fromIndexRow = codec.fromIndexRow;

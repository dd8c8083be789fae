// One lead as the list shows it: the fields the registry holds in a list row (lib/leads/fields.ts:
// every column and filter), as plain values a client component can take, under the same keys as
// the list index's rows. Built for the page's rows only (a few dozen), so a loop over the fields.
import { LEAD_ROW_FIELDS, rowKeyOf, topLevel, type LeadFieldDef, type RowEntry, type RowValues } from "../fields";

/** A row's value of each kind, as the page receives it. */
type PageValue = { text: string; phone: string; email: string; enum: string; user: string; money: number; number: number; date: string; tags: string[] };

export type LeadRow = { id: string } & RowValues<PageValue>;

/**
 * The fields a list row reads (a projection: the lead's notes, history and details stay behind):
 * every field a row holds, by its top-level field.
 */
export const LEAD_ROW_PROJECTION: Readonly<Record<string, 1>> = Object.fromEntries([["_id", 1], ...LEAD_ROW_FIELDS.map((f) => [topLevel(f.path), 1])]);

/** A stored value of each kind (a lean lead's). */
type StoredValue = { text: string; phone: string; email: string; enum: string; user: unknown; money: number; number: number; date: Date; tags: string[] };
type TopLevelRowEntry = Exclude<RowEntry, { path: `${string}.${string}` }>;

/** The stored fields a row is made of: a lean lead with at least the projection's fields (the address and other nested fields untyped). */
export type LeadRowSource = { _id: unknown; [field: string]: unknown } & { [E in TopLevelRowEntry as E["path"]]?: StoredValue[E["kind"]] | null };

/** A stored path's value ("address.street"). */
export function valueAt(doc: Readonly<Record<string, unknown>>, parts: readonly string[]): unknown {
  let v: unknown = doc;
  for (const key of parts) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

const present = (v: unknown) => (v === null || v === undefined || v === "" ? undefined : v);

/** A stored value as the page shows it; undefined leaves the key out. */
function pageValue(f: LeadFieldDef, v: unknown): unknown {
  switch (f.kind) {
    case "user":
      return v ? String(v) : undefined;
    case "tags":
      return v ?? [];
    case "date":
      return v instanceof Date ? v.toISOString() : f.required ? new Date(0).toISOString() : undefined;
    default:
      // A required code the lead lacks reads as the first (status: new).
      return present(v) ?? (f.required && (f.kind === "text" || f.kind === "enum") ? (f.codes?.[0] ?? "") : undefined);
  }
}

/** The page row's reader for these fields (the registry's list fields; a test passes more). */
export function leadRowReader(fields: readonly LeadFieldDef[]): (doc: LeadRowSource) => LeadRow {
  const reads = fields.map((f) => ({ field: f, key: rowKeyOf(f), parts: f.path.split(".") }));
  return (doc) => {
    const row: Record<string, unknown> = { id: String(doc._id) };
    for (const { field, key, parts } of reads) {
      const v = pageValue(field, valueAt(doc, parts));
      if (v !== undefined) row[key] = v;
    }
    return row as LeadRow;
  };
}

export const toLeadRow = leadRowReader(LEAD_ROW_FIELDS);

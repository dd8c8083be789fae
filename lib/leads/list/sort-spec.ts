// How each sort key orders leads, as a sequence of segments read one after the other:
// "status" reads the pipeline in order (new, contacted, ...), a value column reads its values
// and then the leads without one (empty values always last, whichever the direction), and ties
// are broken by _id so keyset pages never repeat or skip a lead.
import { fieldsWith, type SortCodeField, type SortField } from "../fields";
import type { SortKey } from "./columns";

/** The keyset types every list shares (lib/core/read-models/query-rows.ts). */
export type { AnySegment, Position } from "@/lib/core/read-models/query-rows";

export type ValueField = SortField;
export type EnumField = SortCodeField;

export type Segment =
  /** Leads with a value in `field`, ordered by it (then _id) in `dir`. */
  | { kind: "value"; field: ValueField; dir: 1 | -1; required: boolean }
  /** Leads whose `field` equals `value` (null: no value), newest first. */
  | { kind: "equals"; field: ValueField | EnumField; value: string | null };

export type SortSpec = { key: SortKey; dir: "asc" | "desc"; segments: Segment[] };

// Each sort key's field, from the registry (lib/leads/fields.ts): how it orders and whether every
// lead has a value (a field some leads lack gets a last "no value" segment, whichever the direction).
const SORTS = new Map(fieldsWith("column").filter((f) => f.column.sort).map((f) => [f.column.sort!.key, { field: f.path, order: f.column.sort!.order, required: !!f.required, codes: f.codes ?? [] }]));

export function sortSpec(key: SortKey, dir: "asc" | "desc"): SortSpec {
  const sort = SORTS.get(key);
  if (!sort) throw new Error(`unknown sort key ${key}`);
  if (sort.order === "value") {
    const field = sort.field as ValueField;
    const segments: Segment[] = [{ kind: "value", field, dir: dir === "asc" ? 1 : -1, required: sort.required }];
    if (!sort.required) segments.push({ kind: "equals", field, value: null });
    return { key, dir, segments };
  }
  // By code: status reads the pipeline (new → lost ascending); priority low → urgent.
  const field = sort.field as EnumField;
  const order = dir === "asc" ? [...sort.codes] : [...sort.codes].reverse();
  const segments: Segment[] = order.map((value) => ({ kind: "equals", field, value }));
  if (!sort.required) segments.push({ kind: "equals", field, value: null });
  return { key, dir, segments };
}

// How each sort key orders leads, as a sequence of segments read one after the other:
// "status" reads the pipeline in order (new, contacted, ...), a value column reads its values
// and then the leads without one (empty values always last, whichever the direction), and ties
// are broken by _id so keyset pages never repeat or skip a lead.
import { LEAD_PRIORITIES, LEAD_STATUSES } from "@/models/lead-enums";
import type { SortKey } from "./columns";

export type ValueField = "name" | "created_at" | "last_contacted" | "next_follow_up" | "asking_price" | "estimated_value" | "lead_score";
export type EnumField = "status" | "priority";

export type Segment =
  /** Leads with a value in `field`, ordered by it (then _id) in `dir`. */
  | { kind: "value"; field: ValueField; dir: 1 | -1; required: boolean }
  /** Leads whose `field` equals `value` (null: no value), newest first. */
  | { kind: "equals"; field: ValueField | EnumField; value: string | null };

/** A segment over any list's fields (buyers sort through the same keyset machinery). */
export type AnySegment =
  | { kind: "value"; field: string; dir: 1 | -1; required: boolean }
  | { kind: "equals"; field: string; value: string | null };

export type SortSpec = { key: SortKey; dir: "asc" | "desc"; segments: Segment[] };

const VALUE_FIELDS: Partial<Record<SortKey, { field: ValueField; required: boolean }>> = {
  name: { field: "name", required: true },
  created: { field: "created_at", required: true },
  last_contacted: { field: "last_contacted", required: false },
  next_follow_up: { field: "next_follow_up", required: false },
  asking_price: { field: "asking_price", required: false },
  estimated_value: { field: "estimated_value", required: false },
  score: { field: "lead_score", required: false },
};

export function sortSpec(key: SortKey, dir: "asc" | "desc"): SortSpec {
  const value = VALUE_FIELDS[key];
  if (value) {
    const segments: Segment[] = [{ kind: "value", field: value.field, dir: dir === "asc" ? 1 : -1, required: value.required }];
    if (!value.required) segments.push({ kind: "equals", field: value.field, value: null });
    return { key, dir, segments };
  }
  if (key === "status") {
    const order = dir === "asc" ? [...LEAD_STATUSES] : [...LEAD_STATUSES].reverse();
    return { key, dir, segments: order.map((s) => ({ kind: "equals", field: "status", value: s })) };
  }
  // priority: ascending is low → urgent; leads stored without one come last.
  const order = dir === "asc" ? [...LEAD_PRIORITIES] : [...LEAD_PRIORITIES].reverse();
  const segments: Segment[] = order.map((p) => ({ kind: "equals", field: "priority", value: p }));
  segments.push({ kind: "equals", field: "priority", value: null });
  return { key, dir, segments };
}

/** A position in the order: the segment, the sort value there (value segments) and the _id. */
export type Position = { s: number; v?: string | number | Date; id: string };

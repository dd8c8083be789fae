// The list's clauses and sort order evaluated over in-memory rows, with MongoDB's meaning:
// `$in` with null matches a missing value, an array matches when any element does, `$nin`
// matches missing values, ranges never match a missing value, and each segment of a sort order
// is read in (value, _id) order exactly like the database path.
import type { Clause, RowField } from "../criteria";
import type { PagedLead } from "../page-source";
import type { Position, Segment, SortSpec, ValueField } from "../sort-spec";
import { fromIndexRow, type IndexRow } from "./index-row";

const DATE_FIELDS = new Set<string>(["created_at", "last_contacted", "next_follow_up"]);

function fieldValue(row: IndexRow, field: RowField | ValueField | "priority" | "status"): unknown {
  return (row as unknown as Record<string, unknown>)[field];
}

const isMissing = (v: unknown) => v === undefined || v === null;

function matchesOne(value: unknown, wanted: (string | null)[]): boolean {
  if (Array.isArray(value)) return value.some((v) => wanted.includes(v as string));
  if (isMissing(value)) return wanted.includes(null);
  return wanted.includes(value as string);
}

export function rowMatches(row: IndexRow, clauses: readonly Clause[]): boolean {
  for (const c of clauses) {
    const value = fieldValue(row, c.field);
    switch (c.kind) {
      case "in":
        if (!matchesOne(value, c.values)) return false;
        break;
      case "nin":
        if (Array.isArray(value) ? value.some((v) => c.values.includes(v as string)) : !isMissing(value) && c.values.includes(value as string)) return false;
        break;
      case "range": {
        if (typeof value !== "number") return false;
        if (c.gte && value < c.gte.getTime()) return false;
        if (c.lt && value >= c.lt.getTime()) return false;
        break;
      }
      case "present": {
        const present = !isMissing(value) && value !== "";
        if (present !== c.present) return false;
        break;
      }
      case "prefix":
        if (!(value as string[]).some((k) => k.startsWith(c.prefix))) return false;
        break;
    }
  }
  return true;
}

type Key = { s: number; v: number | string | undefined; id: string };

function inSegment(row: IndexRow, seg: Segment): boolean {
  const value = fieldValue(row, seg.field);
  if (seg.kind === "value") return !isMissing(value);
  return seg.value === null ? isMissing(value) : value === seg.value;
}

/** Where a row sits in a sort order, or null when no segment holds it (the database skips it too). */
export function rowKey(row: IndexRow, spec: SortSpec): Key | null {
  for (let s = 0; s < spec.segments.length; s++) {
    const seg = spec.segments[s];
    if (!inSegment(row, seg)) continue;
    return { s, v: seg.kind === "value" ? (fieldValue(row, seg.field) as number | string) : undefined, id: row._id };
  }
  return null;
}

function positionKey(pos: Position): Key {
  return { s: pos.s, v: pos.v instanceof Date ? pos.v.getTime() : pos.v, id: pos.id };
}

const cmpPrimitive = (a: number | string | undefined, b: number | string | undefined) => (a === b ? 0 : (a as number | string) < (b as number | string) ? -1 : 1);

/** Orders two keys of the same sort order: negative when `a` comes first. */
export function compareKeys(spec: SortSpec, a: Key, b: Key): number {
  if (a.s !== b.s) return a.s - b.s;
  const seg = spec.segments[a.s];
  if (seg.kind === "value") {
    const byValue = cmpPrimitive(a.v, b.v);
    if (byValue !== 0) return byValue * seg.dir;
    return cmpPrimitive(a.id, b.id) * seg.dir;
  }
  return -cmpPrimitive(a.id, b.id);
}

function toPosition(spec: SortSpec, key: Key): Position {
  const seg = spec.segments[key.s];
  if (seg.kind !== "value") return { s: key.s, id: key.id };
  return { s: key.s, v: DATE_FIELDS.has(seg.field) ? new Date(key.v as number) : key.v, id: key.id };
}

export type RowQuery = { clauses: readonly Clause[]; spec: SortSpec; from?: Position; backward?: boolean; limit: number };

/**
 * One pass over the rows: filter, keep the `limit` nearest rows after (or before) the position,
 * and count the matches. O(n log limit), no sorting of the whole set.
 */
export function queryRows(rows: Iterable<IndexRow>, { clauses, spec, from, backward = false, limit }: RowQuery): { items: PagedLead[]; count: number } {
  const start = from ? positionKey(from) : null;
  const dir = backward ? -1 : 1;
  const order = (a: { key: Key }, b: { key: Key }) => dir * compareKeys(spec, a.key, b.key);
  let kept: { key: Key; row: IndexRow }[] = [];
  let count = 0;
  let worst: { key: Key } | null = null;
  for (const row of rows) {
    if (!rowMatches(row, clauses)) continue;
    count += 1;
    if (limit <= 0) continue;
    const key = rowKey(row, spec);
    if (!key) continue;
    if (start && dir * compareKeys(spec, key, start) <= 0) continue;
    if (worst && kept.length >= limit && order({ key }, worst) >= 0) continue;
    kept.push({ key, row });
    if (kept.length >= limit * 4) {
      kept.sort(order);
      kept = kept.slice(0, limit);
      worst = kept[kept.length - 1];
    }
  }
  kept.sort(order);
  kept = kept.slice(0, Math.max(limit, 0));
  return { items: kept.map(({ key, row }) => ({ doc: fromIndexRow(row), pos: toPosition(spec, key) })), count };
}

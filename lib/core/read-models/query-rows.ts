// Keyset pages and the total over any read model's rows, in one pass: filter with a predicate,
// keep the `limit` nearest rows after (or before) a position, count the matches. O(n log limit),
// no sorting of the whole set. The order is the database path's: a sort is a sequence of segments
// (AnySegment below; each list builds its own, as lib/leads/list/sort-spec.ts does) read one after the other; a value segment holds the
// rows with a value, ordered by (value, _id) in its direction; an equals segment holds the rows
// whose field equals a value (null: missing), newest _id first. Positions are the cursors' (dates
// as Date), so a cursor made on one path is read the same on the other.
import type { BaseRow } from "./store";

/** A segment of a sort over any list's fields (leads, buyers and the rest sort through the same keyset machinery). */
export type AnySegment =
  | { kind: "value"; field: string; dir: 1 | -1; required: boolean }
  | { kind: "equals"; field: string; value: string | null };

/** A position in the order: the segment, the sort value there (value segments) and the _id. */
export type Position = { s: number; v?: string | number | Date; id: string };

type Value = number | string | undefined;
type Key = { s: number; v: Value; id: string };

export type RowPageQuery<Row extends BaseRow> = {
  /** Whether a row is selected by the list's filters. */
  match: (row: Row) => boolean;
  segments: readonly AnySegment[];
  /** A row's value of a segment's field (dates as epoch milliseconds; missing as undefined or null). */
  valueOf: (row: Row, field: string) => unknown;
  /** Fields whose values are dates: their positions carry a Date, as the database path's do. */
  dateFields?: ReadonlySet<string>;
  from?: Position | null;
  backward?: boolean;
  limit: number;
};

const isMissing = (v: unknown) => v === undefined || v === null;
const cmp = (a: Value, b: Value) => (a === b ? 0 : (a as number | string) < (b as number | string) ? -1 : 1);

export function queryRowPage<Row extends BaseRow>(rows: Iterable<Row>, q: RowPageQuery<Row>): { items: { row: Row; pos: Position }[]; count: number } {
  const { match, segments, valueOf, limit } = q;
  const dir = q.backward ? -1 : 1;
  const start: Key | null = q.from ? { s: q.from.s, v: q.from.v instanceof Date ? q.from.v.getTime() : q.from.v, id: q.from.id } : null;

  const segmentOf = (row: Row): number => {
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s];
      const v = valueOf(row, seg.field);
      if (seg.kind === "value" ? !isMissing(v) : seg.value === null ? isMissing(v) : v === seg.value) return s;
    }
    return -1;
  };
  const keyOf = (row: Row, s: number): Key => {
    const seg = segments[s];
    return { s, v: seg.kind === "value" ? (valueOf(row, seg.field) as Value) : undefined, id: row._id };
  };
  // Negative when `a` comes first in the sort order.
  const compare = (a: Key, b: Key): number => {
    if (a.s !== b.s) return a.s - b.s;
    const seg = segments[a.s];
    if (seg.kind === "value") {
      const byValue = cmp(a.v, b.v);
      return (byValue !== 0 ? byValue : cmp(a.id, b.id)) * seg.dir;
    }
    return -cmp(a.id, b.id);
  };
  const order = (a: { key: Key }, b: { key: Key }) => dir * compare(a.key, b.key);

  let kept: { key: Key; row: Row }[] = [];
  let worst: Key | null = null;
  let count = 0;
  for (const row of rows) {
    if (!match(row)) continue;
    count += 1;
    if (limit <= 0) continue;
    const s = segmentOf(row);
    if (s < 0) continue;
    const key = keyOf(row, s);
    if (start && dir * compare(key, start) <= 0) continue;
    if (worst && dir * compare(key, worst) >= 0) continue;
    kept.push({ key, row });
    if (kept.length >= limit * 4) {
      kept.sort(order);
      kept = kept.slice(0, limit);
      worst = kept[kept.length - 1].key;
    }
  }
  kept.sort(order);
  kept = kept.slice(0, Math.max(limit, 0));
  return {
    items: kept.map(({ key, row }) => {
      const seg = segments[key.s];
      if (seg.kind !== "value") return { row, pos: { s: key.s, id: key.id } };
      return { row, pos: { s: key.s, v: q.dateFields?.has(seg.field) ? new Date(key.v as number) : key.v, id: key.id } };
    }),
    count,
  };
}

/** Joined search keys, so "some key starts with a prefix" is one native substring search per row. */
export const SEARCH_SEP = "\u0001";
export function searchText(row: { search_keys: string[]; _k?: string }): string {
  return (row._k ??= SEARCH_SEP + row.search_keys.join(SEARCH_SEP));
}

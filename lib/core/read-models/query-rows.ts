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

// Answers computed over one version of a copy's rows, kept until its rows change. A copy's rows
// array (rowsOf in read-model.ts) is replaced whenever a change applies, so an answer kept
// against an array can never outlive the rows it was computed from; pass only arrays that are
// never modified afterwards (rowsOf's, or ones derived from them and memoised the same way).
// What a page asks again between changes (the board's columns, the dashboard's counts, a
// list's first page) then costs a lookup instead of a pass over every row.
const MEMO_MAX = 64;
const memos = new WeakMap<object, Map<string, unknown>>();

/** `compute()` once per version of `rows` and key (at most MEMO_MAX keys per version, oldest dropped first). */
export function memoOverRows<T>(rows: object, key: string, compute: () => T): T {
  let memo = memos.get(rows);
  if (!memo) memos.set(rows, (memo = new Map()));
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
  return value;
}

// Search without reading every row: each search key of each row filed, with its row, under the
// key's first BUCKET characters. A prefix of that length or more reads one bucket and tests the
// keys there; a shorter one takes the buckets whose name starts with it, all of whose keys match.
// Built from a copy's rows on its first search, then kept current by every change applied to the
// copy (read-model.ts), so a change costs filing one row anew, not a rebuild. Two pointers per key
// (the key and its row, never copies of either): about 16 bytes a key, so a lead with ten keys
// costs about 160 bytes, what the joined key text it replaces cost once a tenant was searched.
const BUCKET = 3;

type Bucket<Row> = { keys: string[]; rows: Row[] };

export type SearchIndex<Row> = {
  /** Files a changed row: `before` (the copy's previous row, if any) out, `after` (if any) in. */
  update(before: Row | undefined, after: Row | undefined): void;
  /**
   * Exactly the rows with a key starting with `prefix`, each once; null when they would be more
   * than half the rows (testing every row is then as cheap).
   */
  matching(prefix: string): readonly Row[] | null;
  /** How many keys are filed (tests, memory reports). */
  entries(): number;
};

export function createSearchIndex<Row>(rows: Iterable<Row>, keysOf: (row: Row) => readonly string[]): SearchIndex<Row> {
  const buckets = new Map<string, Bucket<Row>>();
  let total = 0;
  let size = 0;
  const add = (row: Row) => {
    size += 1;
    for (const key of new Set(keysOf(row))) {
      const name = key.slice(0, BUCKET);
      const bucket = buckets.get(name);
      if (bucket) {
        bucket.keys.push(key);
        bucket.rows.push(row);
      } else buckets.set(name, { keys: [key], rows: [row] });
      total += 1;
    }
  };
  const remove = (row: Row) => {
    size -= 1;
    for (const key of new Set(keysOf(row))) {
      const name = key.slice(0, BUCKET);
      const bucket = buckets.get(name);
      if (!bucket) continue;
      let at = bucket.rows.lastIndexOf(row);
      while (at >= 0 && bucket.keys[at] !== key) at = bucket.rows.lastIndexOf(row, at - 1);
      if (at < 0) continue;
      // Order within a bucket does not matter: pages sort what they find.
      const last = bucket.rows.length - 1;
      bucket.keys[at] = bucket.keys[last];
      bucket.rows[at] = bucket.rows[last];
      bucket.keys.pop();
      bucket.rows.pop();
      total -= 1;
      if (!bucket.rows.length) buckets.delete(name);
    }
  };
  for (const row of rows) add(row);
  return {
    update(before, after) {
      if (before) remove(before);
      if (after) add(after);
    },
    matching(prefix) {
      if (prefix.length >= BUCKET) {
        const bucket = buckets.get(prefix.slice(0, BUCKET));
        if (!bucket) return [];
        const { keys, rows: filed } = bucket;
        const found: Row[] = [];
        // A row is filed once per key: one with two matching keys is kept once.
        let seen: Set<Row> | null = null;
        for (let i = 0; i < keys.length; i++) {
          if (!keys[i].startsWith(prefix)) continue;
          const row = filed[i];
          if (found.length && (seen ??= new Set(found)).has(row)) continue;
          seen?.add(row);
          found.push(row);
        }
        return found;
      }
      const parts: Row[][] = [];
      let n = 0;
      for (const [name, bucket] of buckets) {
        if (!name.startsWith(prefix)) continue;
        parts.push(bucket.rows);
        n += bucket.rows.length;
        if (n > size) return null;
      }
      const seen = new Set<Row>();
      for (const part of parts) for (const row of part) seen.add(row);
      return seen.size > size / 2 ? null : [...seen];
    },
    entries: () => total,
  };
}

/**
 * The rows of a copy matching one of a search's prefixes (the one matching fewest), from the
 * copy's search index (built on first use), with that prefix; null when every prefix matches
 * most rows. The other prefixes are still to be tested.
 */
export function searchCandidates<Row extends BaseRow>(
  local: { rows: Map<string, Row>; search?: SearchIndex<Row> },
  prefixes: readonly string[],
  keysOf: (row: Row) => readonly string[],
): { rows: readonly Row[]; prefix: string } | null {
  if (!prefixes.length) return null;
  local.search ??= createSearchIndex(local.rows.values(), keysOf);
  let best: { rows: readonly Row[]; prefix: string } | null = null;
  for (const prefix of prefixes) {
    const rows = local.search.matching(prefix);
    if (rows && (!best || rows.length < best.rows.length)) best = { rows, prefix };
  }
  return best;
}

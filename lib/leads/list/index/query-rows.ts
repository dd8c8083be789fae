// The list's clauses and sort order evaluated over in-memory rows, with MongoDB's meaning:
// `$in` with null matches a missing value, an array matches when any element does, `$nin`
// matches missing values, ranges never match a missing value, and each segment of a sort order
// is read in (value, _id) order exactly like the database path.
import { memoOverRows, searchCandidates } from "@/lib/core/read-models/query-rows";
import { rowsOf, type LocalRows } from "@/lib/core/read-models/read-model";
import { LEAD_ROW_FIELDS, rowKeyOf } from "../../fields";
import type { Clause, RowField } from "../criteria";
import type { PagedLead } from "../page-source";
import type { Position, Segment, SortSpec, ValueField } from "../sort-spec";
import { fromIndexRow, type IndexRow } from "./index-row";

// The row's dates (epoch milliseconds), back to dates in a position; from the field registry.
const DATE_FIELDS = new Set<string>(LEAD_ROW_FIELDS.filter((f) => f.kind === "date").map((f) => f.path));

function fieldValue(row: IndexRow, field: RowField | ValueField | "priority" | "status"): unknown {
  return (row as unknown as Record<string, unknown>)[field];
}

// Sort fields read through one accessor each, like the filters' (below): a keyed load with a
// changing key is several times slower over 100,000 rows than a named one.
const SORT_ACCESSORS: Record<string, (row: IndexRow) => unknown> = {
  name: (r) => r.name,
  status: (r) => r.status,
  priority: (r) => r.priority,
  source: (r) => r.source,
  created_at: (r) => r.created_at,
  next_follow_up: (r) => r.next_follow_up,
  last_contacted: (r) => r.last_contacted,
  asking_price: (r) => r.asking_price,
  estimated_value: (r) => r.estimated_value,
  lead_score: (r) => r.lead_score,
  city: (r) => r.city,
  state: (r) => r.state,
};
const valueGetter = (field: string): ((row: IndexRow) => unknown) => SORT_ACCESSORS[field] ?? ((row) => fieldValue(row, field as ValueField));

const isMissing = (v: unknown) => v === undefined || v === null;

type Predicate = (row: IndexRow) => boolean;

// One accessor per field: a named property load stays monomorphic, `row[field]` with a changing
// key does not (measured: the tag filter over 100,000 rows went from 10 ms to a few). A field
// without one (a filter added to the registry) is read by the key its row holds it under.
const ACCESSORS: Partial<Record<RowField, (row: IndexRow) => unknown>> = {
  status: (r) => r.status,
  priority: (r) => r.priority,
  source: (r) => r.source,
  assigned_to: (r) => r.assigned_to,
  tags: (r) => r.tags,
  next_follow_up: (r) => r.next_follow_up,
  last_contacted: (r) => r.last_contacted,
  created_at: (r) => r.created_at,
  phone: (r) => r.phone,
  email: (r) => r.email,
  search_keys: (r) => r.search_keys,
  _id: (r) => r._id,
};

const ROW_KEYS = new Map(LEAD_ROW_FIELDS.map((f) => [f.path, rowKeyOf(f)]));
function rowReader(field: string): (row: IndexRow) => unknown {
  const key = ROW_KEYS.get(field) ?? field;
  return (row) => (row as unknown as Record<string, unknown>)[key];
}

/** One clause as a predicate, compiled once per query rather than interpreted per row. */
function compile(c: Clause): Predicate {
  const get = ACCESSORS[c.field] ?? rowReader(c.field);
  switch (c.kind) {
    case "in": {
      const set = new Set(c.values.filter((v): v is string => v !== null));
      const nullOk = c.values.includes(null);
      return (row) => {
        const v = get(row);
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) if (set.has(v[i] as string)) return true;
          return false;
        }
        return isMissing(v) ? nullOk : set.has(v as string);
      };
    }
    case "nin": {
      const set = new Set(c.values);
      return (row) => {
        const v = get(row);
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) if (set.has(v[i] as string)) return false;
          return true;
        }
        return isMissing(v) || !set.has(v as string);
      };
    }
    case "range": {
      // Rows hold dates as epoch milliseconds.
      const gte = c.gte === undefined ? -Infinity : typeof c.gte === "number" ? c.gte : c.gte.getTime();
      const lt = c.lt?.getTime() ?? Infinity;
      const lte = c.lte ?? Infinity;
      return (row) => {
        const v = get(row);
        return typeof v === "number" && v >= gte && v < lt && v <= lte;
      };
    }
    case "present":
      return (row) => {
        const v = get(row);
        return (!isMissing(v) && v !== "") === c.present;
      };
    case "prefix": {
      // Some key starts with the prefix. Searches read the candidates of the copy's search index
      // (queryLocalIndex below), so this runs on a few rows, not every row.
      const prefix = c.prefix;
      return (row) => {
        const keys = row.search_keys;
        for (let i = 0; i < keys.length; i++) if (keys[i].startsWith(prefix)) return true;
        return false;
      };
    }
  }
}

export function compileClauses(clauses: readonly Clause[]): Predicate {
  const preds = clauses.map(compile);
  if (preds.length === 0) return () => true;
  if (preds.length === 1) return preds[0];
  return (row) => {
    for (const p of preds) if (!p(row)) return false;
    return true;
  };
}

export function rowMatches(row: IndexRow, clauses: readonly Clause[]): boolean {
  return compileClauses(clauses)(row);
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
 * and count the matches. O(n log limit), no sorting of the whole set, and no allocation for rows
 * that cannot make the page.
 */
export function queryRows(rows: Iterable<IndexRow>, { clauses, spec, from, backward = false, limit }: RowQuery): { items: PagedLead[]; count: number } {
  const start = from ? positionKey(from) : null;
  const dir = backward ? -1 : 1;
  const order = (a: { key: Key }, b: { key: Key }) => dir * compareKeys(spec, a.key, b.key);
  const matches = compileClauses(clauses);
  const segments = spec.segments;
  const getters = segments.map((seg) => valueGetter(seg.field));
  const segmentOf = (row: IndexRow): number => {
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s];
      const value = getters[s](row);
      if (seg.kind === "value" ? !isMissing(value) : seg.value === null ? isMissing(value) : value === seg.value) return s;
    }
    return -1;
  };
  // compareKeys(spec, keyOf(row), key) without building keyOf(row).
  const compareRow = (row: IndexRow, s: number, key: Key): number => {
    if (s !== key.s) return s - key.s;
    const seg = segments[s];
    if (seg.kind === "value") {
      const byValue = cmpPrimitive(getters[s](row) as number | string, key.v);
      return (byValue !== 0 ? byValue : cmpPrimitive(row._id, key.id)) * seg.dir;
    }
    return -cmpPrimitive(row._id, key.id);
  };
  const keyOf = (row: IndexRow, s: number): Key => {
    const seg = segments[s];
    return { s, v: seg.kind === "value" ? (getters[s](row) as number | string) : undefined, id: row._id };
  };

  let kept: { key: Key; row: IndexRow }[] = [];
  let worst: Key | null = null;
  let count = 0;
  for (const row of rows) {
    if (!matches(row)) continue;
    count += 1;
    if (limit <= 0) continue;
    const s = segmentOf(row);
    if (s < 0) continue;
    if (start && dir * compareRow(row, s, start) <= 0) continue;
    if (worst && dir * compareRow(row, s, worst) >= 0) continue;
    kept.push({ key: keyOf(row, s), row });
    if (kept.length >= limit * 4) {
      kept.sort(order);
      kept = kept.slice(0, limit);
      worst = kept[kept.length - 1].key;
    }
  }
  kept.sort(order);
  kept = kept.slice(0, Math.max(limit, 0));
  return { items: kept.map(({ key, row }) => ({ doc: fromIndexRow(row), pos: toPosition(spec, key) })), count };
}

/** What makes two page requests the same question (the memo's key). */
export function requestKey({ clauses, spec, from, backward = false, limit }: RowQuery): string {
  return JSON.stringify([clauses, spec, from ?? null, backward, limit]);
}

/**
 * The rows of a copy the clauses need to read: a search's matches from the copy's search index,
 * with the clauses left to test (the prefix it answered dropped), else every row and every clause.
 */
export function candidateRows(local: LocalRows<IndexRow>, clauses: readonly Clause[]): { rows: readonly IndexRow[]; clauses: readonly Clause[] } {
  const prefixes: string[] = [];
  for (const c of clauses) if (c.kind === "prefix") prefixes.push(c.prefix);
  const found = searchCandidates(local, prefixes, keysOf);
  if (!found) return { rows: rowsOf(local), clauses };
  const at = clauses.findIndex((c) => c.kind === "prefix" && c.prefix === found.prefix);
  return { rows: found.rows, clauses: clauses.filter((_, i) => i !== at) };
}
const keysOf = (row: IndexRow) => row.search_keys;

/**
 * A page (and the count) over a copy's rows: searches read their candidates from the search
 * index, and the answer is kept until the copy's rows change (the same list asked again costs a
 * lookup). The items array is the caller's to change.
 */
export function queryLocalIndex(local: LocalRows<IndexRow>, req: RowQuery): { items: PagedLead[]; count: number } {
  const { items, count } = memoOverRows(rowsOf(local), `page:${requestKey(req)}`, () => {
    const { rows, clauses } = candidateRows(local, req.clauses);
    return queryRows(rows, { ...req, clauses });
  });
  return { items: items.slice(), count };
}

/**
 * queryRows over rows that never change once made (a copy's rows array, or a slice of it kept
 * with memoOverRows), each answer kept with them.
 */
export function queryFixedRows(rows: readonly IndexRow[], req: RowQuery): { items: PagedLead[]; count: number } {
  const { items, count } = memoOverRows(rows, `page:${requestKey(req)}`, () => queryRows(rows, req));
  return { items: items.slice(), count };
}

// A lead as the in-memory list index holds it: the list columns, the search keys and the
// revision, with dates as epoch milliseconds so comparing them costs nothing.
import type { LeadRowSource } from "../lead-row";

export type IndexRow = {
  _id: string;
  name: string;
  phone?: string;
  email?: string;
  street?: string;
  city?: string;
  state?: string;
  status: string;
  priority?: string;
  source?: string;
  assigned_to?: string;
  tags: string[];
  next_follow_up?: number;
  last_contacted?: number;
  created_at: number;
  asking_price?: number;
  estimated_value?: number;
  lead_score?: number;
  search_keys: string[];
  /**
   * The tenant's revision (lib/core/events/revision.ts) at which this copy was read: an older copy
   * never overwrites a newer one.
   */
  rev: number;
};

/** What the index reads from a stored lead. */
export const INDEX_PROJECTION = {
  _id: 1,
  name: 1,
  phone: 1,
  email: 1,
  address: 1,
  status: 1,
  priority: 1,
  source: 1,
  assigned_to: 1,
  tags: 1,
  next_follow_up: 1,
  last_contacted: 1,
  created_at: 1,
  asking_price: 1,
  estimated_value: 1,
  lead_score: 1,
  search_keys: 1,
} as const;

export type IndexSourceDoc = LeadRowSource & { search_keys?: string[] | null };

const time = (d: Date | null | undefined) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.getTime() : undefined);
const text = (s: string | null | undefined) => (s === null || s === undefined ? undefined : s);
const num = (n: number | null | undefined) => (typeof n === "number" && Number.isFinite(n) ? n : undefined);

export function toIndexRow(doc: IndexSourceDoc, rev: number): IndexRow {
  const row: IndexRow = {
    _id: String(doc._id),
    name: doc.name ?? "",
    phone: text(doc.phone),
    email: text(doc.email),
    street: text(doc.address?.street),
    city: text(doc.address?.city),
    state: text(doc.address?.state),
    status: doc.status ?? "",
    priority: text(doc.priority),
    source: text(doc.source),
    assigned_to: doc.assigned_to ? String(doc.assigned_to) : undefined,
    tags: doc.tags ?? [],
    next_follow_up: time(doc.next_follow_up),
    last_contacted: time(doc.last_contacted),
    created_at: time(doc.created_at) ?? 0,
    asking_price: num(doc.asking_price),
    estimated_value: num(doc.estimated_value),
    lead_score: num(doc.lead_score),
    search_keys: doc.search_keys ?? [],
    rev,
  };
  // Undefined members would only cost memory and JSON bytes.
  for (const key of Object.keys(row) as (keyof IndexRow)[]) if (row[key] === undefined) delete row[key];
  return row;
}

/**
 * A row parsed from JSON, rebuilt with every field in one fixed order: rows then share one
 * hidden class, so the per-row predicates stay monomorphic (several times faster over 100,000).
 */
export function shapeRow(r: IndexRow): IndexRow {
  const row = {
    _id: r._id,
    name: r.name,
    phone: r.phone,
    email: r.email,
    street: r.street,
    city: r.city,
    state: r.state,
    status: r.status,
    priority: r.priority,
    source: r.source,
    assigned_to: r.assigned_to,
    tags: r.tags ?? [],
    next_follow_up: r.next_follow_up,
    last_contacted: r.last_contacted,
    created_at: r.created_at,
    asking_price: r.asking_price,
    estimated_value: r.estimated_value,
    lead_score: r.lead_score,
    search_keys: r.search_keys ?? [],
    rev: r.rev ?? 0,
    // Filled by the first search (query-rows.ts); declared here so the shape never changes.
    _k: undefined as string | undefined,
  };
  return row;
}

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

/** Back to the shape the database path returns, for the page's rows only. */
export function fromIndexRow(row: IndexRow): LeadRowSource {
  return {
    _id: row._id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    address: { street: row.street, city: row.city, state: row.state },
    status: row.status,
    priority: row.priority,
    source: row.source,
    assigned_to: row.assigned_to,
    tags: row.tags,
    next_follow_up: date(row.next_follow_up),
    last_contacted: date(row.last_contacted),
    created_at: date(row.created_at),
    asking_price: row.asking_price,
    estimated_value: row.estimated_value,
    lead_score: row.lead_score,
  };
}

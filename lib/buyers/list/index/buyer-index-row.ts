// A buyer as the buyer list's read model holds it: what the list filters, sorts, searches and
// shows, with dates as epoch milliseconds. Booleans and counts are kept as stored (a missing
// value stays missing), so filters over rows mean exactly what they mean in the database.

export type BuyerIndexRow = {
  _id: string;
  name: string;
  company?: string;
  phone?: string;
  email?: string;
  types: string[];
  price_min?: number;
  price_max?: number;
  locations: string[];
  funding?: string;
  experience?: string;
  credit?: string;
  /** proof_of_funds.file_id and expires_at. */
  pof_file?: string;
  pof_expires?: number;
  active?: boolean;
  verified?: boolean;
  tags: string[];
  /** total_deals. */
  deals?: number;
  last_contacted?: number;
  created_at?: number;
  search_keys: string[];
  /** The tenant's revision at which this copy was read (lib/core/read-models). */
  rev: number;
};

/** What the read model reads from a stored buyer. */
export const BUYER_INDEX_PROJECTION = {
  _id: 1, name: 1, company: 1, phone: 1, email: 1, property_types: 1, price_range: 1, preferred_locations: 1, funding_type: 1,
  experience_level: 1, credit_score: 1, proof_of_funds: 1, is_active: 1, is_verified: 1,
  tags: 1, total_deals: 1, last_contacted: 1, created_at: 1, search_keys: 1,
} as const;

export type BuyerSourceDoc = Record<string, any> & { _id: unknown };

const time = (d: unknown) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.getTime() : undefined);
const text = (s: unknown) => (typeof s === "string" ? s : undefined);
const num = (n: unknown) => (typeof n === "number" && Number.isFinite(n) ? n : undefined);
const bool = (b: unknown) => (typeof b === "boolean" ? b : undefined);
const strings = (xs: unknown) => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === "string") : []);

export function toBuyerIndexRow(doc: BuyerSourceDoc, rev: number): BuyerIndexRow {
  const row: BuyerIndexRow = {
    _id: String(doc._id),
    name: doc.name ?? "",
    company: text(doc.company),
    phone: text(doc.phone),
    email: text(doc.email),
    types: strings(doc.property_types),
    price_min: num(doc.price_range?.min),
    price_max: num(doc.price_range?.max),
    locations: strings(doc.preferred_locations),
    funding: text(doc.funding_type),
    experience: text(doc.experience_level),
    credit: text(doc.credit_score),
    pof_file: text(doc.proof_of_funds?.file_id),
    pof_expires: time(doc.proof_of_funds?.expires_at),
    active: bool(doc.is_active),
    verified: bool(doc.is_verified),
    tags: strings(doc.tags),
    deals: num(doc.total_deals),
    last_contacted: time(doc.last_contacted),
    created_at: time(doc.created_at),
    search_keys: strings(doc.search_keys),
    rev,
  };
  // Undefined members would only cost memory and JSON bytes.
  for (const key of Object.keys(row) as (keyof BuyerIndexRow)[]) if (row[key] === undefined) delete row[key];
  return row;
}

/** A row parsed from JSON, rebuilt with every field in one fixed order (one hidden class for all rows). */
export function shapeBuyerRow(r: BuyerIndexRow): BuyerIndexRow {
  return {
    _id: r._id,
    name: r.name,
    company: r.company,
    phone: r.phone,
    email: r.email,
    types: r.types ?? [],
    price_min: r.price_min,
    price_max: r.price_max,
    locations: r.locations ?? [],
    funding: r.funding,
    experience: r.experience,
    credit: r.credit,
    pof_file: r.pof_file,
    pof_expires: r.pof_expires,
    active: r.active,
    verified: r.verified,
    tags: r.tags ?? [],
    deals: r.deals,
    last_contacted: r.last_contacted,
    created_at: r.created_at,
    search_keys: r.search_keys ?? [],
    rev: r.rev ?? 0,
  };
}

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

/** Back to the stored shape the list's row (toBuyerRow) is made from, for the page's rows only. */
export function fromBuyerIndexRow(row: BuyerIndexRow): Record<string, any> {
  return {
    _id: row._id,
    name: row.name,
    company: row.company,
    phone: row.phone,
    email: row.email,
    property_types: row.types,
    price_range: row.price_min === undefined && row.price_max === undefined ? undefined : { min: row.price_min, max: row.price_max },
    preferred_locations: row.locations,
    funding_type: row.funding,
    experience_level: row.experience,
    credit_score: row.credit,
    proof_of_funds: row.pof_file === undefined && row.pof_expires === undefined ? undefined : { file_id: row.pof_file, expires_at: date(row.pof_expires) },
    is_active: row.active,
    is_verified: row.verified,
    tags: row.tags,
    total_deals: row.deals,
    last_contacted: date(row.last_contacted),
    created_at: date(row.created_at),
  };
}

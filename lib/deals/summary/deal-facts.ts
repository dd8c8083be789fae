// The compact facts the deal summary keeps per deal and per message to a buyer, and their
// conversion from and to the documents the dashboard and the list compute with. The database
// path goes through the same conversion, so both answer from the same values.
import type { DealStatus } from "@/models/deal-enums";

/** The deal fields the dashboard, the list and the board use: one projection for both reads. */
export const DEAL_FACT_PROJECTION = {
  lead_id: 1,
  buyer_id: 1,
  status: 1,
  deal_type: 1,
  "property_address.street": 1,
  "property_address.city": 1,
  "property_address.state": 1,
  "property_address.zip_code": 1,
  "property_address.full_address": 1,
  "financials.purchase_price": 1,
  "financials.assignment_fee": 1,
  "financials.profit": 1,
  "financials.roi": 1,
  "timeline.contract_date": 1,
  "timeline.closing_date": 1,
  created_at: 1,
  updated_at: 1,
} as const;

type Id = { toString(): string };

/** A deal as read with DEAL_FACT_PROJECTION (lean). */
export type DealSourceDoc = {
  _id: Id;
  lead_id?: Id | null;
  buyer_id?: Id | null;
  status: string;
  deal_type?: string | null;
  property_address?: { street?: string | null; city?: string | null; state?: string | null; zip_code?: string | null; full_address?: string | null } | null;
  financials?: { purchase_price?: number | null; assignment_fee?: number | null; profit?: number | null; roi?: number | null } | null;
  timeline?: { contract_date?: Date | null; closing_date?: Date | null } | null;
  created_at?: Date | null;
  updated_at?: Date | null;
};

/** What the dashboard and the list compute with: ids as strings, dates as Dates, absent as undefined. */
export type DealDoc = {
  _id: string;
  lead_id?: string;
  buyer_id?: string;
  status: DealStatus;
  deal_type?: string;
  property_address?: { street?: string; city?: string; state?: string; zip_code?: string; full_address?: string };
  financials?: { purchase_price?: number; assignment_fee?: number; profit?: number; roi?: number };
  timeline?: { contract_date?: Date; closing_date?: Date };
  created_at?: Date;
  updated_at?: Date;
};

/** One deal in the summary: short keys, dates as epoch milliseconds, `rev` = revision it was read at. */
export type DealFact = {
  i: string;
  rev: number;
  l?: string;
  b?: string;
  s: string;
  t?: string;
  a?: { st?: string; ci?: string; sa?: string; z?: string; fa?: string };
  m?: { pp?: number; af?: number; p?: number; r?: number };
  cd?: number;
  kd?: number;
  ca?: number;
  ua?: number;
};

const str = (v: unknown) => (v === null || v === undefined || v === "" ? undefined : String(v));
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : v ? new Date(v as string).getTime() : undefined);
const date = (v: number | undefined) => (v === undefined ? undefined : new Date(v));

function compact<T extends Record<string, unknown>>(o: T): T | undefined {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return Object.keys(o).length ? o : undefined;
}

export function toDealFact(d: DealSourceDoc, rev: number): DealFact {
  const a = d.property_address ?? {};
  const f = d.financials ?? {};
  return compact({
    i: String(d._id),
    rev,
    l: str(d.lead_id),
    b: str(d.buyer_id),
    s: String(d.status),
    t: str(d.deal_type),
    a: compact({ st: str(a.street), ci: str(a.city), sa: str(a.state), z: str(a.zip_code), fa: str(a.full_address) }),
    m: compact({ pp: num(f.purchase_price), af: num(f.assignment_fee), p: num(f.profit), r: num(f.roi) }),
    cd: ms(d.timeline?.contract_date),
    kd: ms(d.timeline?.closing_date),
    ca: ms(d.created_at),
    ua: ms(d.updated_at),
  }) as DealFact;
}

export function fromDealFact(f: DealFact): DealDoc {
  return {
    _id: f.i,
    lead_id: f.l,
    buyer_id: f.b,
    status: f.s as DealStatus,
    deal_type: f.t,
    property_address: f.a && { street: f.a.st, city: f.a.ci, state: f.a.sa, zip_code: f.a.z, full_address: f.a.fa },
    financials: f.m && { purchase_price: f.m.pp, assignment_fee: f.m.af, profit: f.m.p, roi: f.m.r },
    timeline: { contract_date: date(f.cd), closing_date: date(f.kd) },
    created_at: date(f.ca),
    updated_at: date(f.ua),
  };
}

/** Messages that never went out do not count as contact. */
export const NOT_CONTACT = ["scheduled", "canceled", "failed", "undelivered"];

/** The messages that count as contacting a buyer, as a filter (with a created_at range added). */
export const CONTACT_FILTER = { recipient_type: "buyer", direction: "outbound", status: { $nin: NOT_CONTACT } };

export const CONTACT_PROJECTION = { recipient_type: 1, recipient_id: 1, direction: 1, status: 1, created_at: 1 } as const;

export type MessageSourceDoc = { _id: Id; recipient_type?: string; recipient_id?: Id; direction?: string; status?: string | null; created_at?: Date | null };

/** One message that contacted a buyer: the buyer and when (epoch ms). */
export type ContactFact = { b: string; at: number };

/** The message as a contact, or null when it does not count (CONTACT_FILTER in TypeScript). */
export function toContactFact(m: MessageSourceDoc): ContactFact | null {
  if (m.recipient_type !== "buyer" || m.direction !== "outbound" || !m.recipient_id || !m.created_at) return null;
  if (m.status && NOT_CONTACT.includes(m.status)) return null;
  return { b: String(m.recipient_id), at: new Date(m.created_at).getTime() };
}

export const BUYER_NAME_PROJECTION = { name: 1, company: 1 } as const;

/** How a deal row names its buyer: "Name (Company)", or the name. */
export function buyerDisplayName(b: { name?: string | null; company?: string | null }): string {
  return b.company ? `${b.name} (${b.company})` : (b.name ?? "A buyer");
}

// A buyer's history with us, from rows read in bulk: closed deals and the messages between us.
// Pure: find-candidates.ts reads the rows, this folds them per buyer.
import { locationKeysOfAddress, type AddressParts } from "@/lib/buyers/locations";
import type { BuyerHistory, ClosedDeal } from "./types";

export interface ClosedDealRow {
  buyer_id?: unknown;
  property_address?: AddressParts | null;
  property_details?: { type?: string | null } | null;
  financials?: { sale_price?: number | null; purchase_price?: number | null; assignment_fee?: number | null } | null;
  timeline?: { closing_date?: Date | null } | null;
  updated_at?: Date | null;
}

export interface MessageRow {
  recipient_id?: unknown;
  direction?: string | null;
  status?: string | null;
  sent_at?: Date | null;
  created_at?: Date | null;
}

/** What the buyer paid: the sale price, else the contract price plus the assignment fee. */
export function pricePaidByBuyer(f: ClosedDealRow["financials"]): number | null {
  if (!f) return null;
  if (typeof f.sale_price === "number" && f.sale_price > 0) return f.sale_price;
  if (typeof f.purchase_price === "number" && f.purchase_price > 0) return f.purchase_price + (typeof f.assignment_fee === "number" ? f.assignment_fee : 0);
  return null;
}

export function closedDealOfRow(row: ClosedDealRow): ClosedDeal {
  return {
    locationKeys: locationKeysOfAddress(row.property_address),
    propertyType: row.property_details?.type ?? null,
    price: pricePaidByBuyer(row.financials),
    closedAt: row.timeline?.closing_date ?? row.updated_at ?? null,
  };
}

// Messages that never reached anyone say nothing about how the buyer answers.
const NOT_DELIVERED = new Set(["failed", "scheduled", "queued"]);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Folds deals and messages into one history per buyer id. A reply answers our latest message
 * before it (several messages in a row get one answer); its delay is counted from that message.
 */
export function buildHistories(deals: ClosedDealRow[], messages: MessageRow[]): Map<string, BuyerHistory> {
  const out = new Map<string, BuyerHistory>();
  const get = (id: string) => {
    let h = out.get(id);
    if (!h) out.set(id, (h = { closedDeals: [], outbound: 0, answered: 0, medianResponseMinutes: null, lastContactAt: null }));
    return h;
  };
  for (const d of deals) if (d.buyer_id != null) get(String(d.buyer_id)).closedDeals.push(closedDealOfRow(d));

  const byBuyer = new Map<string, { at: number; inbound: boolean }[]>();
  for (const m of messages) {
    if (m.recipient_id == null || (m.status && NOT_DELIVERED.has(m.status))) continue;
    const at = (m.sent_at ?? m.created_at)?.getTime();
    if (at === undefined || Number.isNaN(at)) continue;
    const id = String(m.recipient_id);
    let list = byBuyer.get(id);
    if (!list) byBuyer.set(id, (list = []));
    list.push({ at, inbound: m.direction === "inbound" });
  }
  for (const [id, list] of byBuyer) {
    list.sort((a, b) => a.at - b.at || Number(a.inbound) - Number(b.inbound));
    const h = get(id);
    const delays: number[] = [];
    let waitingSince: number | null = null;
    for (const e of list) {
      if (!e.inbound) {
        h.outbound++;
        waitingSince = e.at;
      } else if (waitingSince !== null) {
        h.answered++;
        delays.push((e.at - waitingSince) / 60_000);
        waitingSince = null;
      }
    }
    h.medianResponseMinutes = median(delays);
    h.lastContactAt = new Date(list[list.length - 1].at);
  }
  return out;
}

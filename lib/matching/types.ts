// Plain shapes the pure matching code works on: no Mongoose, no I/O. The data layer
// (find-candidates.ts, match-buyers.ts) turns documents into these.
import type { LocationKind } from "@/lib/buyers/locations";

/** A property to place: a deal, or a lead with a price. */
export interface MatchProperty {
  /** From locationKeysOfAddress: most precise first. */
  locationKeys: string[];
  propertyType?: string | null;
  /** What a buyer would pay: the deal's sale price, its contract price (+ assignment fee), or the lead's asking price. */
  price?: number | null;
  /** Which one `price` is, for the chip: "sale price", "contract price", "asking price". */
  priceLabel?: string;
  arv?: number | null;
}

export interface BuyerBox {
  id: string;
  name: string;
  company?: string | null;
  is_active?: boolean | null;
  is_verified?: boolean | null;
  property_types?: string[] | null;
  price_range?: { min?: number | null; max?: number | null } | null;
  preferred_locations?: string[] | null;
  funding_type?: string | null;
  proof_of_funds?: { expires_at?: Date | string | null; file_id?: string | null; file_name?: string | null } | null;
  last_contacted?: Date | string | null;
}

/** A deal the buyer closed with us. */
export interface ClosedDeal {
  locationKeys: string[];
  propertyType?: string | null;
  price?: number | null;
  closedAt?: Date | null;
}

/** What we know of a buyer from our own records (deals and communications). */
export interface BuyerHistory {
  closedDeals: ClosedDeal[];
  /** Our outbound messages and calls to them, and how many got an answer. */
  outbound: number;
  answered: number;
  /** Median minutes from our message to their reply, over the answered ones. */
  medianResponseMinutes?: number | null;
  /** Latest contact either way (communications or buyer.last_contacted). */
  lastContactAt?: Date | null;
}

export const EMPTY_HISTORY: BuyerHistory = { closedDeals: [], outbound: 0, answered: 0 };

export type ReasonTone = "good" | "partial" | "none";

/** One chip: why some points were given (or not). */
export interface MatchReason {
  code: "location" | "price" | "arv" | "type" | "funding" | "proof_of_funds" | "track_record" | "responsiveness" | "recency";
  label: string;
  points: number;
  max: number;
  tone: ReasonTone;
}

export type LocationPrecision = LocationKind;

export interface BuyerMatch {
  buyerId: string;
  name: string;
  company?: string | null;
  score: number;
  precision: LocationPrecision;
  reasons: MatchReason[];
}

export type MissCode = "inactive" | "type" | "price_below" | "price_above" | "location";

export interface HardMiss {
  buyerId: string;
  name: string;
  company?: string | null;
  misses: { code: MissCode; label: string }[];
}

export interface MatchOutcome {
  matches: BuyerMatch[];
  misses: HardMiss[];
}

// A deal or a lead as the property matching scores: its places, type, price and ARV. Pure.
import { locationKeysOfAddress, type AddressParts } from "@/lib/buyers/locations";
import type { MatchProperty } from "./types";

export interface DealForMatching {
  property_address?: (AddressParts & { full_address?: string | null; street?: string | null }) | null;
  property_details?: { type?: string | null } | null;
  financials?: { sale_price?: number | null; purchase_price?: number | null; assignment_fee?: number | null } | null;
  analysis?: { arv?: number | null } | null;
}

export interface LeadForMatching {
  address?: (AddressParts & { full_address?: string | null; street?: string | null }) | null;
  property_details?: { type?: string | null } | null;
  asking_price?: number | null;
  estimated_value?: number | null;
}

const positive = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n > 0;

/**
 * What a buyer pays for a deal: its sale price once agreed, else the contract price plus the
 * assignment fee (a wholesale buyer pays both). The ARV is the analyzer's, else the lead's value.
 */
export function propertyOfDeal(deal: DealForMatching, leadValue?: number | null): MatchProperty {
  const f = deal.financials ?? {};
  let price: number | null = null;
  let priceLabel = "price";
  if (positive(f.sale_price)) {
    price = f.sale_price;
    priceLabel = "sale price";
  } else if (positive(f.purchase_price)) {
    const fee = positive(f.assignment_fee) ? f.assignment_fee : 0;
    price = f.purchase_price + fee;
    priceLabel = fee ? "contract price + fee" : "contract price";
  }
  return {
    locationKeys: locationKeysOfAddress(deal.property_address),
    propertyType: deal.property_details?.type ?? null,
    price,
    priceLabel,
    arv: positive(deal.analysis?.arv) ? deal.analysis!.arv! : positive(leadValue) ? leadValue : null,
  };
}

export function propertyOfLead(lead: LeadForMatching): MatchProperty {
  return {
    locationKeys: locationKeysOfAddress(lead.address),
    propertyType: lead.property_details?.type ?? null,
    price: positive(lead.asking_price) ? lead.asking_price : null,
    priceLabel: "asking price",
    arv: positive(lead.estimated_value) ? lead.estimated_value : null,
  };
}

/** One line for a property: its full address, else city and state. */
export function addressLine(a: { full_address?: string | null; street?: string | null; city?: string | null; state?: string | null } | null | undefined): string {
  if (!a) return "Address not given";
  if (a.full_address) return a.full_address;
  const parts = [a.street, [a.city, a.state].filter(Boolean).join(", ")].filter(Boolean);
  return parts.length ? parts.join(", ") : "Address not given";
}

// One buyer as the list shows it: plain JSON for the client.
export type BuyerRow = {
  id: string;
  name: string;
  company?: string;
  phone?: string;
  email?: string;
  types: string[];
  priceMin?: number;
  priceMax?: number;
  locations: string[];
  funding?: string;
  experience?: string;
  credit?: string;
  /** Proof of funds: none on file, valid, or expired (as of the read). */
  pof: "none" | "valid" | "expired";
  pofExpires?: string;
  active: boolean;
  verified: boolean;
  tags: string[];
  deals: number;
  lastContacted?: string;
  created?: string;
};

export const BUYER_ROW_PROJECTION = {
  name: 1, company: 1, phone: 1, email: 1, property_types: 1, price_range: 1, preferred_locations: 1, funding_type: 1,
  experience_level: 1, credit_score: 1, proof_of_funds: 1, is_active: 1, is_verified: 1, tags: 1, total_deals: 1,
  last_contacted: 1, created_at: 1,
} as const;

type Source = Record<string, any>;

export function toBuyerRow(d: Source, now: Date = new Date()): BuyerRow {
  const expires: Date | undefined = d.proof_of_funds?.expires_at ?? undefined;
  const hasPof = Boolean(d.proof_of_funds?.file_id);
  return {
    id: String(d._id),
    name: d.name ?? "",
    company: d.company || undefined,
    phone: d.phone || undefined,
    email: d.email || undefined,
    types: d.property_types ?? [],
    priceMin: d.price_range?.min ?? undefined,
    priceMax: d.price_range?.max ?? undefined,
    locations: d.preferred_locations ?? [],
    funding: d.funding_type || undefined,
    experience: d.experience_level || undefined,
    credit: d.credit_score || undefined,
    pof: !hasPof ? "none" : expires && expires > now ? "valid" : "expired",
    pofExpires: expires ? new Date(expires).toISOString() : undefined,
    active: d.is_active !== false,
    verified: d.is_verified === true,
    tags: d.tags ?? [],
    deals: d.total_deals ?? 0,
    lastContacted: d.last_contacted ? new Date(d.last_contacted).toISOString() : undefined,
    created: d.created_at ? new Date(d.created_at).toISOString() : undefined,
  };
}

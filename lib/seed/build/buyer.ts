// Cash buyers on the disposition list: who they are, what they buy, where, and for how much.
import { addMs, DAY, HOUR } from "../clock";
import type { Doc, TenantSeedContext } from "../context";
import { COMPANY_KINDS, COMPANY_WORDS } from "../data/people";
import type { City } from "../data/places";
import { deriveBuyer } from "../derive";
import { parseLocation, placeSlug } from "@/lib/buyers/locations";
import { createRng, hashSeed, roundPrice } from "../random";
import { SEED } from "../seed-constants";
import { cityWeights, dollars, emailFor, person, uniquePhone } from "./fake";

const BUYER_NOTES = [
  "Prefers texts over calls.",
  "Only buys with clean title.",
  "Wants photos before a walkthrough.",
  "Closes fast; has bought from us before.",
  "Needs 48 hours to check comps.",
  "Will not touch foundation issues.",
] as const;

export type BuyerDraft = { doc: Doc; city: City; locations: string[]; active: boolean; label: string };

const BUYER_TAGS = ["vip", "fast closer", "landlord", "flipper", "out of state", "referral"] as const;

/** A buyer's stated locations as location keys: their cities, now and then one ZIP, the county or the whole state instead. */
function seedLocationKeys(rng: ReturnType<typeof createRng>, city: City, labels: string[]): string[] {
  const keys = labels.map((l) => {
    const parsed = parseLocation(l);
    if (!parsed.ok) throw new Error(`seed location ${l}: ${parsed.error}`);
    return parsed.location.key;
  });
  const roll = rng.next();
  if (roll < 0.2) keys.push(`zip:${rng.pick(city.zips)}`);
  else if (roll < 0.3) keys.push(`county:${city.state.toLowerCase()}:${placeSlug(city.county)}`);
  else if (roll < 0.35) keys.splice(0, keys.length, `state:${city.state.toLowerCase()}`);
  return [...new Set(keys)];
}

export const cityLabel = (c: { city: string; state: string }) => `${c.city}, ${c.state}`;

export function buildBuyer(ctx: TenantSeedContext, i: number): BuyerDraft {
  const rng = createRng(hashSeed(SEED, ctx.key, "buyer", i));
  const city = rng.weighted(cityWeights(ctx.cities));
  const who = person(rng);
  const company = rng.chance(0.7) ? `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)}` : undefined;
  const slug = company?.toLowerCase().replace(/[^a-z0-9]+/g, "");
  const types = ["single_family", "multi_family", "townhouse", "condo", "mobile_home", "land"].filter((_, k) =>
    rng.chance([0.85, 0.3, 0.15, 0.1, 0.08, 0.08][k]),
  );
  const property_types = types.length ? types : ["single_family"];
  const min = roundPrice(city.value * (0.2 + rng.next() * 0.3));
  const max = roundPrice(city.value * (0.7 + rng.next() * 0.8));
  const sameState = ctx.cities.filter((c) => c.state === city.state && c !== city);
  const locations = [cityLabel(city), ...rng.sample(sameState, rng.int(0, 2)).map(cityLabel)];
  const funding_type = rng.weighted([["cash", 55], ["hard_money", 20], ["private_money", 17], ["conventional", 8]] as const);
  const experience_level = rng.weighted([["beginner", 20], ["intermediate", 45], ["advanced", 35]] as const);
  const closeDays = funding_type === "cash" ? rng.int(7, 14) : rng.int(14, 30);
  const created = addMs(ctx.base, -rng.int(20, 700) * DAY + rng.int(14, 22) * HOUR);
  const active = rng.chance(0.88);
  const doc: Doc = deriveBuyer({
    _id: ctx.id("buyers")(created),
    tenant_id: ctx.tenantId,
    name: who.name,
    phone: uniquePhone(rng, city.areaCodes, ctx.phones),
    email: rng.chance(0.9) ? emailFor(rng, who) : undefined,
    company,
    website: slug && rng.chance(0.5) ? `https://www.${slug}.example.com` : undefined,
    property_types,
    price_range: { min, max },
    preferred_locations: [] as string[],
    investment_criteria: `Buys ${property_types.join(", ").replaceAll("_", " ")} in ${locations.join("; ")} from ${dollars(min)} to ${dollars(max)}. ${rng.pick(["Light rehab only.", "Any condition.", "Full guts welcome.", "Rentals with tenants in place preferred."])} Closes in ${closeDays} days.`,
    funding_type,
    credit_score: rng.chance(0.8) ? rng.weighted([["excellent", 30], ["good", 40], ["fair", 22], ["poor", 8]] as const) : undefined,
    experience_level,
    notes: rng.chance(0.3) ? rng.pick(BUYER_NOTES) : undefined,
    total_deals: 0,
    total_investment: 0,
    average_deal_size: 0,
    is_active: active,
    is_verified: rng.chance(0.55),
    communication_count: 0,
    custom_fields: rng.chance(0.3) ? { proof_of_funds: rng.chance(0.7), max_rehab_budget: roundPrice(city.value * (0.1 + rng.next() * 0.3)) } : undefined,
    search_keys: [] as string[],
    created_at: created,
    updated_at: created,
  });
  // Drawn after everything above, so the rest of the buyer is as it was before these existed.
  doc.preferred_locations = seedLocationKeys(rng, city, locations);
  doc.tags = rng.sample(BUYER_TAGS, rng.int(0, 2));
  if (rng.chance(0.45)) {
    const uploaded = addMs(created, rng.int(1, 15) * DAY);
    // About a third of them have run out: a proof of funds is good for 90 days.
    const expires = rng.chance(0.35) ? addMs(ctx.base, -rng.int(3, 120) * DAY) : addMs(ctx.base, rng.int(10, 180) * DAY);
    doc.proof_of_funds = { file_name: `${(company ?? who.name).replace(/[^A-Za-z0-9]+/g, "-")}-proof-of-funds.pdf`, content_type: "application/pdf", size: rng.int(80_000, 900_000), uploaded_at: uploaded < expires ? uploaded : addMs(expires, -30 * DAY), expires_at: expires, file_id: `seed-${i}` };
  }
  return { doc, city, locations, active, label: company ?? who.name };
}

// Realistic-looking people, phone numbers, addresses and houses, drawn from a seeded PRNG.
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES } from "../data/people";
import { STREET_DIRECTIONS, STREET_NAMES, STREET_SUFFIXES, type City } from "../data/places";
import { roundPrice, type Rng } from "../random";

export type Person = { first: string; last: string; name: string };

export function person(rng: Rng): Person {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  return { first, last, name: `${first} ${last}` };
}

export function emailFor(rng: Rng, p: Person): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const local = rng.weighted([
    [`${clean(p.first)}.${clean(p.last)}`, 4],
    [`${clean(p.first)}${clean(p.last)}${rng.int(1, 99)}`, 3],
    [`${clean(p.first)[0]}${clean(p.last)}${rng.int(60, 99)}`, 2],
  ]);
  return `${local}@${rng.pick(EMAIL_DOMAINS)}`;
}

/**
 * A North American number in E.164 with one of the city's area codes, never handed out twice in
 * a company. Exchanges skip N11 service codes and 555.
 */
export function uniquePhone(rng: Rng, areaCodes: readonly string[], taken: Set<string>): string {
  for (;;) {
    const exchange = String(rng.int(200, 999));
    if (exchange.endsWith("11") || exchange === "555") continue;
    const phone = `+1${rng.pick(areaCodes)}${exchange}${String(rng.int(0, 9999)).padStart(4, "0")}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

export type Address = { street: string; city: string; state: string; zip_code: string; county: string };

/** A street address in the city, unique per company by street + ZIP. */
export function uniqueAddress(rng: Rng, city: City, taken: Set<string>): Address {
  for (;;) {
    const zip = rng.pick(city.zips);
    const direction = rng.chance(city.state === "AZ" ? 0.6 : 0.12) ? `${rng.pick(STREET_DIRECTIONS)} ` : "";
    const street = `${rng.int(100, 9899)} ${direction}${rng.pick(STREET_NAMES)} ${rng.weighted(STREET_SUFFIXES)}`;
    const key = `${street}|${zip}`;
    if (!taken.has(key)) {
      taken.add(key);
      return { street, city: city.city, state: city.state, zip_code: zip, county: `${city.county} County` };
    }
  }
}

export type PropertyDetails = {
  type: string;
  bedrooms?: number;
  bathrooms?: number;
  square_feet?: number;
  lot_size?: number;
  year_built?: number;
};

/** A house and how it compares with the city's typical one (scales its value). */
export function propertyDetails(rng: Rng): { details: PropertyDetails; sizeFactor: number } {
  const type = rng.weighted([
    ["single_family", 78], ["multi_family", 7], ["townhouse", 4], ["condo", 3], ["mobile_home", 4], ["land", 4],
  ] as const);
  // Lot sizes are in square feet.
  if (type === "land") return { details: { type, lot_size: rng.int(40, 400) * 100 }, sizeFactor: 0.25 };
  const bedrooms = type === "multi_family" ? rng.int(4, 8) : rng.weighted([[2, 18], [3, 52], [4, 24], [5, 6]] as const);
  const bathrooms = Math.min(bedrooms, rng.weighted([[1, 30], [1.5, 15], [2, 35], [2.5, 12], [3, 8]] as const));
  const square_feet = Math.round((bedrooms * 420 + rng.int(-150, 450)) / 10) * 10;
  const year_built = rng.weighted([[rng.int(1920, 1949), 12], [rng.int(1950, 1979), 38], [rng.int(1980, 1999), 30], [rng.int(2000, 2018), 20]]);
  const lot_size = type === "condo" ? undefined : rng.int(35, 140) * 100;
  const base = type === "mobile_home" ? 0.45 : type === "condo" ? 0.7 : type === "multi_family" ? 1.5 : 1;
  return { details: { type, bedrooms, bathrooms, square_feet, lot_size, year_built }, sizeFactor: base * (square_feet / 1400) ** 0.6 };
}

export function estimatedValue(rng: Rng, city: City, sizeFactor: number): number {
  return roundPrice(city.value * sizeFactor * (0.7 + rng.next() * 0.6));
}

export function dollars(n: number): string {
  return `$${n.toLocaleString("en-US")}`;
}

export function cityWeights(cities: readonly City[]): [City, number][] {
  return cities.map((c) => [c, c.weight]);
}

// The "learned buy box": what a buyer's closed deals say about them, where it contradicts what
// they told us (they say Dallas at $150,000–$300,000 and closed four in Fort Worth at
// $90,000–$120,000). Pure; learn-buy-box.ts reads the deals and applies a widening.
import { kindOfLocationKey, labelOfLocationKey } from "@/lib/buyers/locations";
import { money } from "./score";
import type { BuyerBox, ClosedDeal } from "./types";

/** How many closed deals must disagree before we say so: one deal is an exception, two a habit. */
export const LEARN_THRESHOLD = 2;
const ROUND_TO = 5_000;

export interface LearnedFinding {
  code: "locations" | "price" | "types";
  message: string;
}

export interface BoxWidening {
  add_locations: string[];
  add_types: string[];
  price_range?: { min?: number; max?: number };
}

export interface LearnedBox {
  closedDeals: number;
  findings: LearnedFinding[];
  /** What to add to the box to cover those deals; undefined when the box already covers them. */
  widening?: BoxWidening;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The most telling key of a deal's place: its city, else its county, else its ZIP. */
function placeKeyOf(deal: ClosedDeal): string | undefined {
  for (const kind of ["city", "county", "zip"] as const) {
    const key = deal.locationKeys.find((k) => kindOfLocationKey(k) === kind);
    if (key) return key;
  }
  return undefined;
}

function countBy<T>(items: T[], key: (t: T) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) {
    const k = key(i);
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function frequent(counts: Map<string, number>): string[] {
  return [...counts.entries()]
    .filter(([, n]) => n >= LEARN_THRESHOLD)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k);
}

export function learnBuyBox(buyer: BuyerBox, deals: ClosedDeal[]): LearnedBox {
  const findings: LearnedFinding[] = [];
  const widening: BoxWidening = { add_locations: [], add_types: [] };

  const wanted = buyer.preferred_locations ?? [];
  if (wanted.length) {
    const outside = deals.filter((d) => !d.locationKeys.some((k) => wanted.includes(k)));
    const places = countBy(outside, placeKeyOf);
    const add = frequent(places);
    if (add.length) {
      widening.add_locations = add;
      const where = add.map((k) => `${places.get(k)} in ${labelOfLocationKey(k)}`).join(", ");
      findings.push({
        code: "locations",
        message: `They say ${wanted.map(labelOfLocationKey).join("; ")}, and closed ${where} with us.`,
      });
    }
  }

  const types = buyer.property_types ?? [];
  if (types.length) {
    const other = countBy(deals, (d) => (d.propertyType && !types.includes(d.propertyType) ? d.propertyType : undefined));
    const add = frequent(other);
    if (add.length) {
      widening.add_types = add;
      findings.push({
        code: "types",
        message: `They list ${types.map((t) => t.replaceAll("_", " ")).join(", ")}, and closed ${add.map((t) => `${other.get(t)} ${t.replaceAll("_", " ")}`).join(", ")}.`,
      });
    }
  }

  const { min, max } = buyer.price_range ?? {};
  const prices = deals.map((d) => d.price).filter((p): p is number => typeof p === "number" && p > 0);
  const below = typeof min === "number" ? prices.filter((p) => p < min) : [];
  const above = typeof max === "number" ? prices.filter((p) => p > max) : [];
  if (below.length >= LEARN_THRESHOLD || above.length >= LEARN_THRESHOLD) {
    const range: { min?: number; max?: number } = {};
    const parts: string[] = [];
    if (below.length >= LEARN_THRESHOLD) {
      range.min = Math.floor(Math.min(...below) / ROUND_TO) * ROUND_TO;
      parts.push(`${plural(below.length, "deal")} at ${money(Math.min(...below))}–${money(Math.max(...below))}, under their minimum`);
    }
    if (above.length >= LEARN_THRESHOLD) {
      range.max = Math.ceil(Math.max(...above) / ROUND_TO) * ROUND_TO;
      parts.push(`${plural(above.length, "deal")} at ${money(Math.min(...above))}–${money(Math.max(...above))}, over their maximum`);
    }
    widening.price_range = range;
    const stated = `${typeof min === "number" ? money(min) : "any"}–${typeof max === "number" ? money(max) : "any"}`;
    findings.push({ code: "price", message: `They say ${stated}, and closed ${parts.join(" and ")}.` });
  }

  const widens = widening.add_locations.length > 0 || widening.add_types.length > 0 || widening.price_range !== undefined;
  return { closedDeals: deals.length, findings, widening: widens ? widening : undefined };
}

/** The box after a widening: locations and types added, the range stretched (never narrowed). */
export function widenedBox(buyer: BuyerBox, w: BoxWidening): { preferred_locations: string[]; property_types: string[]; price_range: { min?: number; max?: number } } {
  const locations = [...(buyer.preferred_locations ?? [])];
  for (const k of w.add_locations) if (!locations.includes(k)) locations.push(k);
  const types = [...(buyer.property_types ?? [])];
  for (const t of w.add_types) if (!types.includes(t)) types.push(t);
  const cur = buyer.price_range ?? {};
  const min = w.price_range?.min !== undefined && (typeof cur.min !== "number" || w.price_range.min < cur.min) ? w.price_range.min : (cur.min ?? undefined);
  const max = w.price_range?.max !== undefined && (typeof cur.max !== "number" || w.price_range.max > cur.max) ? w.price_range.max : (cur.max ?? undefined);
  return { preferred_locations: locations, property_types: types, price_range: { min, max } };
}

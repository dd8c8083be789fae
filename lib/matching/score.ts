// How well one buyer's box fits one property, 0–100, every point with its reason. Pure: the
// same inputs (and the same `now`) always give the same answer. docs/matching.md explains it.
import { ANYWHERE_KEY, kindOfLocationKey, type LocationKind } from "@/lib/buyers/locations";
import type {
  BuyerBox,
  BuyerHistory,
  BuyerMatch,
  ClosedDeal,
  HardMiss,
  LocationPrecision,
  MatchOutcome,
  MatchProperty,
  MatchReason,
  MissCode,
} from "./types";

/** The most each part of the score can give; they add up to 100. */
export const MAX_POINTS = {
  location: 30,
  price: 20,
  arv: 5,
  type: 10,
  funding: 7,
  proof_of_funds: 8,
  track_record: 10,
  responsiveness: 5,
  recency: 5,
} as const;

const LOCATION_POINTS: Record<LocationKind, number> = { zip: 30, city: 24, county: 18, state: 10, anywhere: 6 };
const PRECISION_RANK: Record<LocationKind, number> = { zip: 4, city: 3, county: 2, state: 1, anywhere: 0 };
const FUNDING_POINTS: Record<string, number> = { cash: 7, private_money: 5, hard_money: 4, conventional: 2 };
const FUNDING_LABELS: Record<string, string> = { cash: "Cash", private_money: "Private money", hard_money: "Hard money", conventional: "Conventional" };
const DAY_MS = 86_400_000;

// One formatter: toLocaleString builds a new one per call, which showed in a 1,000-buyer ranking.
// Even so, formatting was a third of a ranking's time (docs/benchmarks.md, "Matching"): prices
// repeat (the property's own in every chip, boxes in round figures), so each is formatted once.
const DOLLARS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const MONEY_MEMO = new Map<number, string>();
export function money(n: number): string {
  let text = MONEY_MEMO.get(n);
  if (text === undefined) {
    if (MONEY_MEMO.size >= 10_000) MONEY_MEMO.clear();
    text = `$${DOLLARS.format(Math.round(n))}`;
    MONEY_MEMO.set(n, text);
  }
  return text;
}
const typeLabel = (t: string) => t.replaceAll("_", " ");
const dateLabel = (d: Date) => d.toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function toDate(v: Date | string | null | undefined): Date | undefined {
  if (v == null) return undefined;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

function reason(code: MatchReason["code"], points: number, label: string): MatchReason {
  const max = MAX_POINTS[code];
  return { code, label, points, max, tone: points >= max ? "good" : points > 0 ? "partial" : "none" };
}

/**
 * What scoring needs of one property, worked out once for all the buyers it is scored against
 * (a ranking scores a thousand or more): its keys with their kinds, the area and state the track
 * record counts in, and the texts every chip repeats.
 */
interface PreparedProperty {
  property: MatchProperty;
  /** The property's keys and "any", with a known kind, in order. */
  keys: { key: string; kind: LocationKind; rank: number; label?: string }[];
  area: Set<string>;
  state: string | undefined;
  what: string;
  What: string;
  priceText?: string;
  arvText?: string;
  labelOf: (key: string) => string;
}

function prepareProperty(property: MatchProperty, labelOf: (key: string) => string = (k) => k): PreparedProperty {
  const keys: PreparedProperty["keys"] = [];
  for (const key of [...property.locationKeys, ANYWHERE_KEY]) {
    const kind = kindOfLocationKey(key);
    if (kind) keys.push({ key, kind, rank: PRECISION_RANK[kind] });
  }
  const what = property.priceLabel ?? "price";
  return {
    property,
    keys,
    area: new Set(property.locationKeys.filter((k) => kindOfLocationKey(k) !== "state")),
    state: property.locationKeys.find((k) => kindOfLocationKey(k) === "state"),
    what,
    What: capitalise(what),
    priceText: finite(property.price) ? money(property.price) : undefined,
    arvText: finite(property.arv) ? money(property.arv) : undefined,
    labelOf,
  };
}

type PreparedKey = PreparedProperty["keys"][number];

/** The most precise of the property's keys that the buyer named; undefined when none. */
function precisionIn(p: PreparedProperty, buyer: BuyerBox): PreparedKey | undefined {
  const wanted = buyer.preferred_locations;
  if (!wanted || !wanted.length) return undefined;
  let best: PreparedKey | undefined;
  for (const k of p.keys) {
    if ((!best || k.rank > best.rank) && wanted.includes(k.key)) best = k;
  }
  return best;
}

/**
 * The most precise of the buyer's locations that the property is in ("anywhere" when they said
 * so); undefined when none is, or when they gave no location at all (we know nothing of them).
 */
export function locationPrecision(property: MatchProperty, buyer: BuyerBox): { precision: LocationPrecision; key?: string } | undefined {
  const found = precisionIn(prepareProperty(property), buyer);
  return found && { precision: found.kind, key: found.key };
}

/** Why a buyer cannot take this property at all: inactive, a type they do not buy, a price outside their range, not their area. */
export function hardMisses(property: MatchProperty, buyer: BuyerBox): { code: MissCode; label: string }[] {
  const p = prepareProperty(property);
  return missesOf(p, buyer, precisionIn(p, buyer));
}

function missesOf(p: PreparedProperty, buyer: BuyerBox, where: ReturnType<typeof precisionIn>): { code: MissCode; label: string }[] {
  const property = p.property;
  const misses: { code: MissCode; label: string }[] = [];
  if (buyer.is_active === false) misses.push({ code: "inactive", label: "Inactive buyer" });
  const types = buyer.property_types ?? [];
  if (property.propertyType && types.length > 0 && !types.includes(property.propertyType)) {
    misses.push({ code: "type", label: `Buys ${types.map(typeLabel).join(", ")}, not ${typeLabel(property.propertyType)}` });
  }
  const { min, max } = buyer.price_range ?? {};
  if (finite(property.price)) {
    if (finite(min) && property.price < min) misses.push({ code: "price_below", label: `${p.What} ${p.priceText} is below their ${money(min)} minimum` });
    if (finite(max) && property.price > max) misses.push({ code: "price_above", label: `${p.What} ${p.priceText} is above their ${money(max)} maximum` });
  }
  if (!where) {
    misses.push({ code: "location", label: (buyer.preferred_locations ?? []).length ? "Not in their preferred locations" : "No preferred locations given" });
  }
  return misses;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const PRECISION_WORDS = { zip: "ZIP", city: "city", county: "county", state: "state" } as const;

function locationReason(p: PreparedProperty, where: PreparedKey): MatchReason {
  const points = LOCATION_POINTS[where.kind];
  if (where.kind === "anywhere") return reason("location", points, "Buys anywhere");
  where.label ??= p.labelOf(where.key);
  return reason("location", points, `In their ${PRECISION_WORDS[where.kind]}: ${where.label}`);
}

function priceReason(p: PreparedProperty, buyer: BuyerBox): MatchReason {
  const property = p.property;
  const { min, max } = buyer.price_range ?? {};
  if (!finite(property.price)) return reason("price", 0, `No ${p.what} yet`);
  const What = p.What;
  const price = p.priceText!;
  if (!finite(min) && !finite(max)) return reason("price", 6, `${What} ${price}; they gave no price range`);
  if (!finite(min)) return reason("price", 16, `${What} ${price} under their ${money(max!)} maximum`);
  if (!finite(max)) return reason("price", 16, `${What} ${price} over their ${money(min)} minimum`);
  // At the very top of a box, the buyer is stretched: still a fit, but less of one.
  if (property.price > max - 0.05 * (max - min)) return reason("price", 14, `${What} ${price} at the top of their ${money(min)}–${money(max)} range`);
  return reason("price", MAX_POINTS.price, `${What} ${price} within their ${money(min)}–${money(max)} range`);
}

function arvReason(p: PreparedProperty, buyer: BuyerBox): MatchReason {
  const property = p.property;
  const { min, max } = buyer.price_range ?? {};
  if (!finite(property.arv)) return reason("arv", 0, "No ARV yet");
  const arv = p.arvText!;
  if (!finite(min) && !finite(max)) return reason("arv", 0, `ARV ${arv}; no range to compare`);
  if (finite(min) && property.arv < min) return reason("arv", 0, `ARV ${arv} below their minimum`);
  if (finite(max) && property.arv > max) return reason("arv", 2, `ARV ${arv} above their range`);
  return reason("arv", MAX_POINTS.arv, `ARV ${arv} within their range`);
}

function typeReason(p: PreparedProperty, buyer: BuyerBox): MatchReason {
  const property = p.property;
  const types = buyer.property_types ?? [];
  if (!property.propertyType) return reason("type", 3, "Property type not known");
  if (types.length === 0) return reason("type", 4, `${capitalise(typeLabel(property.propertyType))}; they gave no types`);
  return reason("type", MAX_POINTS.type, `Buys ${typeLabel(property.propertyType)}`);
}

function fundingReason(buyer: BuyerBox): MatchReason {
  const f = buyer.funding_type ?? "";
  if (!FUNDING_POINTS[f]) return reason("funding", 0, "Funding not known");
  return reason("funding", FUNDING_POINTS[f], FUNDING_LABELS[f]);
}

function proofOfFundsReason(buyer: BuyerBox, now: Date): MatchReason {
  const pof = buyer.proof_of_funds;
  const expires = toDate(pof?.expires_at);
  const onFile = !!pof && (!!pof.file_id || !!pof.file_name || !!expires);
  if (!onFile) return reason("proof_of_funds", 0, "No proof of funds");
  // An expired proof of funds counts for nothing.
  if (expires && expires.getTime() <= now.getTime()) return reason("proof_of_funds", 0, `Proof of funds expired ${dateLabel(expires)}`);
  if (!expires) return reason("proof_of_funds", 4, "Proof of funds without an expiry date");
  return reason("proof_of_funds", MAX_POINTS.proof_of_funds, `Proof of funds valid until ${dateLabel(expires)}`);
}

/** Closed deals with us: in this area (same ZIP, city or county) and type count most. */
export function trackRecordPoints(property: MatchProperty, deals: ClosedDeal[]): { points: number; label: string; inArea: number } {
  return trackRecordIn(prepareProperty(property), deals);
}

const NO_DEALS = { points: 0, label: "No deals closed with us yet", inArea: 0 };

function trackRecordIn(p: PreparedProperty, deals: ClosedDeal[]): { points: number; label: string; inArea: number } {
  if (!deals.length) return NO_DEALS;
  const property = p.property;
  const { area, state } = p;
  let points = 0;
  let areaAndType = 0;
  let areaOnly = 0;
  let stateAndType = 0;
  for (const d of deals) {
    const sameType = !!property.propertyType && d.propertyType === property.propertyType;
    const inArea = d.locationKeys.some((k) => area.has(k));
    const inState = !!state && d.locationKeys.includes(state);
    if (inArea && sameType) {
      areaAndType++;
      points += 5;
    } else if (inArea) {
      areaOnly++;
      points += 3;
    } else if (inState && sameType) {
      stateAndType++;
      points += 2;
    }
  }
  points = Math.min(points, MAX_POINTS.track_record);
  const parts: string[] = [];
  if (areaAndType) parts.push(`${plural(areaAndType, "deal")} closed here of this type`);
  if (areaOnly) parts.push(`${plural(areaOnly, "deal")} closed here`);
  if (stateAndType) parts.push(`${plural(stateAndType, "deal")} of this type in the state`);
  if (!parts.length) parts.push(deals.length ? `${plural(deals.length, "deal")} closed with us elsewhere` : "No deals closed with us yet");
  return { points, label: capitalise(parts.join("; ")), inArea: areaAndType + areaOnly };
}

function responsivenessReason(history: BuyerHistory): MatchReason {
  if (history.outbound === 0) return reason("responsiveness", 0, "Not messaged yet");
  if (history.answered === 0) return reason("responsiveness", 0, `No reply to our ${plural(history.outbound, "message")}`);
  const m = history.medianResponseMinutes;
  const rate = `${history.answered} of ${history.outbound} answered`;
  if (!finite(m)) return reason("responsiveness", 1, rate);
  if (m <= 60) return reason("responsiveness", 5, `Replies within an hour (${rate})`);
  if (m <= 24 * 60) return reason("responsiveness", 3, `Replies within a day (${rate})`);
  return reason("responsiveness", 1, `Replies in ${Math.round(m / 1440)} days (${rate})`);
}

function recencyReason(history: BuyerHistory, buyer: BuyerBox, now: Date): { reason: MatchReason; atMs?: number } {
  const ours = history.lastContactAt;
  const theirs = toDate(buyer.last_contacted);
  // The later of the two (NaN when either is an invalid date, as Math.max gives).
  const atMs = ours ? (theirs ? Math.max(ours.getTime(), theirs.getTime()) : ours.getTime()) : theirs?.getTime();
  if (atMs === undefined) return { reason: reason("recency", 0, "Never contacted") };
  const days = Math.max(0, Math.floor((now.getTime() - new Date(atMs).getTime()) / DAY_MS));
  const when = days === 0 ? "today" : `${plural(days, "day")} ago`;
  const points = days <= 30 ? 5 : days <= 90 ? 3 : days <= 365 ? 1 : 0;
  return { reason: reason("recency", points, `Last contact ${when}`), atMs };
}

export type Evaluation =
  | { fits: true; match: BuyerMatch; sortKeys: SortKeys }
  | { fits: false; miss: HardMiss; outOfArea: boolean };

interface SortKeys {
  closedInArea: number;
  lastContact: number;
}

/** Scores one buyer for one property, or says why they cannot take it. */
export function evaluateBuyer(
  property: MatchProperty,
  buyer: BuyerBox,
  history: BuyerHistory,
  now: Date,
  labelOf: (key: string) => string = (k) => k,
): Evaluation {
  return evaluateIn(prepareProperty(property, labelOf), buyer, history, now);
}

function evaluateIn(p: PreparedProperty, buyer: BuyerBox, history: BuyerHistory, now: Date): Evaluation {
  const where = precisionIn(p, buyer);
  const misses = missesOf(p, buyer, where);
  if (misses.length) {
    return {
      fits: false,
      outOfArea: misses.some((m) => m.code === "location"),
      miss: { buyerId: buyer.id, name: buyer.name, company: buyer.company ?? null, misses },
    };
  }
  const track = trackRecordIn(p, history.closedDeals);
  const recency = recencyReason(history, buyer, now);
  const reasons: MatchReason[] = [
    locationReason(p, where!),
    priceReason(p, buyer),
    arvReason(p, buyer),
    typeReason(p, buyer),
    fundingReason(buyer),
    proofOfFundsReason(buyer, now),
    reason("track_record", track.points, track.label),
    responsivenessReason(history),
    recency.reason,
  ];
  let score = 0;
  for (const r of reasons) score += r.points;
  return {
    fits: true,
    match: { buyerId: buyer.id, name: buyer.name, company: buyer.company ?? null, score, precision: where!.kind, reasons },
    sortKeys: { closedInArea: track.inArea, lastContact: recency.atMs ?? 0 },
  };
}

/**
 * Best first. Ties: the more precise location, more deals closed here, the more recent contact,
 * then name and id, so the same data always gives the same order.
 */
function compareMatches(a: { match: BuyerMatch; sortKeys: SortKeys }, b: { match: BuyerMatch; sortKeys: SortKeys }): number {
  return (
    b.match.score - a.match.score ||
    PRECISION_RANK[b.match.precision] - PRECISION_RANK[a.match.precision] ||
    b.sortKeys.closedInArea - a.sortKeys.closedInArea ||
    b.sortKeys.lastContact - a.sortKeys.lastContact ||
    compareText(a.match.name, b.match.name) ||
    compareText(a.match.buyerId, b.match.buyerId)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks buyers for one property. Buyers whose area the property is not in are left out (they
 * are not candidates); the other misses (inactive, wrong type, price outside the range) come
 * back apart, fewest reasons first.
 */
export function rankBuyers(
  property: MatchProperty,
  buyers: BuyerBox[],
  historyOf: (buyerId: string) => BuyerHistory,
  now: Date,
  labelOf?: (key: string) => string,
): MatchOutcome {
  const p = prepareProperty(property, labelOf);
  const fits: { match: BuyerMatch; sortKeys: SortKeys }[] = [];
  const misses: HardMiss[] = [];
  const seen = new Set<string>();
  for (const buyer of buyers) {
    if (seen.has(buyer.id)) continue;
    seen.add(buyer.id);
    const e = evaluateIn(p, buyer, historyOf(buyer.id), now);
    if (e.fits) fits.push(e);
    else if (!e.outOfArea) misses.push(e.miss);
  }
  fits.sort(compareMatches);
  misses.sort((a, b) => a.misses.length - b.misses.length || compareText(a.name, b.name) || compareText(a.buyerId, b.buyerId));
  return { matches: fits.map((f) => f.match), misses };
}

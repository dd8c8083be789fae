// Locations as typed entries: what a buyer writes ("dallas tx", "Dallas County, TX", "75201",
// "Texas") becomes one canonical key, so the same place is always the same key, and a property's
// address gives the keys it can be matched on. Pure, shared with client code (forms, import preview).
//
// Keys (stored in buyers.preferred_locations, indexed, matched by equality):
//   zip:75201   city:tx:dallas   county:tx:dallas   state:tx   any (the buyer says "anywhere")
// A buyer with no location at all has told us nothing and matches nowhere; "Anywhere" is a choice.
// A city or county name in a key is lower case, accents and punctuation dropped, words joined
// by "-", and a leading "St"/"Ste"/"Ft"/"Mt" spelled out: "St. Louis" and "Saint Louis" are both
// city:mo:saint-louis, "Winston-Salem" and "Winston Salem" both city:nc:winston-salem.

import { findUsState, MAX_STATE_NAME_WORDS, usStateByCode, type UsState } from "@/lib/geo/us-states";

export type LocationKind = "zip" | "city" | "county" | "state" | "anywhere";

/** The key of a buyer who buys anywhere. */
export const ANYWHERE_KEY = "any";
const ANYWHERE_WORDS = /^(any|anywhere|everywhere|nationwide|all|all areas|any location|any area)$/i;

export interface Location {
  kind: LocationKind;
  key: string;
  label: string;
}

export type ParseLocationResult = { ok: true; location: Location } | { ok: false; error: string };

export const MAX_LOCATION_LENGTH = 100;
const MAX_PLACE_LENGTH = 60;
/** How many preferred locations one buyer may keep. */
export const MAX_LOCATIONS = 100;

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// Letters of any script, digits, spaces and the punctuation place names use. No "$", braces,
// quotes or operators: a location never reaches a query as anything but a finished key, but
// junk is refused where it is typed.
const ALLOWED = /^[\p{L}\p{M}0-9 .,'’\-]+$/u;
const ZIP = /^(\d{5})(?:-\d{4})?$/;
const COUNTY_WORD = /(?:^|\s+)(county|parish|borough|municipio|co\.?)$/i;
const LEADING_ABBREVIATIONS: Record<string, string> = { st: "saint", ste: "sainte", ft: "fort", mt: "mount" };

const fail = (error: string): ParseLocationResult => ({ ok: false, error });

/** Shown back in messages: short and printable. */
function quoted(text: string): string {
  const clean = text.replace(CONTROL, "").trim();
  return `"${clean.length > 40 ? `${clean.slice(0, 40)}…` : clean}"`;
}

/** The canonical slug of a city or county name ("St. Louis" -> "saint-louis"); "" when nothing is left. */
export function placeSlug(name: string): string {
  const words = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[.'’]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  if (words.length > 1 && LEADING_ABBREVIATIONS[words[0]]) words[0] = LEADING_ABBREVIATIONS[words[0]];
  return words.join("-");
}

function titleOfSlug(slug: string): string {
  return slug
    .split("-")
    .map((w) => (w === "of" || w === "de" || w === "la" ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(" ");
}

const zipLocation = (zip: string): Location => ({ kind: "zip", key: `zip:${zip}`, label: `ZIP ${zip}` });
const anywhereLocation: Location = { kind: "anywhere", key: ANYWHERE_KEY, label: "Anywhere" };
const stateLocation = (state: UsState): Location => ({ kind: "state", key: `state:${state.code.toLowerCase()}`, label: state.name });

function placeLocation(kind: "city" | "county", slug: string, state: UsState): Location {
  const key = `${kind}:${state.code.toLowerCase()}:${slug}`;
  const name = titleOfSlug(slug);
  return { kind, key, label: kind === "city" ? `${name}, ${state.code}` : `${name} ${state.countyWord}, ${state.code}` };
}

/** City or county in a state, from the place part of a text ("Dallas", "Dallas County", "Dallas Co."). */
function parsePlace(place: string, state: UsState, whole: string): ParseLocationResult {
  const county = COUNTY_WORD.exec(place);
  const name = county ? place.slice(0, county.index).trim() : place.trim();
  if (!name) return fail(`location ${quoted(whole)} needs a city or county name before the state`);
  if (name.length > MAX_PLACE_LENGTH) return fail(`location ${quoted(whole)}: a place name must be at most ${MAX_PLACE_LENGTH} characters`);
  if (!/\p{L}/u.test(name)) return fail(`location ${quoted(whole)} is not a ZIP code, a city, a county or a state`);
  const slug = placeSlug(name);
  if (!slug) return fail(`location ${quoted(whole)} is not a ZIP code, a city, a county or a state`);
  return { ok: true, location: placeLocation(county ? "county" : "city", slug, state) };
}

/**
 * One location as a person types it: a ZIP ("75201", "75201-1234"), a city with its state
 * ("Dallas, TX", "dallas tx", "DALLAS, Texas"), a county with its state ("Dallas County, TX",
 * "Dallas County TX", "Orleans Parish, LA"), a whole state ("TX", "Texas") or "Anywhere". A place followed by
 * a ZIP ("Dallas, TX 75201") is that ZIP, the most precise thing it says.
 */
export function parseLocation(text: unknown): ParseLocationResult {
  if (typeof text !== "string") return fail("location must be text");
  if (text.length > MAX_LOCATION_LENGTH) return fail(`location must be at most ${MAX_LOCATION_LENGTH} characters`);
  if (CONTROL.test(text)) return fail(`location ${quoted(text)} contains control characters`);
  const s = text.replace(/\s+/g, " ").trim();
  if (!s) return fail("location is empty");
  if (!ALLOWED.test(s)) return fail(`location ${quoted(s)} may contain only letters, digits, spaces and . , ' -`);

  if (ANYWHERE_WORDS.test(s)) return { ok: true, location: anywhereLocation };
  const zip = ZIP.exec(s);
  if (zip) return { ok: true, location: zipLocation(zip[1]) };
  if (/^\d+(-\d*)?$/.test(s)) return fail(`location ${quoted(s)} is not a ZIP code: a ZIP has 5 digits`);

  const whole = findUsState(s);
  if (whole) return { ok: true, location: stateLocation(whole) };

  let place: string;
  let statePart: string;
  if (s.includes(",")) {
    const parts = s.split(",").map((p) => p.trim()).filter(Boolean);
    if (parts.length > 2) return fail(`location ${quoted(s)} has too many parts: write a ZIP, "City, ST", "Name County, ST" or a state`);
    if (parts.length < 2) return fail(`location ${quoted(s)} needs a state, like "Dallas, TX"`);
    [place, statePart] = parts;
  } else {
    const words = s.split(" ");
    // A trailing ZIP is kept with the state part ("Dallas TX 75201").
    const end = ZIP.test(words[words.length - 1]) ? words.length - 1 : words.length;
    let found = -1;
    for (let k = Math.min(MAX_STATE_NAME_WORDS, end); k >= 1; k--) {
      if (findUsState(words.slice(end - k, end).join(" "))) {
        found = end - k;
        break;
      }
    }
    if (found < 0) return fail(`location ${quoted(s)} needs a state, like "${s}, TX", or is not a ZIP code, a city, a county or a state`);
    place = words.slice(0, found).join(" ");
    statePart = words.slice(found).join(" ");
  }

  const trailingZip = /^(.*?)\s*\b(\d{5})(?:-\d{4})?$/.exec(statePart);
  const stateText = trailingZip ? trailingZip[1] : statePart;
  const state = findUsState(stateText);
  if (!state) return fail(`location ${quoted(s)}: unknown state ${quoted(stateText)} (use a code like TX or a state name)`);
  if (trailingZip) return { ok: true, location: zipLocation(trailingZip[2]) };
  if (!place) return fail(`location ${quoted(s)} needs a city or county name before the state`);
  return parsePlace(place, state, s);
}

const KEY = /^(?:any|zip:(\d{5})|state:([a-z]{2})|(city|county):([a-z]{2}):([a-z0-9]+(?:-[a-z0-9]+)*))$/;

/** Whether a stored value is a well-formed location key of a known state. */
export function isLocationKey(key: unknown): key is string {
  if (typeof key !== "string" || key.length > 2 * MAX_LOCATION_LENGTH) return false;
  const m = KEY.exec(key);
  if (!m) return false;
  const code = m[2] ?? m[4];
  return code === undefined || usStateByCode(code) !== undefined;
}

/** The location a key stands for, or undefined for a malformed key. */
export function locationOfKey(key: string): Location | undefined {
  const m = typeof key === "string" ? KEY.exec(key) : null;
  if (!m) return undefined;
  if (key === ANYWHERE_KEY) return anywhereLocation;
  if (m[1]) return zipLocation(m[1]);
  const state = usStateByCode(m[2] ?? m[4]);
  if (!state) return undefined;
  if (m[2]) return stateLocation(state);
  return placeLocation(m[3] as "city" | "county", m[5], state);
}

/** "Dallas, TX", "Dallas County, TX", "ZIP 75201", "Texas"; a malformed key is shown as itself. */
export function labelOfLocationKey(key: string): string {
  return locationOfKey(key)?.label ?? String(key);
}

export function kindOfLocationKey(key: string): LocationKind | undefined {
  if (key === ANYWHERE_KEY) return "anywhere";
  const kind = typeof key === "string" ? key.slice(0, key.indexOf(":")) : "";
  return kind === "zip" || kind === "city" || kind === "county" || kind === "state" ? kind : undefined;
}

export interface AddressParts {
  zip_code?: string | null;
  city?: string | null;
  county?: string | null;
  state?: string | null;
}

/**
 * The location keys a property at this address can be matched on, most precise first
 * (ZIP, city, county, state). A city or county needs a known state; what is missing is left out.
 */
export function locationKeysOfAddress(address: AddressParts | null | undefined): string[] {
  if (!address) return [];
  const keys: string[] = [];
  const zip = typeof address.zip_code === "string" ? /^\s*(\d{5})(?:\s*-\s*\d{4})?\s*$/.exec(address.zip_code) : null;
  if (zip) keys.push(`zip:${zip[1]}`);
  const state = typeof address.state === "string" ? findUsState(address.state) : undefined;
  if (state) {
    const code = state.code.toLowerCase();
    const city = typeof address.city === "string" ? placeSlug(address.city.slice(0, MAX_PLACE_LENGTH)) : "";
    if (city && /[a-z]/.test(city)) keys.push(`city:${code}:${city}`);
    const countyName = typeof address.county === "string" ? address.county.trim().replace(COUNTY_WORD, "") : "";
    const county = placeSlug(countyName.slice(0, MAX_PLACE_LENGTH));
    if (county && /[a-z]/.test(county)) keys.push(`county:${code}:${county}`);
    keys.push(`state:${code}`);
  }
  return keys;
}

/** Whether a comma-separated piece is a state, or a state and a ZIP ("TX", "Texas", "TX 75201"). */
function isStatePiece(piece: string): boolean {
  const m = /^(.*?)\s*\b\d{5}(?:-\d{4})?$/.exec(piece);
  return findUsState(m && m[1] ? m[1] : piece) !== undefined;
}

/**
 * Splits one spreadsheet cell holding several values: "Dallas; Fort Worth", "SFR/MF",
 * "a, b | c", one per line, "75201 75204". The rule:
 *  1. ";", "|", "/" and line breaks always separate values;
 *  2. a comma separates values too, except when what follows it is a state ("TX", "Texas",
 *     "TX 75201") and what precedes it is not already a whole location: then the comma belongs
 *     inside one location ("Dallas, TX", "Dallas County, Texas"). So "Dallas, TX, Fort Worth, TX"
 *     is two locations and "TX, OK, AR" three states. A state name followed by a state code
 *     stays together as a city ("New York, NY", "Washington, DC").
 * Values are trimmed; empty ones and repeats (ignoring case) are dropped.
 */
export function splitListCell(text: unknown): string[] {
  if (typeof text !== "string") return [];
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (value: string) => {
    const v = value.replace(/\s+/g, " ").trim();
    if (!v || seen.has(v.toLowerCase())) return;
    seen.add(v.toLowerCase());
    out.push(v);
  };
  for (const chunk of text.split(/[;|/\n\r]+/)) {
    const pieces = chunk.split(",").map((p) => p.trim()).filter(Boolean);
    const values: string[] = [];
    for (const piece of pieces) {
      const previous = values[values.length - 1];
      if (previous !== undefined && isStatePiece(piece)) {
        const previousIsState = findUsState(previous);
        const previousIsWhole = parseLocation(previous).ok;
        // "Washington, DC", "New York, NY": a state's name then a code is a city of that name.
        const cityNamedLikeAState = previousIsState && previousIsState.code !== previous.toUpperCase() && /^[A-Za-z]{2}$/.test(piece);
        if (!previousIsWhole || cityNamedLikeAState) {
          values[values.length - 1] = `${previous}, ${piece}`;
          continue;
        }
      }
      values.push(piece);
    }
    // "75201 75204 76104": a list of ZIP codes separated by spaces only.
    for (const value of values) (/^\d{5}(?:-\d{4})?(?:\s+\d{5}(?:-\d{4})?)+$/.test(value) ? value.split(/\s+/) : [value]).forEach(push);
  }
  return out;
}

export interface ParsedLocationList {
  /** Canonical keys, in the order given, without repeats. */
  keys: string[];
  errors: { input: string; error: string }[];
}

/**
 * Several locations at once, as a form or an import row gives them: an array of entries or cells,
 * each cell split with splitListCell. Every bad entry is reported; the good ones are kept.
 */
export function parseLocationList(input: unknown): ParsedLocationList {
  const cells = Array.isArray(input) ? input : [input];
  const keys: string[] = [];
  const errors: ParsedLocationList["errors"] = [];
  for (const cell of cells) {
    if (cell == null || cell === "") continue;
    if (typeof cell !== "string") {
      errors.push({ input: String(cell).slice(0, 40), error: "location must be text" });
      continue;
    }
    if (cell.length > MAX_LOCATION_LENGTH * MAX_LOCATIONS) {
      errors.push({ input: `${cell.slice(0, 40)}…`, error: `locations must be at most ${MAX_LOCATION_LENGTH * MAX_LOCATIONS} characters` });
      continue;
    }
    for (const entry of splitListCell(cell)) {
      const parsed = parseLocation(entry);
      if (!parsed.ok) errors.push({ input: entry.slice(0, 100), error: parsed.error });
      else if (!keys.includes(parsed.location.key)) keys.push(parsed.location.key);
    }
  }
  if (keys.length > MAX_LOCATIONS) errors.push({ input: "", error: `at most ${MAX_LOCATIONS} preferred locations` });
  return { keys, errors };
}

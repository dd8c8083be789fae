// What a person types into the search box, turned into prefixes of the leads' search_keys
// (lib/validation/search-keys.ts). Every term must match the start of some key: "john smi" finds
// John Smith, "555-12" finds +15551234567, "jo@ex" finds jo@example.com.
import { US_STATES } from "@/lib/geo/us-states";
import { escapeRegex, nameTokens } from "@/lib/validation/search-keys";

// Characters people put in phone numbers.
const PHONE_LIKE = /^[\d\s().+\-/]+$/;
const MAX_TERMS = 6;
const STATE_CODES = new Set(US_STATES.map((s) => s.code.toLowerCase()));

// Typographic apostrophes (phones type ’ for ' by default) as the plain one names are stored with.
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032`]/g;

/** The normalised prefixes of a search text; empty when there is nothing to search for. */
export function searchTerms(text: string | undefined | null): string[] {
  const input = (text ?? "").replace(APOSTROPHES, "'").trim();
  if (!input) return [];
  // A phone number typed with spaces ("(555) 123-45") is one term, not three.
  if (PHONE_LIKE.test(input) && /\d/.test(input)) return [input.replace(/\D/g, "")];
  // "@example.net" is the domain; "Ave." and "Worth," the words (keys hold them without the marks).
  const tokens = nameTokens(input)
    .map((token) => token.replace(/^@+(?=[^@])/, "").replace(/(?<=.)[.,]+$/, ""))
    .filter(Boolean);
  // "Fort Worth, TX", "dallas tx": a state code after a city is where the city is, not a word of
  // the lead's (keys hold the city, not the state).
  if (tokens.length > 1 && STATE_CODES.has(tokens[tokens.length - 1])) tokens.pop();
  const terms = tokens.map((token) => (PHONE_LIKE.test(token) && /\d/.test(token) ? token.replace(/\D/g, "") : token));
  // Drop terms that another term already implies ("jo john" → "john"), keep the order.
  const unique = [...new Set(terms.filter(Boolean))];
  return unique.filter((t) => !unique.some((o) => o !== t && o.startsWith(t))).slice(0, MAX_TERMS);
}

/** An anchored, escaped prefix pattern for one term (FerretDB and MongoDB both accept it). */
export function prefixPattern(term: string): string {
  return `^${escapeRegex(term)}`;
}

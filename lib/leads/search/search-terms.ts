// What a person types into the search box, turned into prefixes of the leads' search_keys
// (lib/validation/search-keys.ts). Every term must match the start of some key: "john smi" finds
// John Smith, "555-12" finds +15551234567, "jo@ex" finds jo@example.com.
import { escapeRegex, nameTokens } from "@/lib/validation/search-keys";

// Characters people put in phone numbers.
const PHONE_LIKE = /^[\d\s().+\-/]+$/;
const MAX_TERMS = 6;

// Typographic apostrophes (phones type ’ for ' by default) as the plain one names are stored with.
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032`]/g;

/** The normalised prefixes of a search text; empty when there is nothing to search for. */
export function searchTerms(text: string | undefined | null): string[] {
  const input = (text ?? "").replace(APOSTROPHES, "'").trim();
  if (!input) return [];
  // A phone number typed with spaces ("(555) 123-45") is one term, not three.
  if (PHONE_LIKE.test(input) && /\d/.test(input)) return [input.replace(/\D/g, "")];
  const terms = nameTokens(input).map((token) => (PHONE_LIKE.test(token) && /\d/.test(token) ? token.replace(/\D/g, "") : token));
  // Drop terms that another term already implies ("jo john" → "john"), keep the order.
  const unique = [...new Set(terms.filter(Boolean))];
  return unique.filter((t) => !unique.some((o) => o !== t && o.startsWith(t))).slice(0, MAX_TERMS);
}

/** An anchored, escaped prefix pattern for one term (FerretDB and MongoDB both accept it). */
export function prefixPattern(term: string): string {
  return `^${escapeRegex(term)}`;
}

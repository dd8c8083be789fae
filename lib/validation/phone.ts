// Phone numbers are stored in E.164 (`+15551234567`). People type them in many shapes; these
// helpers turn what they type into E.164, or say it is not a phone number.

export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
export const PHONE_MESSAGE = "Enter a valid phone number, such as (555) 123-4567 or +44 20 7946 0958";

// Separators people put in phone numbers; anything else (letters, #, extensions) is refused. Word
// processors and spreadsheets turn hyphens into dashes (hyphen, non-breaking hyphen, figure, en and
// em dash, minus sign).
const SEPARATORS = /[\s().\-/\u00a0\u2010-\u2015\u2212]/g;

/**
 * Normalises a typed phone number to E.164, assuming North America (+1) when no country code is
 * given. Returns null when the input is not a phone number.
 */
export function normalizePhone(input: string): string | null {
  // NFKC reads full-width digits and marks ("（２１４）５５５－０１００") as ASCII.
  const compact = input.normalize("NFKC").trim().replace(SEPARATORS, "");
  if (!/^\+?\d+$/.test(compact)) return null;

  if (compact.startsWith("+")) {
    const e164 = compact;
    if (!E164_PATTERN.test(e164)) return null;
    return e164.startsWith("+1") && !isNanp(e164.slice(2)) ? null : e164;
  }
  if (compact.startsWith("00")) return normalizePhone(`+${compact.slice(2)}`);
  if (compact.length === 10 && isNanp(compact)) return `+1${compact}`;
  if (compact.length === 11 && compact.startsWith("1") && isNanp(compact.slice(1))) return `+${compact}`;
  return null;
}

/** A North American number: 10 digits whose area code does not start with 0 or 1. */
function isNanp(digits: string): boolean {
  return /^[2-9]\d{9}$/.test(digits);
}

/** The digits of a phone fragment as typed (`555-12` → `55512`), for prefix search. */
export function phoneDigits(input: string): string {
  return input.replace(/\D/g, "");
}

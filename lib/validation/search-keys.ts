// Search keys replace a text index (FerretDB has none): an indexed array of normalised strings,
// matched with an escaped, anchored prefix regex.

type Searchable = { name?: string | null; phone?: string | null; email?: string | null; company?: string | null };

// Letters that are not a base letter plus an accent, written as people type them on a US keyboard.
const LETTERS: Record<string, string> = { ß: "ss", ø: "o", ł: "l", æ: "ae", œ: "oe", đ: "d", ð: "d", þ: "th", ı: "i" };

/** Lower case without accents, as keys and searches compare: "Søren Weiß" → "soren weiss". */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[ßøłæœđðþı]/g, (c) => LETTERS[c]);
}

/** The words of a name (letters of any script, digits, and @ . ' - inside them). */
export function nameTokens(name: string): string[] {
  return foldText(name)
    .split(/[^\p{L}\p{N}@.'-]+/u)
    .filter(Boolean);
}

export function searchKeys({ name, phone, email, company }: Searchable): string[] {
  const keys = new Set<string>();
  for (const text of [name, company]) {
    if (!text) continue;
    const tokens = nameTokens(text);
    tokens.forEach((t) => keys.add(t));
    if (tokens.length > 1) keys.add(tokens.join(" "));
    // "smith-jones" is also found by "jones", and "o'neal" by "oneal".
    for (const token of tokens) {
      if (!/['-]/.test(token)) continue;
      token.split(/['-]+/).filter(Boolean).forEach((part) => keys.add(part));
      keys.add(token.replace(/['-]+/g, ""));
    }
  }
  if (phone) {
    const digits = phone.replace(/\D/g, "");
    keys.add(digits);
    // National number without the country code, so `555-12` finds +15551234567.
    if (digits.startsWith("1") && digits.length === 11) keys.add(digits.slice(1));
  }
  if (email) {
    keys.add(email.toLowerCase());
    // Searches are folded like names ("renée" is searched as "renee"): an internationalised
    // address is also found that way.
    keys.add(foldText(email));
  }
  return [...keys];
}

type LeadSearchable = Searchable & {
  phones?: readonly { number?: string | null }[] | null;
  emails?: readonly { address?: string | null }[] | null;
  address?: { street?: string | null; city?: string | null; zip_code?: string | null } | null;
};

/**
 * A lead's keys: its name, EVERY phone (whole, without the country code, without the area code,
 * and the last four digits: `6366` and `716-6366` find +18177166366), every e-mail and its domain
 * (`example.net`), the property's street and city words (`Glenwood`, `Fort Worth`) and its ZIP
 * code's five digits (`76104`, also from `76104-2210`).
 */
export function leadSearchKeys(lead: LeadSearchable): string[] {
  const keys = new Set(searchKeys({ name: lead.name }));
  const phones = new Set([lead.phone, ...(lead.phones ?? []).map((p) => p?.number)].filter((p): p is string => !!p));
  for (const phone of phones) {
    searchKeys({ phone }).forEach((k) => keys.add(k));
    const digits = phone.replace(/\D/g, "");
    // North American numbers: the local number (without area code) and the last four digits.
    if (digits.length === 11 && digits.startsWith("1")) {
      keys.add(digits.slice(4));
      keys.add(digits.slice(7));
    } else if (digits.length >= 8) keys.add(digits.slice(-4));
  }
  const emails = new Set([lead.email, ...(lead.emails ?? []).map((e) => e?.address)].filter((e): e is string => !!e));
  for (const email of emails) {
    searchKeys({ email }).forEach((k) => keys.add(k));
    const domain = email.toLowerCase().split("@")[1];
    if (domain) {
      keys.add(domain);
      keys.add(foldText(domain));
    }
  }
  for (const place of [lead.address?.street, lead.address?.city]) {
    if (!place) continue;
    const tokens = nameTokens(place).map((t) => t.replace(/[.,]+$/, "")).filter(Boolean);
    tokens.forEach((t) => keys.add(t));
    if (tokens.length > 1) keys.add(tokens.join(" "));
  }
  const zip = /^\s*(\d{5})(?:\D|$)/.exec(lead.address?.zip_code ?? "")?.[1];
  if (zip) keys.add(zip);
  return [...keys];
}

/**
 * A buyer's keys: name and company words, and their phone and e-mail as a lead's are keyed (the
 * whole number, without the country code, without the area code and the last four digits; the
 * address and its domain), so a buyer is found by what finds a lead.
 */
export function buyerSearchKeys({ name, company, phone, email }: Searchable): string[] {
  return [...new Set([...searchKeys({ name, company }), ...leadSearchKeys({ phone, email })])];
}

const STREET_WORDS: Record<string, string> = {
  street: "st", avenue: "ave", road: "rd", drive: "dr", lane: "ln", boulevard: "blvd", court: "ct",
  place: "pl", terrace: "ter", circle: "cir", highway: "hwy", parkway: "pkwy", north: "n", south: "s",
  east: "e", west: "w", apartment: "apt", suite: "ste",
};

/** A normalised `street|zip5` key for duplicate detection; null without both parts. */
export function addressKey(a: { street?: string | null; zip_code?: string | null } | null | undefined): string | null {
  if (!a?.street || !a.zip_code) return null;
  const street = a.street
    .toLowerCase()
    .replace(/[.,#]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => STREET_WORDS[w] ?? w)
    .join(" ");
  const zip = a.zip_code.replace(/\D/g, "").slice(0, 5);
  return street && zip ? `${street}|${zip}` : null;
}

/** Escapes a user's text for use inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Dates as spreadsheets write them in a cell: "2027-03-15", "3/15/2027" (US), "15.03.2027"
// (German), "15/03/2027" (French, Spanish, Italian), "15-03-2027" (Dutch), with or without a time.
// `new Date(text)` reads "03.04.2027" as the 4th of March and refuses "15.03.2027": a European
// list lost or moved every follow-up. Client-safe: the import preview and the worker read dates
// with the same code.

/** Which part of a numeric date comes first: the day (most of the world) or the month (the US). */
export type DateOrder = "dmy" | "mdy";

// d/m/y, m/d/y, d.m.y, d-m-y with a 2- or 4-digit year, then an optional time ("14:30", "2:30 PM", "14:30:05").
const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\.?(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
// 2027-03-15 or 2027/03/15, then an optional time and zone as ISO 8601 writes them.
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

type Parts = { first: number; second: number; sep: string };

function numericParts(text: string): Parts | null {
  const m = NUMERIC.exec(text.trim());
  return m ? { first: Number(m[1]), second: Number(m[3]), sep: m[2] } : null;
}

/**
 * The order a column's dates show, decided by all its values like a number column's decimal
 * mark: a first part above 12 is a day ("15/03/2027"), a second part above 12 is a day in second
 * place ("3/15/2027"). Undefined when no value tells, or the values disagree.
 */
export function dateOrderOf(values: Iterable<string>): DateOrder | undefined {
  let found: DateOrder | undefined;
  for (const value of values) {
    const p = numericParts(value);
    if (!p) continue;
    const order: DateOrder | null = p.first > 12 && p.second <= 12 ? "dmy" : p.second > 12 && p.first <= 12 ? "mdy" : null;
    if (!order) continue;
    if (found && found !== order) return undefined;
    found = order;
  }
  return found;
}

/** Where a day without a time of day falls: `hour`:00 (default 9) in the IANA time zone `zone`. */
export type DayAt = { zone: string; hour?: number };

function offsetMinutes(at: Date, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" })
      .formatToParts(at)
      .filter((p) => p.type !== "literal")
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant that is `hour`:00 on the local calendar day (y, m, d) in `zone` (DST-safe). */
export function zonedInstant(y: number, m: number, d: number, hour: number, zone: string): Date {
  const guess = Date.UTC(y, m - 1, d, hour, 0, 0);
  let at = new Date(guess - offsetMinutes(new Date(guess), zone) * 60_000);
  // A second pass settles the offset when the guess fell on the other side of a DST change.
  at = new Date(guess - offsetMinutes(at, zone) * 60_000);
  return at;
}

function build(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date | null {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // 31.02. rolls over into March: not a date.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/**
 * The date in `text`, or null. A day without a time is midnight UTC (as "2027-03-15" always was);
 * a time without a zone is read as UTC. Numeric dates follow `order` (the column's, from
 * dateOrderOf), else what the value shows (a part above 12 is the day), else dots mean day first
 * ("03.04.2027" is the 3rd of April everywhere dots are written) and slashes or dashes `fallback`.
 * Dates in words ("Mar 15, 2027", "15 March 2027") are read in English. With `dayAt`, a day
 * without a time is `dayAt.hour`:00 (default 9) on that day in `dayAt.zone` instead: a follow-up
 * "2027-03-15" is due on the 15th where the company works, not the 14th, 7 pm in Chicago.
 */
export function readDate(text: string, { order, fallback = "mdy", dayAt }: { order?: DateOrder; fallback?: DateOrder; dayAt?: DayAt } = {}): Date | null {
  const date = readDateUtc(text, order, fallback);
  // A time of day reads as "14:30", "2:30 PM", "T14:30", in every form above.
  if (!date || !dayAt || /\d:\d{2}/.test(text)) return date;
  return zonedInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), dayAt.hour ?? 9, dayAt.zone);
}

// ---- Calendar days --------------------------------------------------------------------------
// A date-only value (a custom field of type date) is a calendar day, not an instant: it is stored
// as midnight UTC of that day and read back as the UTC date of the stored value, so it is the same
// day on every server and in every browser whatever their time zone. Never read one with
// `new Date(text)` (a text without a zone is read in the server's zone) nor show one in a local
// zone (midnight UTC is the evening before in the Americas).

/** The calendar day ("YYYY-MM-DD") a stored date-only value holds: its UTC date. */
export function dayOf(stored: Date): string {
  return stored.toISOString().slice(0, 10);
}

/** How a calendar day ("YYYY-MM-DD") is stored: midnight UTC. */
export function dateOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/**
 * The calendar day written in `text` ("YYYY-MM-DD"), in every form readDate reads, or null. The
 * day is the one written: a time of day or a zone offset beside it does not move it
 * ("2027-03-15T23:30-10:00" is the 15th), whatever the server's time zone.
 */
export function readDay(text: string, { order, fallback = "mdy" }: { order?: DateOrder; fallback?: DateOrder } = {}): string | null {
  const iso = YEAR_FIRST.exec(text.trim());
  const date = iso ? build(Number(iso[1]), Number(iso[3]), Number(iso[4])) : readDateUtc(text, order, fallback);
  return date ? dayOf(date) : null;
}

function readDateUtc(text: string, order: DateOrder | undefined, fallback: DateOrder): Date | null {
  const t = text.trim();
  if (!t) return null;
  const iso = YEAR_FIRST.exec(t);
  if (iso) {
    const [, y, , mo, d, h, mi, s, zone] = iso;
    const local = build(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
    if (!local || !zone || zone.toUpperCase() === "Z") return local;
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const offset = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    return new Date(local.getTime() - offset * 60_000);
  }
  const m = NUMERIC.exec(t);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[3]);
    const shown: DateOrder | null = first > 12 ? "dmy" : second > 12 ? "mdy" : null;
    const use = shown ?? order ?? (m[2] === "." ? "dmy" : fallback);
    const [day, month] = use === "dmy" ? [first, second] : [second, first];
    const year = m[4].length === 2 ? 2000 + Number(m[4]) - (Number(m[4]) >= 70 ? 100 : 0) : Number(m[4]);
    let hour = Number(m[5] ?? 0);
    const pm = m[8]?.toLowerCase().startsWith("p");
    if (m[8]) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (pm ? 12 : 0);
    }
    return build(year, month, day, hour, Number(m[6] ?? 0), Number(m[7] ?? 0));
  }
  const named = monthNameDate(t);
  if (named !== undefined) return named;
  // Month names: what Date reads, provided the text names a month and a four-digit year (a bare
  // number such as an Excel serial "46000" is no date).
  if (!/[a-z]{3}/i.test(t) || !/\b\d{4}\b/.test(t)) return null;
  const parsed = new Date(/[zZ]$|[+-]\d{2}:?\d{2}$|\bUTC\b|\bGMT\b/.test(t) ? t : `${t} UTC`);
  return Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 1800 || parsed.getUTCFullYear() > 2200 ? null : parsed;
}

// Month names and abbreviations in English, German, French and Spanish, without accents.
const MONTH_NAMES: readonly string[][] = [
  ["january", "jan", "januar", "janner", "janvier", "janv", "enero", "ene"],
  ["february", "feb", "februar", "fevrier", "fevr", "febrero"],
  ["march", "mar", "marz", "maerz", "mrz", "mars", "marzo"],
  ["april", "apr", "avril", "avr", "abril", "abr"],
  ["may", "mai", "mayo"],
  ["june", "jun", "juni", "juin", "junio"],
  ["july", "jul", "juli", "juillet", "juil", "julio"],
  ["august", "aug", "aout", "agosto", "ago"],
  ["september", "sep", "sept", "septembre", "septiembre", "setiembre"],
  ["october", "oct", "oktober", "okt", "octobre", "octubre"],
  ["november", "nov", "novembre", "noviembre"],
  ["december", "dec", "dezember", "dez", "decembre", "dic", "diciembre"],
];
const MONTH_OF = new Map(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));

/**
 * A day, a month name and a year in either order ("March 15th, 2027", "15. März 2027", "1er mai
 * 2027", "15 de marzo de 2027"), after an optional weekday; undefined when the text is not of
 * that shape (the caller tries other readings), null when it is but names no real day.
 */
function monthNameDate(text: string): Date | null | undefined {
  const words = text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/\b(\d{1,2})(st|nd|rd|th|er|e)\b/g, "$1")
    .replace(/\bde\b/g, " ")
    .split(/[\s.,/-]+/)
    .filter(Boolean);
  if (words.length === 4 && /^[a-z]+$/.test(words[0]) && !MONTH_OF.has(words[0])) words.shift();
  if (words.length !== 3 || !/^\d{4}$/.test(words[2])) return undefined;
  const [a, b] = words;
  const [day, month] = /^\d{1,2}$/.test(a) && MONTH_OF.has(b) ? [Number(a), MONTH_OF.get(b)!] : MONTH_OF.has(a) && /^\d{1,2}$/.test(b) ? [Number(b), MONTH_OF.get(a)!] : [0, 0];
  return day ? build(Number(words[2]), month, day) : undefined;
}

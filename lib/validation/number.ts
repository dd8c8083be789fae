// Numbers as people and spreadsheets write them: "$214,000", "214.000 €", "214 000", "1.234,56",
// "$1.2M", "250K", "2,5 ba", "1,450 sq ft". Client-safe: forms, the import preview and the import
// worker read numbers with the same code.

/**
 * What a number counts, which decides a lone mark followed by exactly three digits ("1,450",
 * "1.450"): in an amount of money or a count of things (square feet, a year) it groups thousands;
 * in a measure where fractions are normal (bathrooms, acres) it is the decimal mark.
 */
export type NumberKind = "amount" | "count" | "measure";
export type DecimalMark = "." | ",";

const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6 };
// Units seen after a number in exports: "1,450 sq ft", "0.25 acres", "3 bd", "2 ba", "$250K USD".
const UNIT = /\s*(sq\.?\s*ft\.?|sqft|sf|square\s+feet|ft2|ft²|acres?|ac|beds?|bd|br|bedrooms?|baths?|ba|bathrooms?|usd|eur|gbp|cad|aud|chf|dollars?)$/i;
// Group separators that are never a decimal mark: spaces (French writes "214 000", with a normal,
// no-break or narrow no-break space) and the Swiss apostrophe between digits ("1'234.50").
const SPACES = /[\s\u00a0\u2007\u2009\u202f]|(?<=\d)['’](?=\d{3})/g;

type Prepared = { digits: string; negative: boolean; suffix: string | null };

/** The number's digits and marks, its sign and its K/M suffix; null when the text is not one number. */
function prepare(text: string): Prepared | null {
  let t = text.trim().replace(UNIT, "");
  const negative = /^-|^\(.*\)$/.test(t);
  t = t
    .replace(/^[-(]\s*|\s*\)$/g, "")
    // A currency code before the number ("USD 214,000", "US$214,000", "EUR 214.000"), a symbol either side.
    .replace(/^(?:us\$|(?:usd|eur|gbp|cad|aud|chf)(?![a-z]))\s*/i, "")
    .replace(/^[$€£]\s*|\s*[$€£]$/g, "")
    // "214.000,-": no cents, as German prices write it.
    .replace(/[.,][-–—]{1,2}$/, "");
  const suffix = /\s*(mm|k|m)$/i.exec(t);
  if (suffix) t = t.slice(0, suffix.index);
  t = t.replace(SPACES, "");
  if (!/^\d[\d.,]*$|^[.,]\d+$/.test(t)) return null;
  return { digits: t, negative, suffix: suffix ? suffix[1].toLowerCase() : null };
}

/**
 * The decimal mark the text itself shows, or null when it could be either: both marks (the last
 * is the decimal: "1.234,56"), a repeated mark (it groups: "1,234,567"), or one mark not followed
 * by exactly three digits ("2,5", "1962.0", "0,500", "1234,567").
 */
function markShown(digits: string): DecimalMark | null {
  const comma = digits.lastIndexOf(",");
  const dot = digits.lastIndexOf(".");
  if (comma >= 0 && dot >= 0) return comma > dot ? "," : ".";
  if (comma < 0 && dot < 0) return null;
  const mark: DecimalMark = comma >= 0 ? "," : ".";
  const parts = digits.split(mark);
  if (parts.length > 2) return mark === "," ? "." : ",";
  const [whole, fraction] = parts;
  if (fraction.length !== 3 || whole === "" || whole === "0" || whole.length > 3) return mark;
  return null;
}

/**
 * The decimal mark of a column, decided by all its values: the one its unambiguous values show,
 * when they agree. Undefined when none shows one (or they disagree): each value is then read by
 * itself and its field's kind.
 */
export function decimalMarkOf(values: Iterable<string>): DecimalMark | undefined {
  let found: DecimalMark | undefined;
  for (const value of values) {
    const p = prepare(value);
    const mark = p && markShown(p.digits);
    if (!mark) continue;
    if (found && found !== mark) return undefined;
    found = mark;
  }
  return found;
}

/** "1,234,567" has its groups in threes. */
function groupsOk(whole: string, group: string): boolean {
  return !whole.includes(group) || new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole);
}

function readWith(digits: string, decimal: DecimalMark): number | null {
  const group = decimal === "," ? "." : ",";
  const parts = digits.split(decimal);
  if (parts.length > 2 || (parts[1] ?? "").includes(group) || !groupsOk(parts[0], group)) return null;
  const plain = `${parts[0].split(group).join("") || "0"}${parts.length === 2 ? `.${parts[1]}` : ""}`;
  const n = Number(plain);
  return Number.isFinite(n) ? n : null;
}

/**
 * The number in `text`, or null. `decimal` is the column's mark when known (decimalMarkOf);
 * otherwise the text decides, and a lone mark before three digits is decided by `kind`
 * ("214,000" and "1.450" sq ft group thousands, "1,500" acres is one and a half). With a K or M
 * suffix a lone mark is the decimal point the American way ("$1.2M", "$1,250K").
 */
export function readNumber(text: string, { kind = "count", decimal }: { kind?: NumberKind; decimal?: DecimalMark } = {}): number | null {
  const p = prepare(text);
  if (!p) return null;
  const shown = markShown(p.digits);
  const lone = p.digits.includes(",") ? "," : ".";
  const guess: DecimalMark = shown ?? (p.suffix ? "." : kind === "measure" ? lone : lone === "," ? "." : ",");
  // A value the column's mark cannot read ("2.5" among "2,5"s) is read as it shows itself.
  const n = (decimal && readWith(p.digits, decimal)) ?? readWith(p.digits, guess);
  if (n === null) return null;
  // "1.1M" is 1100000.0000000002 in floating point: amounts with a suffix are whole dollars.
  const value = p.suffix ? Math.round(n * MULTIPLIERS[p.suffix]) : n;
  return p.negative ? -value : value;
}

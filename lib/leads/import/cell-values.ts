// Numbers and phone numbers as list providers and spreadsheets write them in a cell. Client-safe
// (the preview runs it too). What cannot be read is returned as typed, so the lead schema says
// why and the row is reported, never guessed at.

const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6 };
// Units seen after a number in exports: "1,450 sq ft", "0.25 acres", "3 bd", "2 ba", "$250K USD".
const UNIT = /\s*(sq\.?\s*ft\.?|sqft|sf|square\s+feet|ft2|ft²|acres?|ac|beds?|bd|br|bedrooms?|baths?|ba|bathrooms?|usd|dollars?)$/i;

/**
 * "$250,000" → 250000, "250K" → 250000, "$1.2M" → 1200000, "1,450 sq ft" → 1450, "1962.0" → 1962,
 * "250.000,00 €" → 250000, "2,5" → 2.5. A number with one group separator ("1,450", "1.450")
 * is read the American way unless the file uses decimal commas (Excel in a European locale
 * writes semicolon-separated files with them). The text itself when it is not one number.
 */
export function parseNumberCell(text: string, { decimalComma = false } = {}): number | string {
  let t = text.trim().replace(UNIT, "");
  const negative = /^-|^\(.*\)$/.test(t);
  t = t.replace(/^[-(]\s*|\s*\)$/g, "").replace(/^[$€£]\s*|\s*[$€£]$/g, "");
  const suffix = /\s*(mm|k|m)$/i.exec(t);
  if (suffix) t = t.slice(0, suffix.index);
  t = t.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d[\d.,]*$|^[.,]\d+$/.test(t)) return text;
  const commas = t.split(",").length - 1;
  const dots = t.split(".").length - 1;
  let plain: string;
  if (commas && dots) {
    // Both: the last one is the decimal mark ("250.000,00", "1,234.56").
    const decimal = t.lastIndexOf(",") > t.lastIndexOf(".") ? "," : ".";
    const group = decimal === "," ? "." : ",";
    if (t.split(decimal).length !== 2 || !groupsOk(t.split(decimal)[0], group)) return text;
    plain = t.split(decimal)[0].split(group).join("") + "." + t.split(decimal)[1];
  } else if (commas) plain = readOneMark(t, ",", decimalComma ? "decimal" : "group");
  else if (dots) plain = readOneMark(t, ".", decimalComma ? "group" : "decimal");
  else plain = t;
  const n = Number(plain);
  if (!plain || !Number.isFinite(n)) return text;
  // "1.1M" is 1100000.0000000002 in floating point: amounts with a suffix are whole dollars.
  const value = suffix ? Math.round(n * MULTIPLIERS[suffix[1].toLowerCase()]) : n;
  return negative ? -value : value;
}

/** "1,234,567" has its groups in threes. */
function groupsOk(whole: string, group: string): boolean {
  return !whole.includes(group) || new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole);
}

/**
 * A number with one kind of mark: several of them are group separators ("1,450,000"); one is a
 * decimal mark unless it is followed by exactly three digits, where `ambiguous` decides.
 */
function readOneMark(t: string, mark: string, ambiguous: "group" | "decimal"): string {
  const parts = t.split(mark);
  if (parts.length > 2) return groupsOk(t, mark) ? parts.join("") : "";
  const [whole, fraction] = parts;
  if (fraction.length === 3 && whole.length >= 1 && whole.length <= 3 && ambiguous === "group") return whole + fraction;
  return `${whole || "0"}.${fraction}`;
}

export type PhoneCell = { number: string; extension?: string };

/**
 * The phone numbers in one cell: "mobile: (512) 555-0601", "2145550302 ext 2", "2145550301.0"
 * (a phone column read as numbers), several numbers separated by ; , / or line breaks.
 */
export function splitPhoneCell(text: string, isPhone: (s: string) => boolean): PhoneCell[] {
  const one = readPhone(text);
  if (isPhone(one.number) || !/[;,/|\n\r]|\sor\s/i.test(text)) return [one];
  return text
    .split(/[;,/|\n\r]+|\s+or\s+/i)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(readPhone);
}

function readPhone(text: string): PhoneCell {
  let t = text
    .trim()
    .replace(/^[A-Za-z][A-Za-z .-]{0,20}:\s*/, "")
    .replace(/\s*\((?:mobile|cell|home|work|landline|wireless|voip|office|main|fax)\)$/i, "");
  const ext = /^(.*\d)\s*[,;]?\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})$/i.exec(t);
  if (ext) t = ext[1];
  t = t.replace(/^(\+?\d{7,15})\.0+$/, "$1");
  return ext ? { number: t, extension: ext[2] } : { number: t };
}

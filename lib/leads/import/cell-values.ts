// Numbers and phone numbers as list providers and spreadsheets write them in a cell. Client-safe
// (the preview runs it too). What cannot be read is returned as typed, so the lead schema says
// why and the row is reported, never guessed at.

import { readNumber, type DecimalMark, type NumberKind } from "@/lib/validation/number";

/**
 * "$250,000" → 250000, "250K" → 250000, "$1.2M" → 1200000, "1,450 sq ft" → 1450, "1962.0" → 1962,
 * "250.000,00 €" → 250000, "2,5" → 2.5 (lib/validation/number.ts decides the marks). The text
 * itself when it is not one number.
 */
export function parseNumberCell(text: string, options: { kind?: NumberKind; decimal?: DecimalMark } = {}): number | string {
  return readNumber(text, options) ?? text;
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
    // A leading apostrophe is how a spreadsheet was told to keep the number as text.
    .replace(/^'(?=[+(\d])/, "")
    .replace(/^[A-Za-z][A-Za-z .-]{0,20}:\s*/, "")
    .replace(/\s*\((?:mobile|cell|home|work|landline|wireless|voip|office|main|fax)\)$/i, "");
  const ext = /^(.*\d)\s*[,;]?\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})$/i.exec(t);
  if (ext) t = ext[1];
  t = t.replace(/^(\+?\d{7,15})\.0+$/, "$1");
  return ext ? { number: t, extension: ext[2] } : { number: t };
}

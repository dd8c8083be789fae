// How many SMS segments a text costs, and in which encoding (3GPP TS 23.038). Pure: the compose
// box counts as the rep types, the server counts what it stores.
//
// GSM-7: 160 septets in one segment, 153 per segment once split (the rest is the concatenation
// header). Characters of the extension table (e.g. € [ ] { } ~ \ ^ |) take two septets, and the
// escape pair is never split across segments. One character outside GSM-7 (an emoji, a curly quote)
// makes the whole text UCS-2: 70 UTF-16 units, then 67 per segment, a surrogate pair never split.

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "\f^{}\\[~]|€";

const BASIC = new Set(Array.from(GSM_BASIC));
const EXTENSION = new Set(Array.from(GSM_EXTENSION));

export type SmsEncoding = "GSM-7" | "UCS-2";

export type SegmentCount = {
  encoding: SmsEncoding;
  segments: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
  units: number;
  /** Units one segment holds at this length: 160/70 for one segment, 153/67 once split. */
  perSegment: number;
  /** Units left in the last segment before another one starts. */
  remaining: number;
  /** The characters that forced UCS-2, each once, in order (empty for GSM-7). */
  nonGsm: string[];
};

export const GSM_SINGLE = 160;
export const GSM_MULTI = 153;
export const UCS2_SINGLE = 70;
export const UCS2_MULTI = 67;

/** The septets a character takes in GSM-7: 1, 2 (extension table) or null (not GSM-7). */
function gsmSeptets(ch: string): 1 | 2 | null {
  if (BASIC.has(ch)) return 1;
  if (EXTENSION.has(ch)) return 2;
  return null;
}

/** Fills segments of `size` units with indivisible pieces; the number of segments used. */
function pack(pieces: number[], size: number): { segments: number; lastUsed: number } {
  let segments = 1;
  let used = 0;
  for (const piece of pieces) {
    if (used + piece > size) {
      segments++;
      used = 0;
    }
    used += piece;
  }
  return { segments, lastUsed: used };
}

export function countSegments(text: string): SegmentCount {
  const chars = Array.from(text); // code points: a surrogate pair stays one piece
  const nonGsm: string[] = [];
  const septets: number[] = [];
  for (const ch of chars) {
    const n = gsmSeptets(ch);
    if (n === null) {
      if (!nonGsm.includes(ch)) nonGsm.push(ch);
    } else septets.push(n);
  }
  const gsm = nonGsm.length === 0;
  const pieces = gsm ? septets : chars.map((ch) => ch.length);
  const units = pieces.reduce((a, b) => a + b, 0);
  const single = gsm ? GSM_SINGLE : UCS2_SINGLE;
  const multi = gsm ? GSM_MULTI : UCS2_MULTI;
  const encoding: SmsEncoding = gsm ? "GSM-7" : "UCS-2";
  if (units <= single) return { encoding, segments: units === 0 ? 0 : 1, units, perSegment: single, remaining: single - units, nonGsm };
  const { segments, lastUsed } = pack(pieces, multi);
  return { encoding, segments, units, perSegment: multi, remaining: multi - lastUsed, nonGsm };
}

/** "2 segments · GSM-7 · 146 left" (for the compose box and screen readers alike). */
export function describeSegments(count: SegmentCount): string {
  const seg = `${count.segments} segment${count.segments === 1 ? "" : "s"}`;
  const why = count.nonGsm.length ? ` (because of ${count.nonGsm.slice(0, 3).map((c) => `“${c}”`).join(" ")})` : "";
  return `${seg} · ${count.encoding}${why} · ${count.remaining} characters left in this segment`;
}

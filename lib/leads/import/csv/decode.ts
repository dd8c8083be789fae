// Bytes of an uploaded file → text. Spreadsheet exports arrive as UTF-8 (with or without a
// BOM), UTF-16 (Excel's "Unicode text") or Windows-1252 (Excel's "CSV" on Windows, a superset of
// Latin-1's printable characters). Detected, never asked.

export type CsvEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";
export type Decoded = { text: string; encoding: CsvEncoding } | { problem: string };

export function decodeCsvBytes(bytes: Uint8Array): Decoded {
  const sniffed = sniffEncoding(bytes);
  if ("problem" in sniffed) return sniffed;
  let result: { text: string; encoding: CsvEncoding };
  if (sniffed.encoding) result = { text: createDecoder(sniffed.encoding)(bytes, true), encoding: sniffed.encoding };
  else {
    try {
      result = { text: createDecoder("utf-8", { fatal: true })(bytes, true), encoding: "utf-8" };
    } catch {
      result = { text: decodeWindows1252(bytes), encoding: "windows-1252" };
    }
  }
  if (looksBinary(result.text)) return { problem: BINARY_PROBLEM };
  return result;
}

export const BINARY_PROBLEM = "This file does not look like a CSV (it contains binary data). Export the list as CSV and upload that file.";

/**
 * The encoding told by a file's first bytes (a BOM, or UTF-16's zero bytes), or null for "UTF-8,
 * unless a byte sequence further on is not valid UTF-8" (then Windows-1252), or why it is no CSV.
 */
export function sniffEncoding(head: Uint8Array): { encoding: CsvEncoding | null } | { problem: string } {
  if (head.length === 0) return { problem: "The file is empty." };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return { problem: "This is an Excel workbook (.xlsx), not a CSV file. In Excel choose File → Save As → CSV UTF-8, then upload that file." };
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8-bom" };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le" };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be" };
  return { encoding: guessUtf16(head) };
}

/**
 * A decoder fed the file piece by piece (a character split between two pieces is kept for the
 * next one); `last` marks the final piece. A BOM is dropped. With `fatal`, invalid UTF-8 throws.
 */
export function createDecoder(encoding: CsvEncoding, { fatal = false } = {}): (bytes: Uint8Array, last: boolean) => string {
  if (encoding === "windows-1252") return (bytes) => decodeWindows1252(bytes);
  // TextDecoder drops a leading BOM of its own encoding (ignoreBOM defaults to false).
  const decoder = new TextDecoder(encoding === "utf-8-bom" ? "utf-8" : encoding, { fatal });
  return (bytes, last) => {
    try {
      return decoder.decode(bytes, { stream: !last });
    } catch (err) {
      if (fatal) throw new NotUtf8Error();
      throw err;
    }
  };
}

/** Thrown by a fatal decoder at the first byte sequence that is not valid UTF-8. */
export class NotUtf8Error extends Error {
  constructor() {
    super("The file is not valid UTF-8.");
    this.name = "NotUtf8Error";
  }
}

/** UTF-16 without a BOM: ASCII text has a zero in every other byte. */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const half = n / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.05) return "utf-16le";
  if (evenZeros > half * 0.3 && oddZeros < half * 0.05) return "utf-16be";
  return null;
}

export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) control += 1;
  }
  return sample.length > 0 && control / sample.length > 0.01;
}

// 0x80–0x9F of Windows-1252 (curly quotes, dashes, €, ™); the rest is Latin-1. Written out because
// Node's TextDecoder treats the "windows-1252" label as plain Latin-1 in some builds.
const CP1252_HIGH = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    }
    parts.push(codes.join(""));
  }
  return parts.join("");
}

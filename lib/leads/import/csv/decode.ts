// Bytes of an uploaded file → text. Spreadsheet exports arrive as UTF-8 (with or without a
// BOM), UTF-16 (Excel's "Unicode text") or Windows-1252 (Excel's "CSV" on Windows, a superset of
// Latin-1's printable characters). Detected, never asked.

export type CsvEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";
export type Decoded = { text: string; encoding: CsvEncoding } | { problem: string };

export function decodeCsvBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { problem: "The file is empty." };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { problem: "This is an Excel workbook (.xlsx), not a CSV file. In Excel choose File → Save As → CSV UTF-8, then upload that file." };
  }
  let result: { text: string; encoding: CsvEncoding };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) result = { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) result = { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) result = { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  else {
    const utf16 = guessUtf16(bytes);
    if (utf16) result = { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
    else {
      try {
        result = { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
      } catch {
        result = { text: decodeWindows1252(bytes), encoding: "windows-1252" };
      }
    }
  }
  if (looksBinary(result.text)) return { problem: "This file does not look like a CSV (it contains binary data). Export the list as CSV and upload that file." };
  return result;
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

function looksBinary(text: string): boolean {
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

function decodeWindows1252(bytes: Uint8Array): string {
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

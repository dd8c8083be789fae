// E-mail addresses as mail servers accept them: ASCII, and internationalised (RFC 6531 local parts
// such as "renée.davis1@example.com", IDN domains such as "user@bücher.de"). Client-safe: forms,
// the import and the models check with the same code.
//
// Stored form: trimmed, NFC-normalised, lower-case, with the domain in Unicode as people type it
// (a punycode label "xn--bcher-kva" is decoded to "bücher"), so that one mailbox has one stored
// form however it was written and duplicate detection compares like with like.

export const EMAIL_MESSAGE = "Enter a valid e-mail address, such as name@example.com";

// atext (RFC 5322) plus any non-ASCII character that is not a space or a control (RFC 6531).
const LOCAL_CHAR = "[a-z0-9!#$%&'*+/=?^_`{|}~-]|[^\\x00-\\x7f\\s\\p{C}]";
const LOCAL = new RegExp(`^(?:${LOCAL_CHAR})+(?:\\.(?:${LOCAL_CHAR})+)*$`, "u");
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;
const TOP_LABEL = /^\p{L}[\p{L}\p{M}]+$/u;

export function normalizeEmail(input: string): string {
  const text = input.trim().normalize("NFC").toLowerCase();
  const at = text.lastIndexOf("@");
  if (at < 0) return text;
  const domain = text
    .slice(at + 1)
    .split(".")
    .map((label) => (label.startsWith("xn--") ? (decodePunycode(label.slice(4))?.normalize("NFC").toLowerCase() ?? label) : label))
    .join(".");
  return `${text.slice(0, at)}@${domain}`;
}

/** Whether a normalised address (normalizeEmail) is one a mail server accepts. */
export function isEmail(input: string): boolean {
  if (input.length > 254) return false;
  const parts = input.split("@");
  if (parts.length !== 2) return false;
  const [local, domain] = parts;
  if (!local || !domain || utf8Length(local) > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split(".");
  // A label still starting "xn--" after normalizeEmail is punycode that does not decode.
  return labels.length >= 2 && labels.every((l) => LABEL.test(l) && !l.startsWith("xn--")) && TOP_LABEL.test(labels[labels.length - 1]);
}

const UTF8 = new TextEncoder();
/** RFC 5321 counts the local part's 64 in octets. */
function utf8Length(text: string): number {
  return /^[\x00-\x7f]*$/.test(text) ? text.length : UTF8.encode(text).length;
}

// RFC 3492 (Punycode) decoding, for the "xn--" labels of internationalised domain names.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;

function adapt(delta: number, points: number, first: boolean): number {
  delta = first ? Math.floor(delta / 700) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = Math.floor(delta / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * delta) / (delta + 38));
}

function digitOf(code: number): number {
  if (code >= 48 && code <= 57) return code - 22;
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97;
  return BASE;
}

/** The Unicode of a punycode label without its "xn--", or null when it is not valid punycode. */
export function decodePunycode(input: string): string | null {
  const delimiter = input.lastIndexOf("-");
  const output = delimiter > 0 ? [...input.slice(0, delimiter)].map((c) => c.codePointAt(0)!) : [];
  if (output.some((c) => c >= 0x80)) return null;
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let at = delimiter >= 0 ? delimiter + 1 : 0; at < input.length; ) {
    const before = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) return null;
      const digit = digitOf(input.charCodeAt(at++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
    }
    bias = adapt(i - before, output.length + 1, before === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

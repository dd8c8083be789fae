// What an uploaded file really is, read from its bytes (never from its name or the browser's
// claim). Pure: no I/O, so it is unit-tested on hand-made bytes.

export type FileKind = "pdf" | "png" | "jpeg" | "gif" | "webp" | "heic" | "docx" | "xlsx";

export const FILE_KINDS: Record<FileKind, { contentType: string; extensions: string[]; label: string }> = {
  pdf: { contentType: "application/pdf", extensions: ["pdf"], label: "PDF" },
  png: { contentType: "image/png", extensions: ["png"], label: "PNG image" },
  jpeg: { contentType: "image/jpeg", extensions: ["jpg", "jpeg"], label: "JPEG image" },
  gif: { contentType: "image/gif", extensions: ["gif"], label: "GIF image" },
  webp: { contentType: "image/webp", extensions: ["webp"], label: "WebP image" },
  heic: { contentType: "image/heic", extensions: ["heic", "heif"], label: "HEIC photo" },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"], label: "Word document" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], label: "Excel workbook" },
};

export const ACCEPTED_TYPES_TEXT = "PDF, PNG, JPEG, GIF, WebP, HEIC, Word (.docx) or Excel (.xlsx)";

/** Bytes needed at the start of a file to tell its kind. */
export const SNIFF_HEAD_BYTES = 64;

export type HeadVerdict =
  | { kind: FileKind }
  /** A ZIP container: Word or Excel only once its entries are read (see zipOfficeKind). */
  | { kind: "zip" }
  | { refused: string };

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/** The kind a file's first bytes say it is, or why it is refused. */
export function sniffHead(head: Uint8Array): HeadVerdict {
  if (head.length === 0) return { refused: "The file is empty." };
  if (startsWith(head, ascii("%PDF-"))) return { kind: "pdf" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "png" };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: "jpeg" };
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return { kind: "gif" };
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return { kind: "webp" };
  if (startsWith(head, ascii("ftyp"), 4)) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    if (HEIF_BRANDS.has(brand)) return { kind: "heic" };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: "zip" };
  if (startsWith(head, ascii("MZ")) || startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) || isMachO(head) || startsWith(head, ascii("#!"))) {
    return { refused: `This file is a program, not a document. Upload a ${ACCEPTED_TYPES_TEXT} file.` };
  }
  return { refused: `This kind of file is not accepted (its content is not a ${ACCEPTED_TYPES_TEXT} file, whatever its name says).` };
}

function isMachO(head: Uint8Array): boolean {
  const magics = [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
  ];
  return magics.some((m) => startsWith(head, m));
}

const EOCD_SIG = 0x06054b50;
const CDIR_SIG = 0x02014b50;
/** How much of a ZIP's end is kept to read its directory: the end record's comment (64 KB) and a directory of a few thousand entries. */
export const ZIP_TAIL_BYTES = 512 * 1024;

/**
 * The entry names of a ZIP file, read from its central directory in `tail` (the file's last
 * bytes; `fileSize` its whole size). Null when the directory cannot be found in the tail.
 */
export function zipEntryNames(tail: Uint8Array, fileSize: number): string[] | null {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const tailStart = fileSize - tail.length;
  for (let at = tail.length - 22; at >= 0 && at >= tail.length - 22 - 0xffff; at--) {
    if (view.getUint32(at, true) !== EOCD_SIG) continue;
    const count = view.getUint16(at + 10, true);
    const dirSize = view.getUint32(at + 12, true);
    const dirOffset = view.getUint32(at + 16, true);
    let p = dirOffset - tailStart;
    // The directory lies wholly before its end record, within the kept tail.
    if (p < 0 || p + dirSize > at) continue;
    const names: string[] = [];
    const decoder = new TextDecoder("utf-8", { fatal: false });
    for (let i = 0; i < count; i++) {
      if (p + 46 > at || view.getUint32(p, true) !== CDIR_SIG) return null;
      const nameLen = view.getUint16(p + 28, true);
      const extraLen = view.getUint16(p + 30, true);
      const commentLen = view.getUint16(p + 32, true);
      names.push(decoder.decode(tail.subarray(p + 46, p + 46 + nameLen)));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  }
  return null;
}

/** Word or Excel, from a ZIP's entry names; a refusal for any other ZIP. */
export function zipOfficeKind(names: string[] | null): { kind: "docx" | "xlsx" } | { refused: string } {
  if (!names) return { refused: "This ZIP file could not be read as a Word or Excel document." };
  const set = new Set(names);
  if (set.has("[Content_Types].xml")) {
    if (set.has("word/document.xml")) return { kind: "docx" };
    if (set.has("xl/workbook.xml")) return { kind: "xlsx" };
  }
  return { refused: `ZIP archives are not accepted, only Word (.docx) and Excel (.xlsx) documents among ZIP-based files. Upload a ${ACCEPTED_TYPES_TEXT} file.` };
}

/** The extension of a name, lower case, without the dot ("" when none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1].toLowerCase() : "";
}

const MAX_NAME_CHARS = 150;

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control or
 * reserved characters, no leading dots, at most 150 characters, and an extension that says what
 * the content is (a photo named "contract.pdf" becomes "contract.pdf.png").
 */
export function sanitizeFilename(raw: string, kind?: FileKind): string {
  let name = String(raw ?? "").normalize("NFC");
  name = name.split(/[\\/]/).pop() ?? "";
  name = name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "")
    .replace(/[. ]+$/, "");
  if (!name) name = "file";
  if (kind) {
    const wanted = FILE_KINDS[kind].extensions;
    if (!wanted.includes(extensionOf(name))) name = `${name}.${wanted[0]}`;
  }
  if (name.length > MAX_NAME_CHARS) {
    const ext = extensionOf(name);
    const keep = MAX_NAME_CHARS - (ext ? ext.length + 1 : 0);
    name = `${name.slice(0, keep).trimEnd()}${ext ? `.${ext}` : ""}`;
  }
  return name;
}

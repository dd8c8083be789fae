// Small real files for tests: the first bytes of each accepted kind, and ZIP containers built
// here (stored entries, real CRCs) for Word, Excel and plain archives.
import { crc32 } from "node:zlib";

const ascii = (s: string) => Buffer.from(s, "latin1");

export function pdfBytes(bodyBytes = 200): Uint8Array {
  return new Uint8Array(Buffer.concat([ascii("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Buffer.alloc(bodyBytes, 0x20), ascii("\n%%EOF\n")]));
}

export function pngBytes(): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 1)]));
}

export function jpegBytes(): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), ascii("JFIF\0"), Buffer.alloc(120, 2)]));
}

/** A Windows program (MZ header), whatever it is named. */
export function exeBytes(): Uint8Array {
  return new Uint8Array(Buffer.concat([ascii("MZ\x90\x00"), Buffer.alloc(200, 0)]));
}

export function zipBytes(entries: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBuf = Buffer.from(name, "utf8");
    const data = Buffer.from(text, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

export function docxBytes(padding = 0): Uint8Array {
  return zipBytes({ "[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>", "word/document.xml": `<w:document>${"x".repeat(padding)}</w:document>` });
}

export function xlsxBytes(): Uint8Array {
  return zipBytes({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": "<worksheet/>" });
}

/** `total` bytes of a PDF in `chunk`-sized pieces, counting how many were pulled. */
export function bigPdfStream(total: number, chunk = 1024 * 1024) {
  const state = { pulled: 0 };
  async function* gen() {
    const head = pdfBytes(0);
    yield head;
    state.pulled += head.length;
    const piece = new Uint8Array(chunk).fill(0x20);
    while (state.pulled < total) {
      state.pulled += piece.length;
      yield piece;
    }
  }
  return { body: gen(), state };
}

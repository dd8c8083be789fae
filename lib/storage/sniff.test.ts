import { describe, expect, it } from "vitest";
import { inspectUpload } from "./inspect-upload";
import { sanitizeFilename, sniffHead, zipEntryNames, zipOfficeKind } from "./sniff";
import { bigPdfStream, docxBytes, exeBytes, jpegBytes, pdfBytes, pngBytes, xlsxBytes, zipBytes } from "./testing/files";

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

async function inspect(body: Parameters<typeof inspectUpload>[0], maxBytes = 1024 * 1024, accept?: Parameters<typeof inspectUpload>[1]["accept"]) {
  const run = inspectUpload(body, { field: "file", maxBytes, accept });
  const out: Uint8Array[] = [];
  for await (const c of run.chunks) out.push(c);
  return { ...run.done(), bytes: Buffer.concat(out) };
}

describe("sniffHead", () => {
  it("tells each accepted kind from its first bytes", () => {
    expect(sniffHead(pdfBytes())).toEqual({ kind: "pdf" });
    expect(sniffHead(pngBytes())).toEqual({ kind: "png" });
    expect(sniffHead(jpegBytes())).toEqual({ kind: "jpeg" });
    expect(sniffHead(text("GIF89a\x01\x00"))).toEqual({ kind: "gif" });
    expect(sniffHead(text("RIFF\x10\x00\x00\x00WEBPVP8 "))).toEqual({ kind: "webp" });
    expect(sniffHead(text("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"))).toEqual({ kind: "heic" });
    expect(sniffHead(docxBytes())).toEqual({ kind: "zip" });
  });

  it("refuses programs and unknown content, whatever the name", () => {
    expect(sniffHead(exeBytes())).toEqual({ refused: expect.stringContaining("program") });
    expect(sniffHead(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1))).toEqual({ refused: expect.stringContaining("program") });
    expect(sniffHead(text("#!/bin/sh\nrm -rf /\n"))).toEqual({ refused: expect.stringContaining("program") });
    expect(sniffHead(text("<html><script>alert(1)</script>"))).toEqual({ refused: expect.stringContaining("not accepted") });
    expect(sniffHead(text("\x00\x00\x00\x18ftypisom"))).toEqual({ refused: expect.stringContaining("not accepted") });
    expect(sniffHead(new Uint8Array())).toEqual({ refused: "The file is empty." });
  });
});

describe("ZIP-based documents", () => {
  it("are Word or Excel by their entries, any other ZIP is refused", () => {
    const docx = docxBytes();
    expect(zipOfficeKind(zipEntryNames(docx, docx.length))).toEqual({ kind: "docx" });
    const xlsx = xlsxBytes();
    expect(zipOfficeKind(zipEntryNames(xlsx, xlsx.length))).toEqual({ kind: "xlsx" });
    const plain = zipBytes({ "setup.exe": "MZ", "readme.txt": "hi" });
    expect(zipEntryNames(plain, plain.length)).toEqual(["setup.exe", "readme.txt"]);
    expect(zipOfficeKind(zipEntryNames(plain, plain.length))).toEqual({ refused: expect.stringContaining("ZIP archives are not accepted") });
    // Cut off before its directory: unreadable.
    expect(zipOfficeKind(zipEntryNames(docx.subarray(0, 60), docx.length))).toEqual({ refused: expect.stringContaining("could not be read") });
  });

  it("reads the directory from the kept tail of a file that arrived in pieces", async () => {
    const docx = docxBytes(3 * 1024 * 1024);
    const pieces = [docx.subarray(0, 10), docx.subarray(10, 1024 * 1024), docx.subarray(1024 * 1024)];
    const result = await inspect(pieces, 10 * 1024 * 1024);
    expect(result.kind).toBe("docx");
    expect(result.size).toBe(docx.length);
    expect(Buffer.compare(result.bytes, Buffer.from(docx))).toBe(0);
  });
});

describe("inspectUpload", () => {
  it("passes the bytes through and gives kind, size and hash", async () => {
    const pdf = pdfBytes();
    const result = await inspect([pdf.subarray(0, 3), pdf.subarray(3)]);
    expect(result).toMatchObject({ kind: "pdf", contentType: "application/pdf", size: pdf.length });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.compare(result.bytes, Buffer.from(pdf))).toBe(0);
  });

  it("refuses an executable renamed .pdf before passing on a byte, naming the field", async () => {
    const run = inspectUpload(exeBytes(), { field: "contract", maxBytes: 1024 * 1024 });
    await expect(run.chunks.next()).rejects.toMatchObject({ code: "bad_request", fieldErrors: { contract: [expect.stringContaining("program")] } });
  });

  it("refuses a 200 MB upload as soon as it passes the limit, without reading the rest", async () => {
    const { body, state } = bigPdfStream(200 * 1024 * 1024);
    await expect(inspect(body, 25 * 1024 * 1024)).rejects.toMatchObject({ fieldErrors: { file: [expect.stringContaining("larger than 25 MB")] } });
    expect(state.pulled).toBeLessThanOrEqual(26 * 1024 * 1024 + 64);
  });

  it("accepts only the kinds asked for", async () => {
    await expect(inspect(pngBytes(), 1024, ["pdf"])).rejects.toMatchObject({ fieldErrors: { file: [expect.stringContaining("PNG image is not accepted")] } });
    await expect(inspect(docxBytes(), 1024, ["pdf", "png"])).rejects.toMatchObject({ fieldErrors: { file: [expect.stringContaining("ZIP-based")] } });
    await expect(inspect(xlsxBytes(), 1024, ["pdf", "docx"])).rejects.toMatchObject({ fieldErrors: { file: [expect.stringContaining("Excel workbook is not accepted")] } });
    expect((await inspect(xlsxBytes(), 1024, ["xlsx"])).kind).toBe("xlsx");
  });

  it("takes a file shorter than the sniffed head", async () => {
    expect((await inspect(text("%PDF-1.4"))).size).toBe(8);
    await expect(inspect([new Uint8Array()])).rejects.toMatchObject({ fieldErrors: { file: ["The file is empty."] } });
  });
});

describe("sanitizeFilename", () => {
  it("keeps a plain name and drops folders, control characters and leading dots", () => {
    expect(sanitizeFilename("Purchase contract.pdf", "pdf")).toBe("Purchase contract.pdf");
    expect(sanitizeFilename("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(sanitizeFilename("C:\\Users\\me\\scan.JPG", "jpeg")).toBe("scan.JPG");
    expect(sanitizeFilename("..hidden\u0000\u202e.pdf", "pdf")).toBe("hidden.pdf");
    expect(sanitizeFilename('a<b>:"c|?*.pdf', "pdf")).toBe("a_b___c___.pdf");
    expect(sanitizeFilename("   ", "png")).toBe("file.png");
  });

  it("gives the name the extension of its content, and at most 150 characters", () => {
    expect(sanitizeFilename("photo.pdf", "png")).toBe("photo.pdf.png");
    expect(sanitizeFilename("invoice.exe", "pdf")).toBe("invoice.exe.pdf");
    const long = sanitizeFilename(`${"x".repeat(400)}.pdf`, "pdf");
    expect(long).toHaveLength(150);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});

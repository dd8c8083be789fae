// Files written by the demo seed as the storage keeps them (a stored_files record, a GridFS files
// document and its chunks), built without a database so the seed can batch them like the rest of
// its data. The files themselves are small real PDFs that say they are demo documents.
import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { GRIDFS_BUCKET, GRIDFS_CHUNK_BYTES } from "./gridfs-layout";

/** A one-page PDF with a title and lines of text (ASCII), valid enough for any viewer. */
export function simplePdf(title: string, lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[^\x20-\x7e]/g, "?").replace(/([\\()])/g, "\\$1");
  const text = [`BT /F1 18 Tf 72 720 Td (${esc(title)}) Tj ET`, ...lines.map((l, i) => `BT /F1 11 Tf 72 ${690 - i * 16} Td (${esc(l)}) Tj ET`)].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

export type DemoFile = {
  id: Types.ObjectId;
  tenantId: Types.ObjectId;
  owner: { type: "deal" | "buyer"; id: Types.ObjectId };
  filename: string;
  bytes: Buffer;
  at: Date;
  uploadedBy?: Types.ObjectId;
};

/** The documents of one stored PDF: its record, its GridFS files document and chunks. */
export function demoFileDocs(f: DemoFile): { record: Record<string, unknown>; blob: Record<string, unknown>; chunks: Record<string, unknown>[] } {
  const chunks: Record<string, unknown>[] = [];
  for (let n = 0; n * GRIDFS_CHUNK_BYTES < f.bytes.length; n++) {
    chunks.push({ _id: new Types.ObjectId(createHash("sha1").update(`${f.id.toHexString()}:${n}`).digest("hex").slice(0, 24)), files_id: f.id, n, data: f.bytes.subarray(n * GRIDFS_CHUNK_BYTES, (n + 1) * GRIDFS_CHUNK_BYTES) });
  }
  return {
    record: {
      _id: f.id,
      tenant_id: f.tenantId,
      owner_type: f.owner.type,
      owner_id: f.owner.id,
      filename: f.filename,
      content_type: "application/pdf",
      kind: "pdf",
      size: f.bytes.length,
      sha256: createHash("sha256").update(f.bytes).digest("hex"),
      backend: "gridfs",
      ...(f.uploadedBy ? { uploaded_by: f.uploadedBy } : {}),
      created_at: f.at,
      updated_at: f.at,
    },
    blob: { _id: f.id, length: f.bytes.length, chunkSize: GRIDFS_CHUNK_BYTES, uploadDate: f.at, filename: f.id.toHexString(), metadata: { tenant_id: f.tenantId } },
    chunks,
  };
}

export { GRIDFS_BUCKET };

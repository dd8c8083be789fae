import "server-only";
import { tenantObjectId, type TenantContext } from "@/lib/db/tenant-context";
import { AppError } from "@/lib/errors";
import { LeadImportChunk } from "@/models/lead-import";
import { decodeCsvBytes, type CsvEncoding } from "./csv/decode";
import { detectDelimiter, parseCsv, type CsvRecord } from "./csv/parse-csv";
import { derivedObjectId } from "./derived-id";

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
export const MAX_CELL_CHARS = 10_000;
export const MAX_COLUMNS = 500;

export function chunkId(importId: string, seq: number) {
  // The import's own id carries the time; pieces need only be stable.
  return derivedObjectId(new Date(0), "lead-import-chunk", importId, seq);
}

/** The uploaded file's bytes, piece by piece (each read by primary key). */
export async function readImportBytes(ctx: TenantContext, importId: string, chunkCount: number): Promise<Uint8Array> {
  const tenantId = String(tenantObjectId(ctx));
  const pieces: Buffer[] = [];
  for (let seq = 0; seq < chunkCount; seq++) {
    // By _id alone (a primary-key lookup on FerretDB), then the tenant is checked here.
    const chunk = await LeadImportChunk.findOne({ _id: chunkId(importId, seq) }).setOptions({ allTenants: true }).lean();
    if (!chunk || String(chunk.tenant_id) !== tenantId) throw new AppError("bad_request", `Part ${seq + 1} of the file is missing. Upload the file again.`);
    const data = chunk.data as unknown as { buffer?: Uint8Array } | Uint8Array | undefined;
    pieces.push(Buffer.from(data instanceof Uint8Array ? data : (data?.buffer ?? new Uint8Array())));
  }
  return new Uint8Array(Buffer.concat(pieces));
}

/** A request body of at most `max` bytes: a bigger one is refused as it arrives, before it fills memory. */
export async function readRequestBytes(request: Request, max: number): Promise<Uint8Array> {
  if (Number(request.headers.get("content-length") ?? 0) > max) throw new AppError("bad_request", "File part too large.");
  const reader = request.body?.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.length;
    if (size > max) {
      await reader!.cancel();
      throw new AppError("bad_request", "File part too large.");
    }
    parts.push(next.value);
  }
  return new Uint8Array(Buffer.concat(parts));
}

export type ParsedFile = { encoding: CsvEncoding; delimiter: string; headers: string[]; rows: CsvRecord[] };

/** Decodes and parses a whole file, or explains in one sentence why it cannot be imported. */
export function parseImportFile(bytes: Uint8Array): ParsedFile {
  if (bytes.length > MAX_FILE_BYTES) throw new AppError("bad_request", `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the most an import takes is 50 MB. Split the list into smaller files.`);
  const decoded = decodeCsvBytes(bytes);
  if ("problem" in decoded) throw new AppError("bad_request", decoded.problem);
  // Excel names the delimiter in a first line "sep=;" when asked to: that line is not the header.
  // It becomes a blank line, so line numbers in messages still match the file.
  const sep = /^"?sep=([,;\t|])"?(\r\n|\n|\r)/i.exec(decoded.text);
  const text = sep ? `\n${decoded.text.slice(sep[0].length)}` : decoded.text;
  const delimiter = sep ? sep[1] : detectDelimiter(text);
  const records = parseCsv(text, { delimiter, maxCell: MAX_CELL_CHARS });
  const first = records.next();
  if (first.done) throw new AppError("bad_request", "The file is empty.");
  const header = first.value;
  if (header.unterminatedQuote) throw new AppError("bad_request", "The header row has a quote that is never closed. Fix the first line of the file and upload it again.");
  if (header.cells.length > MAX_COLUMNS) throw new AppError("bad_request", `The file has ${header.cells.length} columns; the most an import takes is ${MAX_COLUMNS}.`);
  const headers = uniqueHeaders(header.cells);
  const rows = [...records];
  if (!rows.length) throw new AppError("bad_request", "The file has a header row but no data rows.");
  return { encoding: decoded.encoding, delimiter, headers, rows };
}

/** Blank headers get "Column N"; repeated ones get " (2)", " (3)" so every column can be told apart. */
export function uniqueHeaders(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.trim().replace(/\s+/g, " ").slice(0, 100) || `Column ${i + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** The problem of a parsed record before its values are looked at, if any. */
export function recordProblem(record: CsvRecord, headers: readonly string[]): string | null {
  if (record.unterminatedQuote) return `A quote opened on line ${record.line} is never closed; this row was read as one broken line. Fix its quotes and import it again.`;
  if (record.tooLong) {
    return `The value in "${headers[record.tooLong.column] ?? `column ${record.tooLong.column + 1}`}" has ${record.tooLong.length.toLocaleString("en-US")} characters; a cell may hold at most ${MAX_CELL_CHARS.toLocaleString("en-US")}.`;
  }
  const extra = record.cells.slice(headers.length);
  if (extra.some((c) => c.trim() !== "")) {
    // The report has the header's columns only: the values past them are kept here, in the reason.
    const past = extra.map((c) => `"${c.length > 200 ? `${c.slice(0, 200)}…` : c}"`).join(", ");
    return `This row has ${record.cells.length} values but the header has ${headers.length} columns (a comma inside a value that is not in quotes?). Values past the last column: ${past}`.slice(0, 1900);
  }
  return null;
}

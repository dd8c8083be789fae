import "server-only";
import { tenantObjectId, type TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { chunkSlots, expectedChunkBytes, MAX_UPLOAD_BYTES } from "@/lib/uploads/limits";
import { LeadImportChunk } from "@/models/lead-import";
import { BINARY_PROBLEM, createDecoder, looksBinary, NotUtf8Error, sniffEncoding, type CsvEncoding } from "./csv/decode";
import { detectDelimiter, type CsvRecord } from "./csv/parse-csv";
import { eventLoopSlicer, parseCsvStream, RecordTooLongError } from "./csv/stream-csv";
import { derivedObjectId } from "./derived-id";

export const MAX_FILE_BYTES = MAX_UPLOAD_BYTES;
export const MAX_CELL_CHARS = 10_000;
export const MAX_COLUMNS = 500;
/**
 * The most rows one import takes. Bigger lists are split by the user: a file is read several
 * times (checked on upload, previewed, imported), so this bounds the work one import can ask of
 * the server, and it keeps a mistaken export (one million rows of nothing) from being taken in.
 */
export const MAX_IMPORT_ROWS = 250_000;

export function chunkId(importId: string, seq: number) {
  // The import's own id carries the time; pieces need only be stable.
  return derivedObjectId(new Date(0), "lead-import-chunk", importId, seq);
}

/** The stored pieces of an upload, read one at a time (each by primary key) as they are consumed. */
async function* storedChunks(ctx: TenantContext, importId: string, fileSize: number): AsyncGenerator<Uint8Array> {
  const tenantId = String(tenantObjectId(ctx));
  const slots = chunkSlots(fileSize);
  for (let seq = 0; seq < slots; seq++) {
    // By _id alone (a primary-key lookup on FerretDB), then the tenant is checked here.
    const chunk = await LeadImportChunk.findOne({ _id: chunkId(importId, seq) }).setOptions({ allTenants: true }).lean();
    if (!chunk || String(chunk.tenant_id) !== tenantId) throw new AppError("bad_request", `Part ${seq + 1} of the file is missing. Upload the file again.`);
    const data = chunk.data as unknown as { buffer?: Uint8Array } | Uint8Array | undefined;
    const bytes = data instanceof Uint8Array ? data : (data?.buffer ?? new Uint8Array());
    if (bytes.length !== expectedChunkBytes(fileSize, seq)) throw new AppError("bad_request", `Part ${seq + 1} of the file is incomplete. Upload the file again.`);
    yield bytes;
  }
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

/** An uploaded file opened for reading: its header, and its data rows as they are read. */
export type ImportFile = { encoding: CsvEncoding; delimiter: string; headers: string[]; rows: AsyncGenerator<CsvRecord> };

type StoredFile = { _id: unknown; file_size: number; encoding?: string | null; delimiter?: string | null };

/**
 * Opens an upload for one pass over its rows, reading the stored pieces only as rows are taken:
 * a reader that stops early (a preview) reads only the first pieces. The encoding and delimiter
 * found when the file was checked are reused; a file not checked yet has them detected.
 * Throws, in one sentence the user can act on, when the file cannot be imported.
 */
export async function openImportFile(ctx: TenantContext, imp: StoredFile, { encoding: forced }: { encoding?: CsvEncoding } = {}): Promise<ImportFile> {
  const chunks = storedChunks(ctx, String(imp._id), imp.file_size);
  const head = await chunks.next();
  const first = head.done ? new Uint8Array() : head.value;
  const sniffed = sniffEncoding(first);
  if ("problem" in sniffed) throw new AppError("bad_request", sniffed.problem);
  const encoding = forced ?? (imp.encoding as CsvEncoding | undefined) ?? sniffed.encoding ?? "utf-8";
  // Not told by a BOM and not checked yet: UTF-8 only if every byte is (a decoding error says otherwise).
  const decode = createDecoder(encoding, { fatal: !forced && !imp.encoding && !sniffed.encoding });

  let firstText = decode(first, chunkSlots(imp.file_size) === 1);
  if (looksBinary(firstText)) throw new AppError("bad_request", BINARY_PROBLEM);
  // Excel names the delimiter in a first line "sep=;" when asked to: that line is not the header.
  // It becomes a blank line, so line numbers in messages still match the file.
  const sep = /^"?sep=([,;\t|])"?(\r\n|\n|\r)/i.exec(firstText);
  if (sep) firstText = `\n${firstText.slice(sep[0].length)}`;
  const delimiter = imp.delimiter || (sep ? sep[1] : detectDelimiter(firstText));

  async function* pieces(): AsyncGenerator<string> {
    yield firstText;
    let next = await chunks.next();
    while (!next.done) {
      const following = await chunks.next();
      yield decode(next.value, following.done === true);
      next = following;
    }
  }
  const records = parseCsvStream(pieces(), { delimiter, maxCell: MAX_CELL_CHARS });
  const header = await records.next();
  if (header.done) throw new AppError("bad_request", "The file is empty.");
  if (header.value.unterminatedQuote) throw new AppError("bad_request", "The header row has a quote that is never closed. Fix the first line of the file and upload it again.");
  if (header.value.cells.length > MAX_COLUMNS) throw new AppError("bad_request", `The file has ${header.value.cells.length} columns; the most an import takes is ${MAX_COLUMNS}.`);
  return { encoding, delimiter, headers: uniqueHeaders(header.value.cells), rows: records };
}

export type CheckedFile = { encoding: CsvEncoding; delimiter: string; headers: string[]; rowCount: number };

/**
 * Reads a whole upload once, piece by piece, to check it can be imported and count its rows,
 * stopping at the first reason it cannot (MAX_IMPORT_ROWS among them). Memory stays at about
 * one piece, and the event loop is handed back every few milliseconds.
 */
export async function checkImportFile(ctx: TenantContext, imp: StoredFile): Promise<CheckedFile> {
  const unchecked = { ...imp, encoding: null, delimiter: null };
  try {
    try {
      return await countRows(await openImportFile(ctx, unchecked));
    } catch (err) {
      // Not valid UTF-8 somewhere: Excel's "CSV" on Windows (Windows-1252). Read again as that.
      if (!(err instanceof NotUtf8Error)) throw err;
      return await countRows(await openImportFile(ctx, unchecked, { encoding: "windows-1252" }));
    }
  } catch (err) {
    if (err instanceof RecordTooLongError) throw new AppError("bad_request", `${err.message} A cell may hold at most ${MAX_CELL_CHARS.toLocaleString("en-US")} characters: check that this line's quotes are closed, or export the list again.`);
    throw err;
  }
}

async function countRows(file: ImportFile): Promise<CheckedFile> {
  let rowCount = 0;
  for await (const record of file.rows) {
    void record;
    rowCount += 1;
    if (rowCount > MAX_IMPORT_ROWS) {
      await file.rows.return(undefined);
      throw new AppError("bad_request", `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows; the most one import takes is ${MAX_IMPORT_ROWS.toLocaleString("en-US")}. Split the list into smaller files and import them one after the other.`);
    }
  }
  if (!rowCount) throw new AppError("bad_request", "The file has a header row but no data rows.");
  return { encoding: file.encoding, delimiter: file.delimiter, headers: file.headers, rowCount };
}

/** Each row of an opened file with its index, handing the event loop back between slices. */
export async function* importRows(file: ImportFile): AsyncGenerator<{ row: number; record: CsvRecord }> {
  const pause = eventLoopSlicer();
  let row = 0;
  for await (const record of file.rows) {
    yield { row: row++, record };
    const wait = pause();
    if (wait) await wait;
  }
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

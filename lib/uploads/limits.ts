// The limits every upload of the app goes through: lead CSV imports today, buyer imports, deal
// documents and proof-of-funds files next. A file arrives in numbered pieces of UPLOAD_CHUNK_BYTES
// after its size was declared; a piece must be exactly the declared file's piece at that place,
// so what is stored can never exceed what was declared. Uploads not yet put to use ("pending")
// are capped per user and per company, in number and in bytes, and an upload abandoned for
// ABANDONED_UPLOAD_MS is deleted by the hourly maintenance job. A module that stores uploads:
// 1. checks the declared size with checkDeclaredSize and the room with assertUploadRoom, giving it
//    its own pending uploads (see pendingImportUploads in lib/leads/import/upload-quota.ts),
// 2. stores each piece only after assertChunkFits,
// 3. purges its abandoned uploads from lib/maintenance.ts.
import { AppError } from "@/lib/core/errors";

const MB = 1024 * 1024;

/** Size of every piece of an upload but the last. */
export const UPLOAD_CHUNK_BYTES = 4 * MB;
/** The biggest file one upload takes. */
export const MAX_UPLOAD_BYTES = 50 * MB;
/** Uploads one person may have waiting (uploaded or uploading, not yet imported or attached). */
export const MAX_PENDING_UPLOADS_PER_USER = 5;
export const MAX_PENDING_UPLOAD_BYTES_PER_USER = 100 * MB;
/** The same for a whole company (every member together). */
export const MAX_PENDING_UPLOADS_PER_COMPANY = 20;
export const MAX_PENDING_UPLOAD_BYTES_PER_COMPANY = 250 * MB;
/** An upload still pending this long after it was created is abandoned: maintenance deletes it. */
export const ABANDONED_UPLOAD_MS = 24 * 60 * 60 * 1000;

export type PendingUploads = { user: { count: number; bytes: number }; company: { count: number; bytes: number } };

const mb = (bytes: number) => `${Math.round(bytes / MB).toLocaleString("en-US")} MB`;

/** A declared file size an upload may start with. */
export function checkDeclaredSize(size: number, max = MAX_UPLOAD_BYTES): void {
  if (!Number.isInteger(size) || size < 0) throw new AppError("bad_request", "Invalid file size.");
  if (size === 0) throw new AppError("bad_request", "The file is empty.");
  if (size > max) throw new AppError("bad_request", `The file is ${(size / MB).toFixed(1)} MB; the most an upload takes is ${mb(max)}. Split it into smaller files.`);
}

/** How many pieces a file of this declared size arrives in. */
export function chunkSlots(declaredSize: number): number {
  return Math.max(1, Math.ceil(declaredSize / UPLOAD_CHUNK_BYTES));
}

/** The exact size of piece `seq` of a file of this declared size. */
export function expectedChunkBytes(declaredSize: number, seq: number): number {
  return Math.min(UPLOAD_CHUNK_BYTES, declaredSize - seq * UPLOAD_CHUNK_BYTES);
}

/** Refuses a piece that is not the declared file's piece at that place (past its end, or of another size). */
export function assertChunkFits(declaredSize: number, seq: number, length: number): void {
  const slots = chunkSlots(declaredSize);
  if (!Number.isInteger(seq) || seq < 0 || seq >= slots) {
    throw new AppError("bad_request", `Invalid file part: a file of ${declaredSize.toLocaleString("en-US")} bytes has ${slots} part${slots === 1 ? "" : "s"}.`);
  }
  const expected = expectedChunkBytes(declaredSize, seq);
  if (length !== expected) {
    throw new AppError("bad_request", `File part ${seq + 1} has ${length.toLocaleString("en-US")} bytes; the file declared ${declaredSize.toLocaleString("en-US")} bytes, so it must have ${expected.toLocaleString("en-US")}. Upload the file again.`);
  }
}

/** Refuses a new upload of `size` bytes when the person's or the company's pending uploads are full. */
export function assertUploadRoom(pending: PendingUploads, size: number, what = "upload"): void {
  const plural = `${what}s`;
  if (pending.user.count >= MAX_PENDING_UPLOADS_PER_USER) {
    throw new AppError("limit_reached", `You have ${pending.user.count} ${plural} waiting to be finished; the most is ${MAX_PENDING_UPLOADS_PER_USER}. Finish or discard one of them first.`);
  }
  if (pending.user.bytes + size > MAX_PENDING_UPLOAD_BYTES_PER_USER) {
    throw new AppError("limit_reached", `Your ${plural} waiting to be finished already hold ${mb(pending.user.bytes)}; with this file they would pass the ${mb(MAX_PENDING_UPLOAD_BYTES_PER_USER)} limit. Finish or discard one of them first.`);
  }
  if (pending.company.count >= MAX_PENDING_UPLOADS_PER_COMPANY) {
    throw new AppError("limit_reached", `Your company has ${pending.company.count} ${plural} waiting to be finished; the most is ${MAX_PENDING_UPLOADS_PER_COMPANY}. Finish or discard some of them first (unfinished ones are deleted after a day).`);
  }
  if (pending.company.bytes + size > MAX_PENDING_UPLOAD_BYTES_PER_COMPANY) {
    throw new AppError("limit_reached", `Your company's ${plural} waiting to be finished already hold ${mb(pending.company.bytes)}; with this file they would pass the ${mb(MAX_PENDING_UPLOAD_BYTES_PER_COMPANY)} limit. Finish or discard some of them first (unfinished ones are deleted after a day).`);
  }
}

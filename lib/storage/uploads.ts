// Browser uploads in pieces: a request through the app's proxy carries at most 10 MB, so a file
// arrives as numbered pieces of UPLOAD_CHUNK_BYTES (the lead import's scheme, lib/uploads/limits.ts)
// into an upload of the person who started it; the module that owns the file then takes it into
// storage with putFile's checks (takeUpload). The first piece is checked at once, so a program
// named .pdf is refused before the rest is sent.
import "server-only";
import { Types } from "mongoose";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { ABANDONED_UPLOAD_MS, assertChunkFits, checkDeclaredSize, chunkSlots, UPLOAD_CHUNK_BYTES, type PendingUploads } from "@/lib/uploads/limits";
import { FileUpload, FileUploadPart } from "@/models/file-upload";
import { derivedObjectId, insertIgnoringDuplicates } from "@/lib/leads/import/derived-id";
import { withUploadRoom } from "@/lib/uploads/room";
import { maxFileBytes } from "./config";
import { putFile, type PutFileInput, type StoredFileInfo } from "./index";
import { uploadError } from "./inspect-upload";
import { sniffHead } from "./sniff";

export { UPLOAD_CHUNK_BYTES } from "@/lib/uploads/limits";

type UploadRow = { _id: Types.ObjectId; user_id?: Types.ObjectId | null; filename: string; file_size: number };

function mine(ctx: TenantContext, row: UploadRow | null): row is UploadRow {
  return !!row && String(row.user_id ?? "") === (ctx.userId ?? "");
}

async function findMine(ctx: TenantContext, id: string, field: string): Promise<UploadRow> {
  const row = await scoped(ctx, FileUpload).findById(id).lean<UploadRow>();
  if (!mine(ctx, row)) throw new AppError("not_found", "This upload was not found. Upload the file again.", { [field]: ["This upload was not found. Upload the file again."] });
  return row;
}

async function pendingUploads(ctx: TenantContext): Promise<PendingUploads> {
  const rows = await scoped(ctx, FileUpload).find({}, { user_id: 1, file_size: 1 }).lean<UploadRow[]>();
  const own = rows.filter((r) => mine(ctx, r));
  const bytes = (list: UploadRow[]) => list.reduce((n, r) => n + (r.file_size ?? 0), 0);
  return { user: { count: own.length, bytes: bytes(own) }, company: { count: rows.length, bytes: bytes(rows) } };
}

/** Starts an upload of a file of `size` bytes; its pieces are then sent with putUploadPart. */
export async function startUpload(ctx: TenantContext, input: { filename: unknown; size: unknown; field?: string }): Promise<{ id: string; chunkBytes: number; parts: number }> {
  const field = input.field ?? "file";
  const filename = typeof input.filename === "string" ? input.filename.trim() : "";
  if (!filename) throw uploadError(field, "The file has no name.");
  if (filename.length > 500) throw uploadError(field, "The file name is too long (at most 500 characters).");
  const size = Number(input.size);
  let created;
  try {
    checkDeclaredSize(size, maxFileBytes());
    created = await withUploadRoom(ctx, "files", size, "upload", () => pendingUploads(ctx), () =>
      scoped(ctx, FileUpload).create({ filename, file_size: size, ...(ctx.userId ? { user_id: new Types.ObjectId(ctx.userId) } : {}) }),
    );
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, err.message, { [field]: [err.message] });
    throw err;
  }
  return { id: String(created._id), chunkBytes: UPLOAD_CHUNK_BYTES, parts: chunkSlots(size) };
}

/** Stores piece `seq` of an upload (sent again, it replaces the earlier copy). */
export async function putUploadPart(ctx: TenantContext, id: string, seq: number, data: Uint8Array, field = "file"): Promise<void> {
  const upload = await findMine(ctx, id, field);
  try {
    assertChunkFits(upload.file_size, seq, data.length);
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, err.message, { [field]: [err.message] });
    throw err;
  }
  if (seq === 0) {
    const verdict = sniffHead(data.subarray(0, 64));
    if ("refused" in verdict) {
      await discardUpload(ctx, id);
      throw uploadError(field, verdict.refused);
    }
  }
  // One row per piece whatever arrives at once: its _id is derived from the upload and the piece
  // (20 copies of one piece sent together stored 14 rows, 14 times the declared size).
  const parts = scoped(ctx, FileUploadPart);
  const _id = derivedObjectId(new Date(0), "file-upload-part", String(upload._id), seq);
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  await parts.deleteMany({ upload_id: upload._id, seq, _id: { $ne: _id } });
  const fresh = await insertIgnoringDuplicates(() => parts.create({ _id, upload_id: upload._id, seq, data: bytes }));
  if (!fresh) await parts.updateOne({ _id }, { $set: { data: bytes } });
}

/**
 * Takes a finished upload into storage for `input.owner` with every check of putFile, and
 * deletes the upload. A missing piece, or a refused file, is an error naming the field.
 */
export async function takeUpload(ctx: TenantContext, id: string, input: Omit<PutFileInput, "filename">): Promise<StoredFileInfo> {
  const field = input.field ?? "file";
  if (!isObjectIdString(id)) throw uploadError(field, "Choose a file to upload.");
  const upload = await findMine(ctx, id, field);
  const parts = scoped(ctx, FileUploadPart);
  const present = await parts.find({ upload_id: upload._id }, { seq: 1 }).lean<{ seq: number }[]>();
  const seqs = new Set(present.map((p) => p.seq));
  const slots = chunkSlots(upload.file_size);
  for (let seq = 0; seq < slots; seq++) {
    if (!seqs.has(seq)) throw uploadError(field, `Part ${seq + 1} of ${slots} of the file has not arrived. Upload the file again.`);
  }
  async function* body(): AsyncGenerator<Uint8Array> {
    for (let seq = 0; seq < slots; seq++) {
      const part = await parts.findOne({ upload_id: upload._id, seq }).lean<{ data: { buffer?: Uint8Array } | Uint8Array }>();
      if (!part) throw uploadError(field, `Part ${seq + 1} of the file is missing. Upload the file again.`);
      const data = part.data instanceof Uint8Array ? part.data : (part.data.buffer ?? new Uint8Array());
      yield data;
    }
  }
  try {
    return await putFile(ctx, { ...input, filename: upload.filename }, body());
  } finally {
    // Taken or refused, the pieces are done with (a refused file would be refused again).
    await discardUpload(ctx, id);
  }
}

/** The person who started an upload discards it; anyone else's (another member's too) is not found. */
export async function discardMyUpload(ctx: TenantContext, id: string): Promise<void> {
  if (!isObjectIdString(id)) throw new AppError("not_found", "This upload was not found.");
  await findMine(ctx, id, "file");
  await discardUpload(ctx, id);
}

/** Deletes an upload and its pieces (the pieces first). */
export async function discardUpload(ctx: TenantContext, id: string): Promise<void> {
  if (!isObjectIdString(id)) return;
  const _id = new Types.ObjectId(id);
  await scoped(ctx, FileUploadPart).deleteMany({ upload_id: _id });
  await scoped(ctx, FileUpload).deleteMany({ _id });
}

/** Deletes a company's uploads abandoned for ABANDONED_UPLOAD_MS (hourly maintenance). */
export async function purgeAbandonedFileUploads(ctx: TenantContext, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_UPLOAD_MS);
  const old = await scoped(ctx, FileUpload).find({ created_at: { $lt: cutoff } }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  for (const u of old) await discardUpload(ctx, String(u._id));
  return old.length;
}

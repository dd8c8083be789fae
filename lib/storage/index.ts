// The one storage interface for uploaded files (deal documents, proofs of funds, ...). A file is a
// record in `stored_files` (tenant, owner, name, type, size, hash: what lists and permission
// checks read) and its bytes in a blob store: GridFS in the app's database by default, or
// S3-compatible storage when S3_BUCKET is set. Every upload is checked as it streams: type from
// its content, size against FILE_MAX_MB. Callers check that the member may see the owner first;
// here a file of another tenant, or a malformed id, is simply not found.
import "server-only";
import { Types } from "mongoose";
import { scoped, isObjectIdString } from "@/lib/core/db/scoped";
import { tenantObjectId, type TenantContext } from "@/lib/core/db/tenant-context";
import { StoredFile, type FILE_OWNER_TYPES } from "@/models/stored-file";
import { maxFileBytes, s3Config } from "./config";
import { gridfsStore } from "./gridfs";
import { inspectUpload, uploadError, type UploadBody } from "./inspect-upload";
import { s3Store } from "./s3";
import { sanitizeFilename, type FileKind } from "./sniff";
import type { BlobStore } from "./types";

export { maxFileBytes } from "./config";
export { ACCEPTED_TYPES_TEXT, FILE_KINDS, type FileKind } from "./sniff";
export type { UploadBody } from "./inspect-upload";

export type FileOwnerType = (typeof FILE_OWNER_TYPES)[number];
export type FileOwner = { type: FileOwnerType; id: string };

export type StoredFileInfo = {
  id: string;
  owner: FileOwner;
  filename: string;
  contentType: string;
  kind: FileKind;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy?: string;
  labels: Record<string, string>;
};

export type PutFileInput = {
  owner: FileOwner;
  /** The name the user gave (sanitised here). */
  filename: string;
  uploadedBy?: string;
  labels?: Record<string, string>;
  /** The form field named in errors (default "file"). */
  field?: string;
  /** Kinds accepted (default: all of FILE_KINDS). */
  accept?: readonly FileKind[];
  /** Default: FILE_MAX_MB. */
  maxBytes?: number;
};

let configured: { key: string; store: BlobStore } | null = null;

/** The blob store new files go to: S3 when S3_BUCKET is set, else GridFS. */
export function currentStore(): BlobStore {
  const config = s3Config();
  if (!config) return gridfsStore;
  const key = JSON.stringify(config);
  if (configured?.key !== key) configured = { key, store: s3Store(config) };
  return configured.store;
}

function storeNamed(name: string): BlobStore {
  if (name === "gridfs") return gridfsStore;
  const store = currentStore();
  if (store.name !== name) throw new Error(`A file is kept in ${name}, which is not configured (set S3_BUCKET and its keys)`);
  return store;
}

type Row = { _id: Types.ObjectId; owner_type: string; owner_id: Types.ObjectId; filename: string; content_type: string; kind: string; size: number; sha256: string; created_at?: Date; uploaded_by?: Types.ObjectId | null; labels?: Map<string, string> | Record<string, string> | null; backend: string };

function toInfo(row: Row): StoredFileInfo {
  const labels = row.labels instanceof Map ? Object.fromEntries(row.labels) : { ...(row.labels ?? {}) };
  return {
    id: String(row._id),
    owner: { type: row.owner_type as FileOwnerType, id: String(row.owner_id) },
    filename: row.filename,
    contentType: row.content_type,
    kind: row.kind as FileKind,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: row.created_at ?? row._id.getTimestamp(),
    ...(row.uploaded_by ? { uploadedBy: String(row.uploaded_by) } : {}),
    labels,
  };
}

/**
 * Stores an upload for `owner`: refused (an AppError naming the field, nothing kept) when its
 * content is not an accepted type or it passes the size limit, which is found while it streams.
 */
export async function putFile(ctx: TenantContext, input: PutFileInput, body: UploadBody): Promise<StoredFileInfo> {
  const tenantId = String(tenantObjectId(ctx));
  const field = input.field ?? "file";
  if (!isObjectIdString(input.owner.id)) throw new Error("putFile: the owner id must be an ObjectId");
  if (typeof input.filename !== "string" || !input.filename.trim()) throw uploadError(field, "The file has no name.");
  const id = new Types.ObjectId();
  const store = currentStore();
  const inspected = inspectUpload(body, { field, maxBytes: input.maxBytes ?? maxFileBytes(), accept: input.accept });
  await store.write(tenantId, id, inspected.chunks);
  const verdict = inspected.done();
  try {
    const created = await scoped(ctx, StoredFile).create({
      _id: id,
      owner_type: input.owner.type,
      owner_id: new Types.ObjectId(input.owner.id),
      filename: sanitizeFilename(input.filename, verdict.kind),
      content_type: verdict.contentType,
      kind: verdict.kind,
      size: verdict.size,
      sha256: verdict.sha256,
      backend: store.name,
      ...(input.uploadedBy && isObjectIdString(input.uploadedBy) ? { uploaded_by: new Types.ObjectId(input.uploadedBy) } : {}),
      ...(input.labels ? { labels: input.labels } : {}),
    });
    return toInfo(created.toObject() as unknown as Row);
  } catch (err) {
    await store.remove(tenantId, id).catch(() => {});
    throw err;
  }
}

/** A file's record, or null when this tenant has no such file (another tenant's id included). */
export async function getFileInfo(ctx: TenantContext, id: string): Promise<StoredFileInfo | null> {
  const row = await scoped(ctx, StoredFile).findById(id).lean<Row>();
  return row ? toInfo(row) : null;
}

/** A file's record and its bytes, or null when this tenant has no such file. */
export async function openFile(ctx: TenantContext, id: string): Promise<{ info: StoredFileInfo; body: AsyncIterable<Uint8Array> } | null> {
  const row = await scoped(ctx, StoredFile).findById(id).lean<Row>();
  if (!row) return null;
  const body = await storeNamed(row.backend).read(String(tenantObjectId(ctx)), row._id);
  return body ? { info: toInfo(row), body } : null;
}

/** Deletes a file (its record first, so no listing shows a file whose bytes are gone). False when not found. */
export async function deleteFile(ctx: TenantContext, id: string): Promise<boolean> {
  const row = await scoped(ctx, StoredFile).deleteById(id);
  if (!row) return false;
  await storeNamed((row as unknown as Row).backend).remove(String(tenantObjectId(ctx)), (row as unknown as Row)._id);
  return true;
}

/** The files of one owner, oldest first. */
export async function listFiles(ctx: TenantContext, owner: FileOwner): Promise<StoredFileInfo[]> {
  if (!isObjectIdString(owner.id)) return [];
  const rows = await scoped(ctx, StoredFile).find({ owner_type: owner.type, owner_id: new Types.ObjectId(owner.id) }).lean<Row[]>();
  return rows.map(toInfo).sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime() || a.id.localeCompare(b.id));
}

/** Every file of a tenant, records and bytes in every configured store (when the tenant is deleted). */
export async function deleteTenantFiles(ctx: TenantContext): Promise<number> {
  const tenantId = String(tenantObjectId(ctx));
  await scoped(ctx, StoredFile).deleteMany({});
  let removed = await gridfsStore.removeTenant(tenantId);
  const store = currentStore();
  if (store.name !== "gridfs") removed += await store.removeTenant(tenantId);
  return removed;
}

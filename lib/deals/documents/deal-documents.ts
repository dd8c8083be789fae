// A deal's documents (contracts, photos, proof of funds): files kept through lib/storage, listed
// in the deal's `documents`. Whoever may see the deal may read them; whoever may change deals may
// add and remove them. Another tenant's deal or file, or a file not listed on this deal, is not
// found, exactly like a missing one.
import "server-only";
import { Types } from "mongoose";
import { recordActivity } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/core/permissions";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { deleteFile, openFile, type FileKind, type StoredFileInfo } from "@/lib/storage";
import { takeUpload } from "@/lib/storage/uploads";
import { getDealRecordOrThrow, type DealRecord } from "@/lib/deals/get-deal";
import { Deal } from "@/models/deal";
import { DEAL_DOCUMENT_TYPES, DEAL_DOCUMENT_TYPE_LABELS, type DealDocumentType } from "@/models/deal-enums";

export const DEAL_DOCUMENT_ACTIVITY = { added: "deal_document_added", removed: "deal_document_removed" } as const;

/** The most documents one deal keeps. */
export const MAX_DEAL_DOCUMENTS = 100;

const PHOTO_KINDS: readonly FileKind[] = ["png", "jpeg", "gif", "webp", "heic"];

export type DealDocumentView = {
  id: string;
  name: string;
  type: DealDocumentType;
  typeLabel: string;
  contentType: string | null;
  size: number | null;
  uploadedAt: string | null;
  uploadedBy: string | null;
  /** The authorised download path on the workspace host; null for a listed file that has no stored copy. */
  href: string | null;
};

type StoredEntry = { file_id?: Types.ObjectId | null; name?: string; url?: string; type?: string; content_type?: string; size?: number; uploaded_at?: Date; uploaded_by?: Types.ObjectId | null };

export function dealDocumentPath(dealId: string, fileId: string): string {
  return `/deals/${dealId}/documents/${fileId}`;
}

function entriesOf(deal: Pick<DealRecord, "documents">): StoredEntry[] {
  return ((deal.documents ?? []) as unknown as StoredEntry[]).filter(Boolean);
}

export function toDealDocumentViews(deal: Pick<DealRecord, "_id" | "documents">): DealDocumentView[] {
  return entriesOf(deal).map((e, i) => {
    const type = (DEAL_DOCUMENT_TYPES as readonly string[]).includes(e.type ?? "") ? (e.type as DealDocumentType) : "other";
    const fileId = e.file_id ? String(e.file_id) : null;
    return {
      id: fileId ?? `listed-${i}`,
      name: e.name ?? "Document",
      type,
      typeLabel: DEAL_DOCUMENT_TYPE_LABELS[type],
      contentType: e.content_type ?? null,
      size: typeof e.size === "number" ? e.size : null,
      uploadedAt: e.uploaded_at ? new Date(e.uploaded_at).toISOString() : null,
      uploadedBy: e.uploaded_by ? String(e.uploaded_by) : null,
      href: fileId ? dealDocumentPath(String(deal._id), fileId) : null,
    };
  });
}

/** The documents of a deal this person may see. */
export async function listDealDocuments(ctx: TenantContext, dealId: string): Promise<DealDocumentView[]> {
  return toDealDocumentViews(await getDealRecordOrThrow(ctx, dealId));
}

/**
 * Writes the deal's document list as `change` makes it from the stored one, guarded by the deal's
 * revision (FerretDB has no atomic array edits): a concurrent change is read again and retried.
 */
async function changeDocuments(ctx: TenantContext, dealId: string, change: (entries: StoredEntry[], deal: DealRecord) => StoredEntry[]): Promise<DealRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const deal = await getDealRecordOrThrow(ctx, dealId);
    const next = change(entriesOf(deal), deal);
    const rev = (deal as { rev?: number }).rev;
    const res = await scoped(ctx, Deal).updateOne({ _id: deal._id, rev: rev ?? null }, { $set: { documents: next } });
    if (res.matchedCount === 1) return { ...deal, documents: next } as DealRecord;
  }
  throw new AppError("conflict", "The deal was changed by someone else at the same time. Try again.");
}

function parseType(value: unknown): DealDocumentType {
  if (typeof value === "string" && (DEAL_DOCUMENT_TYPES as readonly string[]).includes(value)) return value as DealDocumentType;
  const message = `Document type must be one of: ${DEAL_DOCUMENT_TYPES.map((t) => DEAL_DOCUMENT_TYPE_LABELS[t].toLowerCase()).join(", ")}.`;
  throw new AppError("bad_request", message, { type: [message] });
}

/**
 * Takes a finished upload (lib/storage/uploads) into storage as a document of the deal. The type
 * is checked before the file is read; a photo must be an image.
 */
export async function addDealDocument(ctx: TenantContext, dealId: string, input: { uploadId: unknown; type: unknown }): Promise<DealDocumentView> {
  requirePermission(ctx, "deals.write");
  const type = parseType(input.type);
  const deal = await getDealRecordOrThrow(ctx, dealId);
  if (entriesOf(deal).length >= MAX_DEAL_DOCUMENTS) throw new AppError("limit_reached", `A deal keeps at most ${MAX_DEAL_DOCUMENTS} documents. Delete one first.`, { file: [`A deal keeps at most ${MAX_DEAL_DOCUMENTS} documents.`] });
  if (typeof input.uploadId !== "string") throw new AppError("bad_request", "Choose a file to upload.", { file: ["Choose a file to upload."] });
  const info: StoredFileInfo = await takeUpload(ctx, input.uploadId, {
    owner: { type: "deal", id: String(deal._id) },
    field: "file",
    uploadedBy: ctx.userId,
    labels: { document_type: type },
    ...(type === "photo" ? { accept: PHOTO_KINDS } : {}),
  });
  const entry: StoredEntry = {
    file_id: new Types.ObjectId(info.id),
    name: info.filename,
    url: dealDocumentPath(String(deal._id), info.id),
    type,
    content_type: info.contentType,
    size: info.size,
    uploaded_at: info.uploadedAt,
    ...(ctx.userId && isObjectIdString(ctx.userId) ? { uploaded_by: new Types.ObjectId(ctx.userId) } : {}),
  };
  let saved: DealRecord;
  try {
    saved = await changeDocuments(ctx, dealId, (entries) => [...entries, entry]);
  } catch (err) {
    await deleteFile(ctx, info.id).catch(() => {});
    throw err;
  }
  await recordActivity(ctx, [{ type: DEAL_DOCUMENT_ACTIVITY.added, entityType: "deal", entityId: deal._id, description: `${DEAL_DOCUMENT_TYPE_LABELS[type]} added: ${info.filename}`, metadata: { file_id: info.id, name: info.filename, document_type: type, size: info.size } }]);
  return toDealDocumentViews(saved).find((d) => d.id === info.id)!;
}

/** Removes a document from the deal and deletes its file. Not found when it is not this deal's. */
export async function removeDealDocument(ctx: TenantContext, dealId: string, fileId: string): Promise<void> {
  requirePermission(ctx, "deals.write");
  if (!isObjectIdString(fileId)) throw notFound("Document");
  let removed: StoredEntry | undefined;
  const saved = await changeDocuments(ctx, dealId, (entries) => {
    removed = entries.find((e) => String(e.file_id ?? "") === fileId);
    if (!removed) throw notFound("Document");
    return entries.filter((e) => e !== removed);
  });
  await deleteFile(ctx, fileId);
  await recordActivity(ctx, [{ type: DEAL_DOCUMENT_ACTIVITY.removed, entityType: "deal", entityId: saved._id, description: `Document removed: ${removed?.name ?? "document"}`, metadata: { file_id: fileId, name: removed?.name ?? null } }]);
}

/**
 * A document's bytes for a download: only for someone who may see the deal, and only a file the
 * deal lists and the storage keeps for this deal. Anything else is not found.
 */
export async function openDealDocument(ctx: TenantContext, dealId: string, fileId: string) {
  const deal = await getDealRecordOrThrow(ctx, dealId);
  if (!isObjectIdString(fileId) || !entriesOf(deal).some((e) => String(e.file_id ?? "") === fileId)) throw notFound("Document");
  const opened = await openFile(ctx, fileId);
  if (!opened || opened.info.owner.type !== "deal" || opened.info.owner.id !== String(deal._id)) throw notFound("Document");
  return opened;
}

import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { ABANDONED_UPLOAD_MS, type PendingUploads } from "@/lib/uploads/limits";
import { LeadImport, LeadImportChunk } from "@/models/lead-import";

/** An import is pending from its creation until it is started (or discarded): its file waits in storage. */
export const PENDING_IMPORT_STATUSES = ["uploading", "ready"] as const;

/** The pending lead imports of the acting person and of their company, for the upload limits. */
export async function pendingImportUploads(ctx: TenantContext): Promise<PendingUploads> {
  const pending = await scoped(ctx, LeadImport).find({ status: { $in: [...PENDING_IMPORT_STATUSES] } }, { user_id: 1, file_size: 1 }).lean();
  const mine = pending.filter((i) => ctx.userId && String(i.user_id ?? "") === ctx.userId);
  const bytes = (list: typeof pending) => list.reduce((sum, i) => sum + (i.file_size ?? 0), 0);
  return { user: { count: mine.length, bytes: bytes(mine) }, company: { count: pending.length, bytes: bytes(pending) } };
}

/** When an import created then counts as abandoned if it has not been started. */
export function abandonedBefore(now: Date): Date {
  return new Date(now.getTime() - ABANDONED_UPLOAD_MS);
}

/**
 * Deletes the imports of a company that never started and never will: pending ones abandoned for
 * ABANDONED_UPLOAD_MS, and those refused or cancelled before they started, older than that. Their
 * stored files go with them, and they leave Recent imports. Imports that ran keep their record
 * (and a failed one its file, to be resumed). Returns how many were deleted.
 */
export async function purgeAbandonedImports(ctx: TenantContext, now = new Date()): Promise<number> {
  const cutoff = abandonedBefore(now);
  const imports = scoped(ctx, LeadImport);
  const [pending, neverStarted] = await Promise.all([
    imports.find({ status: { $in: [...PENDING_IMPORT_STATUSES] }, created_at: { $lt: cutoff } }, { _id: 1 }).lean(),
    imports.find({ status: { $in: ["failed", "cancelled"] }, started_at: { $exists: false }, created_at: { $lt: cutoff } }, { _id: 1 }).lean(),
  ]);
  const ids = [...pending, ...neverStarted].map((i) => i._id as Types.ObjectId);
  if (!ids.length) return 0;
  // The file first: a crash between the two deletes leaves an import without a file, never the reverse.
  await scoped(ctx, LeadImportChunk).deleteMany({ import_id: { $in: ids } });
  await imports.deleteMany({ _id: { $in: ids } });
  return ids.length;
}

import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { deleteFile, openFile } from "@/lib/storage";
import { takeUpload } from "@/lib/storage/uploads";
import { Buyer } from "@/models/buyer";
import { getBuyerOrThrow } from "./buyers";

const DAY = 86_400_000;

/** The expiry date as the form sends it (YYYY-MM-DD), checked: a real date, not in the past, within 5 years. */
export function parseExpiry(text: unknown, now = new Date()): Date {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new AppError("bad_request", "Proof of funds: give the date it expires.", { expires_at: ["Expiry date must be a date (YYYY-MM-DD)"] });
  const d = new Date(`${text}T23:59:59Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) throw new AppError("bad_request", "Proof of funds: that is not a date.", { expires_at: ["Expiry date must be a real date"] });
  if (d.getTime() < now.getTime() - DAY) throw new AppError("bad_request", "Proof of funds: it has already expired.", { expires_at: ["Expiry date must not be in the past"] });
  if (d.getTime() > now.getTime() + 5 * 365 * DAY) throw new AppError("bad_request", "Proof of funds: that expiry is too far away.", { expires_at: ["Expiry date must be within 5 years"] });
  return d;
}

/**
 * Stores a buyer's proof of funds with its expiry date, replacing the previous one. The file was
 * sent in pieces through /api/v1/uploads like a deal's documents (a request through the proxy
 * carries at most 10 MB), and is taken in with every check of lib/storage: a PDF or an image by
 * its content, at most FILE_MAX_MB. Nothing changes on any error; a refused expiry date leaves
 * the upload in place, so the corrected form can send the same upload again.
 */
export async function setProofOfFunds(ctx: TenantContext, buyerId: string, input: { uploadId: unknown; expiresAt: unknown }) {
  requirePermission(ctx, "buyers.write");
  const buyer = await getBuyerOrThrow(ctx, buyerId);
  const expires = parseExpiry(input.expiresAt);
  if (typeof input.uploadId !== "string" || !input.uploadId) throw new AppError("bad_request", "Choose a file to upload.", { file: ["Choose the proof of funds file (PDF or image)"] });
  const info = await takeUpload(ctx, input.uploadId, { owner: { type: "buyer", id: String(buyer._id) }, uploadedBy: ctx.userId, field: "file", accept: ["pdf", "png", "jpeg", "webp", "heic"], labels: { purpose: "proof_of_funds" } });
  const proof = { file_id: info.id, file_name: info.filename, content_type: info.contentType, size: info.size, uploaded_at: info.uploadedAt, expires_at: expires };
  const updated = await scoped(ctx, Buyer).updateById(String(buyer._id), { $set: { proof_of_funds: proof } });
  if (!updated) {
    await deleteFile(ctx, info.id);
    throw notFound("Buyer");
  }
  const previous = buyer.proof_of_funds?.file_id;
  if (previous && previous !== info.id) await deleteFile(ctx, previous).catch(() => false);
  return { fileId: info.id, fileName: info.filename, expiresAt: expires.toISOString() };
}

/** The buyer's proof of funds file, for download by members of the tenant who may read buyers. */
export async function openProofOfFunds(ctx: TenantContext, buyerId: string) {
  const buyer = await getBuyerOrThrow(ctx, buyerId);
  const fileId = buyer.proof_of_funds?.file_id;
  const file = fileId ? await openFile(ctx, fileId) : null;
  if (!file || file.info.owner.type !== "buyer" || file.info.owner.id !== String(buyer._id)) throw notFound("Proof of funds");
  return file;
}

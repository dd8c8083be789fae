import "server-only";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { twilioApiBase } from "@/lib/providers/twilio/client";
import { twilioCredentials } from "@/lib/providers/twilio/twilio-account";
import { FILE_KINDS, sniffHead, type FileKind } from "@/lib/storage/sniff";
import { Communication } from "@/models/communication";
import { getThreadContactOrThrow } from "../thread/read-thread";
import { twilioMediaFetchUrl } from "./media-url";

/** Twilio accepts MMS up to 5 MB; anything larger is not a photo a lead sent. */
const MAX_MEDIA_BYTES = 6 * 1024 * 1024;
const INLINE: FileKind[] = ["png", "jpeg", "gif", "webp"];

export type MessageMedia = { bytes: Uint8Array; contentType: string; inline: boolean; filename: string };

async function readLimited(res: Response): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > MAX_MEDIA_BYTES) throw new AppError("bad_request", "This attachment is larger than an MMS can be.");
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_MEDIA_BYTES) {
      await reader.cancel();
      throw new AppError("bad_request", "This attachment is larger than an MMS can be.");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A photo (or other attachment) a contact sent by MMS, read for a member who may see the
 * conversation: fetched from Twilio with the company's credentials (Twilio can require HTTP Basic
 * auth for media), never from an address that is not this account's Twilio media. The kind is
 * read from the bytes: PNG, JPEG, GIF and WebP are shown inline, anything else is a download.
 * Another company's message, a contact this person may not see, or an index without a photo is
 * not found.
 */
export async function openMessageMedia(ctx: TenantContext, communicationId: string, index: number): Promise<MessageMedia> {
  requirePermission(ctx, "communications.read");
  if (!Types.ObjectId.isValid(communicationId) || !Number.isInteger(index) || index < 0 || index > 9) throw notFound("Photo");
  const row = await scoped(ctx, Communication).findById(communicationId, { recipient_type: 1, recipient_id: 1, media_urls: 1 }).lean<{ recipient_type?: string; recipient_id?: unknown; media_urls?: string[] }>();
  const stored = row?.media_urls?.[index];
  if (!row || !stored || (row.recipient_type !== "lead" && row.recipient_type !== "buyer")) throw notFound("Photo");
  await getThreadContactOrThrow(ctx, row.recipient_type, String(row.recipient_id));
  const credentials = await twilioCredentials(ctx);
  const url = credentials ? twilioMediaFetchUrl(stored, credentials.accountSid, twilioApiBase()) : null;
  if (!credentials || !url) throw notFound("Photo");

  const auth = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authTokens[0]}`).toString("base64")}`;
  let res = await fetch(url, { headers: { authorization: auth }, redirect: "manual", signal: AbortSignal.timeout(10_000) });
  // Twilio answers with a redirect to its CDN: followed without our credentials.
  const location = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
  if (location) res = await fetch(new URL(location, url), { redirect: "follow", signal: AbortSignal.timeout(10_000) });
  if (res.status === 404) throw notFound("Photo");
  if (!res.ok) throw new AppError("internal", `Twilio answered ${res.status} for this photo.`);
  const bytes = await readLimited(res);
  const head = sniffHead(bytes.subarray(0, 64));
  const kind = "kind" in head && head.kind !== "zip" ? head.kind : null;
  const inline = !!kind && INLINE.includes(kind);
  return {
    bytes,
    contentType: inline ? FILE_KINDS[kind!].contentType : "application/octet-stream",
    inline,
    filename: `photo-${index + 1}.${kind ? FILE_KINDS[kind].extensions[0] : "bin"}`,
  };
}

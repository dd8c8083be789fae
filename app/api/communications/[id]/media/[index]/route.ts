import { withTenant } from "@/lib/core/api/with-tenant";
import { openMessageMedia } from "@/lib/communications/media/open-message-media";
import { contentDisposition } from "@/lib/storage/respond";

export const dynamic = "force-dynamic";

/**
 * GET: a photo a contact sent by MMS (members who may read the conversation; another company's
 * message is not found), served from our origin so the page's CSP (img-src 'self') shows it.
 * Images inline, anything else as a download; never rendered as a page.
 */
export const GET = withTenant<{ id: string; index: string }>(
  async (_request, ctx, { id, index }) => {
    const media = await openMessageMedia(ctx, id, /^\d{1,2}$/.test(index) ? Number(index) : -1);
    return new Response(media.bytes as BodyInit, {
      headers: {
        "content-type": media.contentType,
        "content-length": String(media.bytes.length),
        "content-disposition": media.inline ? `inline; filename="${media.filename}"` : contentDisposition(media.filename),
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
      },
    });
  },
  { permission: "communications.read" },
);

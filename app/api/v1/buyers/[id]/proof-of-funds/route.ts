import { withTenant } from "@/lib/core/api/with-tenant";
import { openProofOfFunds, setProofOfFunds } from "@/lib/buyers/proof-of-funds";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

/** GET: the buyer's proof of funds file (members who may read buyers; another tenant's id is not found). */
export const GET = withTenant<{ id: string }>(
  async (_request, ctx, { id }) => {
    const { info, body } = await openProofOfFunds(ctx, id);
    const iterator = body[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    return new Response(stream, {
      headers: {
        "Content-Type": info.contentType,
        "Content-Length": String(info.size),
        "Content-Disposition": `attachment; filename="${info.filename.replace(/["\\\r\n]/g, "_")}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { permission: "buyers.read" },
);

/**
 * POST JSON `{ "upload_id", "expires_at": "YYYY-MM-DD" }`: the file (PDF or image, at most
 * FILE_MAX_MB) sent first in pieces through /api/v1/uploads, as a deal's documents are.
 */
export const POST = withTenant<{ id: string }>(
  async (request, ctx, { id }) => {
    if (!(request.headers.get("content-type") ?? "").includes("application/json")) {
      throw new AppError("bad_request", "Send the file in pieces through /api/v1/uploads, then its upload_id and expires_at here as JSON.", { file: ["Upload the file again"] });
    }
    const body = (await request.json().catch(() => null)) as { upload_id?: unknown; expires_at?: unknown } | null;
    if (!body || typeof body !== "object") throw new AppError("bad_request", "Send the upload id and the expiry date as JSON.");
    const saved = await setProofOfFunds(ctx, id, { uploadId: body.upload_id, expiresAt: body.expires_at });
    return Response.json({ ok: true, data: saved });
  },
  { permission: "buyers.write", write: true },
);

import { withTenant } from "@/lib/api/with-tenant";
import { openProofOfFunds, setProofOfFunds } from "@/lib/buyers/proof-of-funds";
import { AppError } from "@/lib/errors";

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

/** POST multipart: `file` (PDF or image) and `expires_at` (YYYY-MM-DD). */
export const POST = withTenant<{ id: string }>(
  async (request, ctx, { id }) => {
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    if (!form || !(file instanceof File) || file.size === 0) throw new AppError("bad_request", "Choose a file to upload.", { file: ["Choose the proof of funds file (PDF or image)"] });
    const saved = await setProofOfFunds(ctx, id, { filename: file.name, body: file.stream() as unknown as AsyncIterable<Uint8Array>, expiresAt: form.get("expires_at") });
    return Response.json({ ok: true, data: saved });
  },
  { permission: "buyers.write" },
);

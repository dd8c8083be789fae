import { withTenant } from "@/lib/core/api/with-tenant";
import { readRequestBytes } from "@/lib/leads/import/read-file";
import { putUploadPart, UPLOAD_CHUNK_BYTES } from "@/lib/storage/uploads";

export const runtime = "nodejs";

/** One piece of an upload, as raw bytes (the browser sends files in 4 MB pieces). */
export const PUT = withTenant<{ id: string; seq: string }>(
  async (request, ctx, { id, seq }) => {
    const field = new URL(request.url).searchParams.get("field") ?? "file";
    await putUploadPart(ctx, id, Number(seq), await readRequestBytes(request, UPLOAD_CHUNK_BYTES), /^[a-z_]{1,40}$/.test(field) ? field : "file");
    return Response.json({ ok: true });
  },
  { write: true },
);

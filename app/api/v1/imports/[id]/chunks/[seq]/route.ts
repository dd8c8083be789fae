import { withTenant } from "@/lib/api/with-tenant";
import { AppError } from "@/lib/errors";
import { MAX_CHUNK_BYTES } from "@/lib/leads/import/read-file";
import { storeImportChunk } from "@/lib/leads/import/imports";

export const runtime = "nodejs";

/** One piece of an import's file, as raw bytes (the browser sends the file in 4 MB pieces). */
export const PUT = withTenant<{ id: string; seq: string }>(
  async (request, ctx, { id, seq }) => {
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > MAX_CHUNK_BYTES) throw new AppError("bad_request", "File part too large.");
    const bytes = new Uint8Array(await request.arrayBuffer());
    await storeImportChunk(ctx, id, Number(seq), bytes);
    return Response.json({ ok: true });
  },
  { permission: "leads.import", write: true },
);

import { withTenant } from "@/lib/core/api/with-tenant";
import { readRequestBytes } from "@/lib/leads/import/read-file";
import { UPLOAD_CHUNK_BYTES } from "@/lib/uploads/limits";
import { storeImportChunk } from "@/lib/leads/import/imports";

export const runtime = "nodejs";

/** One piece of an import's file, as raw bytes (the browser sends the file in 4 MB pieces). */
export const PUT = withTenant<{ id: string; seq: string }>(
  async (request, ctx, { id, seq }) => {
    await storeImportChunk(ctx, id, Number(seq), await readRequestBytes(request, UPLOAD_CHUNK_BYTES));
    return Response.json({ ok: true });
  },
  // Leads or buyers: the import's kind decides the permission (lib/leads/import/imports.ts).
  { write: true },
);

import { withTenant } from "@/lib/core/api/with-tenant";
import { AppError } from "@/lib/core/errors";
import { startUpload } from "@/lib/storage/uploads";

export const runtime = "nodejs";

/**
 * Starts a file upload (`{ "filename": "...", "size": 12345, "field": "file" }`); its pieces then go
 * to PUT /api/v1/uploads/{id}/parts/{seq}. The file is taken in by the route of what it belongs
 * to (a deal's documents, a buyer's proof of funds), which checks who may attach it.
 */
export const POST = withTenant(
  async (request, ctx) => {
    const body = (await request.json().catch(() => null)) as { filename?: unknown; size?: unknown; field?: unknown } | null;
    if (!body || typeof body !== "object") throw new AppError("bad_request", "Send the file's name and size as JSON.");
    const field = typeof body.field === "string" && /^[a-z_]{1,40}$/.test(body.field) ? body.field : "file";
    const started = await startUpload(ctx, { filename: body.filename, size: body.size, field });
    return Response.json(started, { status: 201 });
  },
  { write: true },
);

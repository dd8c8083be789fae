import { withTenant } from "@/lib/core/api/with-tenant";
import { addDealDocument, listDealDocuments } from "@/lib/deals/documents/deal-documents";
import { AppError } from "@/lib/core/errors";

export const runtime = "nodejs";

/** The deal's documents. */
export const GET = withTenant<{ id: string }>(async (_request, ctx, { id }) => Response.json({ documents: await listDealDocuments(ctx, id) }), { permission: "deals.read" });

/**
 * Attaches an uploaded file (`{ "upload_id": "...", "type": "contract" | "photo" | "proof_of_funds" | "other" }`,
 * the upload sent through /api/v1/uploads) to the deal.
 */
export const POST = withTenant<{ id: string }>(
  async (request, ctx, { id }) => {
    const body = (await request.json().catch(() => null)) as { upload_id?: unknown; type?: unknown } | null;
    if (!body || typeof body !== "object") throw new AppError("bad_request", "Send the upload id and the document type as JSON.");
    const document = await addDealDocument(ctx, id, { uploadId: body.upload_id, type: body.type });
    return Response.json({ document }, { status: 201 });
  },
  { permission: "deals.write", write: true },
);

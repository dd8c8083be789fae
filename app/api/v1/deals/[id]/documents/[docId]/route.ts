import { withTenant } from "@/lib/core/api/with-tenant";
import { openDealDocument, removeDealDocument } from "@/lib/deals/documents/deal-documents";
import { fileResponse } from "@/lib/storage/respond";

export const runtime = "nodejs";

/** Downloads a document of a deal the caller may see. */
export const GET = withTenant<{ id: string; docId: string }>(async (_request, ctx, { id, docId }) => fileResponse(await openDealDocument(ctx, id, docId)), { permission: "deals.read" });

/** Removes a document from the deal and deletes its file. */
export const DELETE = withTenant<{ id: string; docId: string }>(
  async (_request, ctx, { id, docId }) => {
    await removeDealDocument(ctx, id, docId);
    return new Response(null, { status: 204 });
  },
  { permission: "deals.write", write: true },
);

import { withTenant } from "@/lib/core/api/with-tenant";
import { openDealDocument } from "@/lib/deals/documents/deal-documents";
import { fileResponse } from "@/lib/storage/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The link a member follows to download a deal's document (`/deals/{id}/documents/{file id}` on the
 * workspace host): the file streams only to a member who may see the deal; another workspace's
 * deal or file, or a file this deal does not list, answers 404 like a missing one.
 */
export const GET = withTenant<{ id: string; docId: string }>(async (_request, ctx, { id, docId }) => fileResponse(await openDealDocument(ctx, id, docId)), { permission: "deals.read" });

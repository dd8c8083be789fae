import { withTenant } from "@/lib/core/api/with-tenant";
import { getImportOrThrow } from "@/lib/leads/import/imports";

export const runtime = "nodejs";

/** An import's status and progress, polled by the import page (its kind, leads or buyers, decides the permission). */
export const GET = withTenant<{ id: string }>(async (_request, ctx, { id }) => Response.json(await getImportOrThrow(ctx, id), { headers: { "cache-control": "no-store" } }));

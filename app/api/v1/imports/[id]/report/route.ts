import { withTenant } from "@/lib/core/api/with-tenant";
import { getImportOrThrow, rejectedRowsCsv } from "@/lib/leads/import/imports";

export const runtime = "nodejs";

/** The rows that were not imported (original cells + why), as a CSV to fix and import again. */
export const GET = withTenant<{ id: string }>(
  async (_request, ctx, { id }) => {
    const imp = await getImportOrThrow(ctx, id);
    const rows = rejectedRowsCsv(ctx, id);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    const name = `${imp.fileName.replace(/\.[^.]+$/, "").replace(/[^\w.-]+/g, "_") || "import"}-not-imported.csv`;
    return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });
  },
  // Leads or buyers: the import's kind decides the permission (lib/leads/import/imports.ts).
  {},
);

import { withTenant } from "@/lib/core/api/with-tenant";
import { buyerTargetSchema } from "@/lib/buyers/bulk";
import { exportBuyersCsv } from "@/lib/buyers/export";
import { buyerFilterPart, buyerQueryToParams, parseBuyerQuery } from "@/lib/buyers/list/list-query";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/buyers/export?<list parameters>[&ids=a,b,c]: the buyers as CSV. With `ids`, those
 * buyers (another tenant's ids match nothing); without, every buyer the filters select, resolved
 * as the list's bulk actions resolve "all matching".
 */
export const GET = withTenant(
  async (request, ctx) => {
    const params = new URL(request.url).searchParams;
    const { query, problems } = parseBuyerQuery(params);
    if (problems.length) throw new AppError("bad_request", "Some parameters are invalid.", Object.fromEntries(problems.map((p) => [p.param, [p.message]])));
    const rawIds = params.get("ids");
    const target = buyerTargetSchema.safeParse(
      rawIds !== null ? { mode: "ids", ids: rawIds.split(",").filter(Boolean) } : { mode: "all", query: buyerQueryToParams(buyerFilterPart(query)).toString() },
    );
    if (!target.success) throw new AppError("bad_request", "Some parameters are invalid.", { ids: target.error.issues.map((i) => i.message) });
    const stream = await exportBuyersCsv(ctx, target.data);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="buyers-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { permission: "buyers.read" },
);

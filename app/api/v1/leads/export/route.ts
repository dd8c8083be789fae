import { withTenant } from "@/lib/core/api/with-tenant";
import { AppError } from "@/lib/core/errors";
import { MAX_SELECTION } from "@/lib/leads/bulk/target-schema";
import { exportLeadsCsv } from "@/lib/leads/export/export-leads";
import { filterPart, parseListQuery } from "@/lib/leads/list/list-query";
import { requestTimeZone } from "@/lib/leads/list/time-zone";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/leads/export?<list parameters>[&ids=a,b,c]: the leads as CSV, streamed. With `ids`,
 * the ticked leads; without, every lead the filters select. Either way only leads the caller may see.
 */
export const GET = withTenant(
  async (request, ctx) => {
    const params = new URL(request.url).searchParams;
    const { query, problems } = parseListQuery(params);
    if (problems.length) throw new AppError("bad_request", "Some parameters are invalid.", Object.fromEntries(problems.map((p) => [p.param, [p.message]])));
    const rawIds = params.get("ids");
    let ids: string[] | null = null;
    if (rawIds !== null) {
      ids = rawIds.split(",").filter(Boolean);
      if (!ids.length || ids.length > MAX_SELECTION || ids.some((id) => !/^[0-9a-f]{24}$/i.test(id))) {
        throw new AppError("bad_request", "Some parameters are invalid.", { ids: [`ids must be 1 to ${MAX_SELECTION} lead ids`] });
      }
    }
    const target = ids ?? { query: filterPart(query), timeZone: await requestTimeZone() };
    const stream = await exportLeadsCsv(ctx, target, { key: query.sort, dir: query.dir });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="leads-${day}.csv"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { permission: "leads.export" },
);

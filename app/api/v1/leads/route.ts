import { withTenant } from "@/lib/api/with-tenant";
import { AppError } from "@/lib/errors";
import { listLeads } from "@/lib/leads/list/list-leads";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { requestTimeZone } from "@/lib/leads/list/time-zone";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/leads?q=&status=&...&after=: one page of the leads the caller may see, with the
 * list page's parameters (lib/leads/list/list-query.ts). Invalid values answer 400.
 */
export const GET = withTenant(
  async (request, ctx) => {
    const { query, problems } = parseListQuery(new URL(request.url).searchParams);
    if (problems.length) {
      throw new AppError("bad_request", "Some parameters are invalid.", Object.fromEntries(problems.map((p) => [p.param, [p.message]])));
    }
    const page = await listLeads(ctx, query, { timeZone: await requestTimeZone() });
    return Response.json(
      { data: page.rows, total: page.total, next_cursor: page.nextCursor ?? null, prev_cursor: page.prevCursor ?? null, problems: page.problems },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  },
  { permission: "leads.read" },
);

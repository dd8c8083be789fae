import { withTenant } from "@/lib/core/api/with-tenant";
import { AppError } from "@/lib/core/errors";
import { listLeads } from "@/lib/leads/list/list-leads";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { createLead } from "@/lib/leads/write/create-lead";
import { createLeadSchema } from "@/lib/zod/schemas/lead";

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

/**
 * POST /api/v1/leads with a JSON lead (the new-lead form's fields): 201 with its id. A lead that
 * looks like an existing one (same phone, e-mail or address) is not created: 409 conflict, with
 * the matching fields in `error.fields`, unless the body says `"allow_duplicate": true`.
 */
export const POST = withTenant(
  async (request, ctx) => {
    // JSON only: a form on another site cannot send it without the browser asking first (CORS).
    if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) throw new AppError("bad_request", "Send the lead as JSON (Content-Type: application/json).");
    const body: unknown = await request.json().catch(() => {
      throw new AppError("bad_request", "The body must be a JSON object.");
    });
    const { allow_duplicate, ...input } = createLeadSchema.parse(body);
    const result = await createLead(ctx, input, { allowDuplicate: allow_duplicate });
    if (!result.created) {
      const fields: Record<string, string[]> = {};
      for (const match of result.duplicates) for (const kind of match.matchedOn) fields[kind] = ["Matches an existing lead"];
      throw new AppError("conflict", `This lead looks like ${result.duplicates.length === 1 ? "an existing lead" : `${result.duplicates.length} existing leads`}. Send "allow_duplicate": true to create it anyway.`, fields);
    }
    return Response.json({ data: { id: result.id } }, { status: 201 });
  },
  { permission: "leads.write" },
);

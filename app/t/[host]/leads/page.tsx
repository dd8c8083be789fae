import { cookies } from "next/headers";
import { can } from "@/lib/core/permissions";
import { COLUMNS_COOKIE, DEFAULT_COLUMNS, normalizeColumns } from "@/lib/leads/list/columns";
import { listLeads } from "@/lib/leads/list/list-leads";
import { getLeadListOptions } from "@/lib/leads/list/list-options";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { getSavedViewOrThrow, listSavedViews, type SavedViewItem } from "@/lib/saved-views/saved-views";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { LeadListView } from "@/components/leads/list/lead-list-view";
import { TimeZoneSync } from "@/components/leads/list/time-zone-sync";

export const metadata = { title: "Leads" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LeadsPage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx } = await getRequestContext();
  const raw = await searchParams;
  let { query, problems } = parseListQuery(raw);

  // A view link: its own filters, unless the link carries changed ones.
  let activeView: SavedViewItem | undefined;
  if (query.view) {
    activeView = await getSavedViewOrThrow(ctx, query.view).catch(() => undefined);
    if (!activeView) {
      problems = [...problems, { param: "view", message: "That saved view was deleted or is not shared with you; showing the filters from the link." }];
      query = { ...query, view: undefined };
    } else if (Object.keys(raw).every((k) => k === "view")) {
      query = { ...parseListQuery(new URLSearchParams(activeView.query)).query, view: activeView.id };
    }
  }

  const timeZone = await requestTimeZone();
  const savedColumns = (await cookies()).get(COLUMNS_COOKIE)?.value;
  const columns = query.cols ?? (savedColumns ? normalizeColumns(decodeURIComponent(savedColumns).split(",")) : [...DEFAULT_COLUMNS]);

  const [page, options, views] = await Promise.all([listLeads(ctx, query, { timeZone }), getLeadListOptions(ctx), listSavedViews(ctx)]);
  const seesAll = can(ctx, "leads.read_all");

  return (
    <>
      <TimeZoneSync serverTimeZone={timeZone} />
      <LeadListView
        data={{ rows: page.rows, total: page.total, nextCursor: page.nextCursor, prevCursor: page.prevCursor, problems: [...problems, ...page.problems] }}
        query={query}
        columns={columns}
        users={options.users}
        tags={options.tags}
        sources={options.sources}
        views={views}
        activeView={activeView}
        timeZone={timeZone}
        me={{ id: ctx.userId, isAdmin: ctx.role === "admin", seesAll }}
        can={{
          write: can(ctx, "leads.write"),
          assign: can(ctx, "leads.assign"),
          delete: can(ctx, "leads.delete"),
          export: can(ctx, "leads.export"),
          create: can(ctx, "leads.write"),
          import: can(ctx, "leads.import"),
        }}
      />
    </>
  );
}

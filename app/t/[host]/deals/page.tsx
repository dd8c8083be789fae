import { notFound } from "next/navigation";
import { can } from "@/lib/core/permissions";
import { parseDealQuery } from "@/lib/deals/list/deal-list-query";
import { listDeals } from "@/lib/deals/list/list-deals";
import { getSavedViewOrThrow, listSavedViews, type SavedViewItem } from "@/lib/saved-views/saved-views";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { DealListView } from "@/components/deals/deal-list-view";

export const metadata = { title: "Deals" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const toParams = (raw: Record<string, string | string[] | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") p.set(k, v);
  return p;
};

export default async function DealsPage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "deals.read")) notFound();
  const raw = toParams(await searchParams);
  let { query, problems } = parseDealQuery(raw);

  // A view link: its own filters, unless the link carries changed ones.
  let activeView: SavedViewItem | undefined;
  const viewId = raw.get("view");
  if (viewId) {
    activeView = await getSavedViewOrThrow(ctx, viewId, "deals").catch(() => undefined);
    if (!activeView) problems = [...problems, { param: "view", message: "That saved view was deleted or is not shared with you; showing the filters from the link." }];
    else if ([...raw.keys()].every((k) => k === "view")) query = parseDealQuery(new URLSearchParams(activeView.query)).query;
  }
  const [page, views] = await Promise.all([listDeals(ctx, query), listSavedViews(ctx, "deals")]);
  return <DealListView rows={page.rows} total={page.total} nextCursor={page.nextCursor} query={query} problems={problems} views={views} activeView={activeView} canSeeBuyers={can(ctx, "buyers.read")} />;
}

import { notFound } from "next/navigation";
import { can } from "@/lib/core/permissions";
import { listBuyers } from "@/lib/buyers/list/list-buyers";
import { BUYER_DEFAULT_COLUMNS, parseBuyerQuery } from "@/lib/buyers/list/list-query";
import { buyerTagOptions } from "@/lib/buyers/list/tag-options";
import { getSavedViewOrThrow, listSavedViews, type SavedViewItem } from "@/lib/saved-views/saved-views";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { BuyerListView } from "@/components/buyers/buyer-list-view";

export const metadata = { title: "Buyers" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function BuyersPage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx } = await getRequestContext();
  // Without the permission the section does not exist for this member (as the deal dashboard).
  if (!can(ctx, "buyers.read")) notFound();
  const raw = await searchParams;
  let { query, problems } = parseBuyerQuery(raw);

  // A view link: its own filters, unless the link carries changed ones.
  let activeView: SavedViewItem | undefined;
  if (query.view) {
    activeView = await getSavedViewOrThrow(ctx, query.view, "buyers").catch(() => undefined);
    if (!activeView) {
      problems = [...problems, { param: "view", message: "That saved view was deleted or is not shared with you; showing the filters from the link." }];
      query = { ...query, view: undefined };
    } else if (Object.keys(raw).every((k) => k === "view")) {
      query = { ...parseBuyerQuery(new URLSearchParams(activeView.query)).query, view: activeView.id };
    }
  }

  const [page, views, tags] = await Promise.all([listBuyers(ctx, query), listSavedViews(ctx, "buyers"), buyerTagOptions(ctx)]);
  return (
    <BuyerListView
      data={{ rows: page.rows, total: page.total, nextCursor: page.nextCursor, prevCursor: page.prevCursor, problems: [...problems, ...page.problems] }}
      query={query}
      columns={query.cols ?? BUYER_DEFAULT_COLUMNS}
      tags={tags}
      views={views}
      activeView={activeView}
      can={{ write: can(ctx, "buyers.write"), delete: can(ctx, "buyers.delete") }}
    />
  );
}

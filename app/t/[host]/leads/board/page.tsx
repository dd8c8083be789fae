import { can } from "@/lib/core/permissions";
import { getBoard } from "@/lib/leads/board/get-board";
import { getLeadListOptions } from "@/lib/leads/list/list-options";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { BoardView } from "@/components/leads/board/board-view";
import { TimeZoneSync } from "@/components/leads/list/time-zone-sync";

export const metadata = { title: "Pipeline" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LeadBoardPage({ searchParams }: { searchParams: SearchParams }) {
  const { ctx } = await getRequestContext();
  const { query, problems } = parseListQuery(await searchParams);
  const timeZone = await requestTimeZone();
  const [columns, options] = await Promise.all([getBoard(ctx, query, { timeZone }), getLeadListOptions(ctx)]);
  const seesAll = can(ctx, "leads.read_all");
  return (
    <>
      <TimeZoneSync serverTimeZone={timeZone} />
      <BoardView
        columns={columns}
        query={query}
        users={options.users}
        tags={options.tags}
        sources={options.sources}
        timeZone={timeZone}
        canMove={can(ctx, "leads.write")}
        seesAll={seesAll}
        problems={problems}
      />
    </>
  );
}

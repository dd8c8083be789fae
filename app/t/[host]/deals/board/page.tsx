import { notFound } from "next/navigation";
import { can } from "@/lib/core/permissions";
import { parseDealQuery } from "@/lib/deals/list/deal-list-query";
import { getDealBoard } from "@/lib/deals/list/list-deals";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { DealBoard } from "@/components/deals/deal-board";

export const metadata = { title: "Deal board" };

export default async function DealBoardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "deals.read")) notFound();
  const raw = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") raw.set(k, v);
  const { query } = parseDealQuery(raw);
  const columns = await getDealBoard(ctx, query);
  return <DealBoard columns={columns} canMove={can(ctx, "deals.write")} />;
}

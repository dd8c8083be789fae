"use client";

import { useRouter } from "next/navigation";
import { useCallback, useOptimistic, useTransition } from "react";
import { buyerQueryToSearch, type BuyerListQuery } from "@/lib/buyers/list/list-query";

export const BUYERS_PATH = "/buyers";

/** Moves the buyer list to a new state through the URL (server-rendered), keeping the old rows until the new ones arrive. */
export function useBuyerNavigation(serverQuery: BuyerListQuery) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [query, setOptimistic] = useOptimistic(serverQuery);
  const navigate = useCallback(
    (next: BuyerListQuery, { replace = false, keepView = false }: { replace?: boolean; keepView?: boolean } = {}) => {
      const url = `${BUYERS_PATH}${buyerQueryToSearch(next, keepView ? [] : ["view"])}`;
      startTransition(() => {
        setOptimistic(next);
        if (replace) router.replace(url, { scroll: false });
        else router.push(url, { scroll: false });
      });
    },
    [router, setOptimistic],
  );
  const refresh = useCallback(() => startTransition(() => router.refresh()), [router]);
  return { query, navigate, refresh, isPending };
}

export function withFilter(query: BuyerListQuery, change: Partial<BuyerListQuery>): BuyerListQuery {
  return { ...query, ...change, after: undefined, before: undefined };
}

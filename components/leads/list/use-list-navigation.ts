"use client";

import { useRouter } from "next/navigation";
import { useCallback, useOptimistic, useTransition } from "react";
import { listQueryToSearch, type LeadListQuery } from "@/lib/leads/list/list-query";

export const LEADS_PATH = "/leads";

/**
 * Moves the list to a new state by changing the URL (the server renders the page for it), inside
 * a transition so the current rows stay on screen, dimmed, until the new ones arrive. The
 * controls show the new state at once (optimistic), so a ticked box stays ticked meanwhile.
 */
export function useListNavigation(serverQuery: LeadListQuery, path: string = LEADS_PATH) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [query, setOptimistic] = useOptimistic(serverQuery);

  const navigate = useCallback(
    (next: LeadListQuery, { replace = false, keepView = false }: { replace?: boolean; keepView?: boolean } = {}) => {
      const url = `${path}${listQueryToSearch(next, keepView ? [] : ["view"])}`;
      startTransition(() => {
        setOptimistic(next);
        if (replace) router.replace(url, { scroll: false });
        else router.push(url, { scroll: false });
      });
    },
    [router, setOptimistic, path],
  );

  const refresh = useCallback(() => startTransition(() => router.refresh()), [router]);

  return { query, navigate, refresh, isPending };
}

/** A new state with a filter changed: back to the first page. */
export function withFilter(query: LeadListQuery, change: Partial<LeadListQuery>): LeadListQuery {
  return { ...query, ...change, after: undefined, before: undefined };
}

// The deal list's URL state: filters, sort, page cursor. Client-safe (no server imports).
import { DEAL_STATUSES, DEAL_TYPES, type DealStatus, type DealType } from "@/models/deal-enums";

export const DEAL_SORTS = ["created_at", "updated_at", "closing_date", "purchase_price", "profit"] as const;
export type DealSort = (typeof DEAL_SORTS)[number];
export const DEAL_SORT_LABELS: Record<DealSort, string> = { created_at: "Opened", updated_at: "Last change", closing_date: "Closing date", purchase_price: "Purchase price", profit: "Profit" };

export type DealListQuery = {
  status: DealStatus[];
  type: DealType[];
  /** "yes": a buyer is assigned; "no": none yet. */
  buyer?: "yes" | "no";
  /** Address, city or ZIP fragment. */
  q?: string;
  sort: DealSort;
  dir: "asc" | "desc";
  after?: string;
};

export const emptyDealQuery = (): DealListQuery => ({ status: [], type: [], sort: "created_at", dir: "desc" });

const list = <T extends string>(raw: string | null, allowed: readonly T[]) =>
  (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is T => (allowed as readonly string[]).includes(s));

/** A setting of the link that was not understood, and why (shown above the list). */
export type DealQueryProblem = { param: string; message: string };

/** Parses the URL; anything not understood is left out (and named in `problems`). */
export function parseDealQuery(params: URLSearchParams): { query: DealListQuery; problems: DealQueryProblem[] } {
  const problems: DealQueryProblem[] = [];
  const q = emptyDealQuery();
  q.status = list(params.get("status"), DEAL_STATUSES);
  if (params.get("status") && q.status.length === 0) problems.push({ param: "status", message: "status names no deal status" });
  q.type = list(params.get("type"), DEAL_TYPES);
  if (params.get("type") && q.type.length === 0) problems.push({ param: "type", message: "type names no deal type" });
  const buyer = params.get("buyer");
  if (buyer === "yes" || buyer === "no") q.buyer = buyer;
  else if (buyer) problems.push({ param: "buyer", message: "buyer must be yes or no" });
  const text = params.get("q")?.trim();
  if (text) q.q = text.slice(0, 100);
  const sort = params.get("sort");
  if (sort && (DEAL_SORTS as readonly string[]).includes(sort)) q.sort = sort as DealSort;
  else if (sort) problems.push({ param: "sort", message: "sort is not an order the list offers" });
  const dir = params.get("dir");
  if (dir === "asc" || dir === "desc") q.dir = dir;
  const after = params.get("after");
  if (after && /^[A-Za-z0-9_-]{1,200}$/.test(after)) q.after = after;
  return { query: q, problems };
}

export function dealQueryToParams(q: Partial<DealListQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (q.status?.length) p.set("status", q.status.join(","));
  if (q.type?.length) p.set("type", q.type.join(","));
  if (q.buyer) p.set("buyer", q.buyer);
  if (q.q) p.set("q", q.q);
  if (q.sort && q.sort !== "created_at") p.set("sort", q.sort);
  if (q.dir && q.dir !== "desc") p.set("dir", q.dir);
  if (q.after) p.set("after", q.after);
  return p;
}

export function dealQueryToSearch(q: Partial<DealListQuery>): string {
  const s = dealQueryToParams(q).toString();
  return s ? `?${s}` : "";
}

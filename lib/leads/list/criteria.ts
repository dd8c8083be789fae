// A list state turned into plain clauses over the lead's fields. The clauses have one meaning and
// two evaluators: a MongoDB filter (mongo-filter.ts) and an in-memory predicate (index/query-rows.ts,
// used by the list index), so both paths answer the same question the same way. The value filters
// come from the field registry's `filter` facets (field-filters.ts); the ones written here have a
// meaning of their own.
import type { FilterPath } from "@/lib/leads/fields";
import { searchTerms } from "@/lib/leads/search/search-terms";
import { dayRange, todayRange } from "./day-range";
import { FIELD_FILTERS, type FieldFilter } from "./field-filters";
import type { LeadListQuery } from "./list-query";

/** Statuses whose follow-ups no longer count as due. */
export const CLOSED_STATUSES = ["closed", "lost"] as const;

/** The fields a clause reads: the registry's filterable fields (lib/leads/fields.ts), the search keys and the id. */
export type RowField = FilterPath | "search_keys" | "_id";

export type Clause =
  /** Field (or, for arrays, any element) equals one of the values; null matches a missing value. */
  | { kind: "in"; field: RowField; values: (string | null)[] }
  | { kind: "nin"; field: RowField; values: string[] }
  /** gte <= field < lt (days: dates), gte <= field <= lte (numbers); a missing value never matches. */
  | { kind: "range"; field: RowField; gte?: Date | number; lt?: Date; lte?: number }
  /** The field holds a non-empty value (present: true) or not (present: false). */
  | { kind: "present"; field: RowField; present: boolean }
  /** Some element of the array field starts with the prefix. */
  | { kind: "prefix"; field: "search_keys"; prefix: string };

export type CriteriaContext = { userId?: string; timeZone: string; now: Date };

/**
 * The clauses of a list state's filters (not its sort or page). "me" is the acting user; days are
 * calendar days in the acting user's time zone; follow-up filters only count open leads.
 * `filters`: the registry's (a test passes those of made-up fields).
 */
export function criteriaFor(query: LeadListQuery, { userId, timeZone, now }: CriteriaContext, filters: readonly FieldFilter[] = FIELD_FILTERS): Clause[] {
  const clauses: Clause[] = fieldClauses(filters, query as unknown as Record<string, unknown>, timeZone);
  if (query.assigned.length) {
    const values = query.assigned.map((a) => (a === "none" ? null : a === "me" ? (userId ?? "000000000000000000000000") : a));
    clauses.push({ kind: "in", field: "assigned_to", values: [...new Set(values)] });
  }

  if (query.followUp) {
    const today = todayRange(now, timeZone);
    if (query.followUp === "none") clauses.push({ kind: "present", field: "next_follow_up", present: false });
    else {
      clauses.push({ kind: "nin", field: "status", values: [...CLOSED_STATUSES] });
      if (query.followUp === "overdue") clauses.push({ kind: "range", field: "next_follow_up", lt: today.start });
      if (query.followUp === "today") clauses.push({ kind: "range", field: "next_follow_up", gte: today.start, lt: today.end });
      if (query.followUp === "due") clauses.push({ kind: "range", field: "next_follow_up", lt: today.end });
      if (query.followUp === "upcoming") clauses.push({ kind: "range", field: "next_follow_up", gte: today.end });
    }
  }

  if (query.contacted) clauses.push({ kind: "present", field: "last_contacted", present: query.contacted === "ever" });
  if (query.hasPhone !== undefined) clauses.push({ kind: "present", field: "phone", present: query.hasPhone });
  if (query.hasEmail !== undefined) clauses.push({ kind: "present", field: "email", present: query.hasEmail });
  for (const prefix of searchTerms(query.q)) clauses.push({ kind: "prefix", field: "search_keys", prefix });
  return clauses;
}

/**
 * The clauses of the filters the registry declares: any of the chosen values; a range of days
 * (from the first day's start to the last day's end in the time zone) or of numbers (both ends
 * included).
 */
function fieldClauses(filters: readonly FieldFilter[], state: Readonly<Record<string, unknown>>, timeZone: string): Clause[] {
  const clauses: Clause[] = [];
  for (const f of filters) {
    // Made-up fields of a test are not in FilterPath: the clause is evaluated by path alike.
    const field = f.path as FilterPath;
    if (f.kind === "any") {
      const values = (state[f.key] as string[] | undefined) ?? [];
      if (values.length) clauses.push({ kind: "in", field, values: [...values] });
      continue;
    }
    const from = state[f.from.key] as string | number | undefined;
    const to = state[f.to.key] as string | number | undefined;
    if (from === undefined && to === undefined) continue;
    if (f.days) {
      clauses.push({ kind: "range", field, gte: from !== undefined ? dayRange(String(from), timeZone).start : undefined, lt: to !== undefined ? dayRange(String(to), timeZone).end : undefined });
    } else {
      clauses.push({ kind: "range", field, gte: from as number | undefined, lte: to as number | undefined });
    }
  }
  return clauses;
}

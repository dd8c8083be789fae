// A list state turned into plain clauses over the lead's fields. The clauses have one meaning and
// two evaluators: a MongoDB filter (mongo-filter.ts) and an in-memory predicate (row-match.ts,
// used by the list index), so both paths answer the same question the same way.
import type { FilterPath } from "@/lib/leads/fields";
import { searchTerms } from "@/lib/leads/search/search-terms";
import { dayRange, todayRange } from "./day-range";
import type { LeadListQuery } from "./list-query";

/** Statuses whose follow-ups no longer count as due. */
export const CLOSED_STATUSES = ["closed", "lost"] as const;

/** The fields a clause reads: the registry's filterable fields (lib/leads/fields.ts), the search keys and the id. */
export type RowField = FilterPath | "search_keys" | "_id";

export type Clause =
  /** Field (or, for arrays, any element) equals one of the values; null matches a missing value. */
  | { kind: "in"; field: RowField; values: (string | null)[] }
  | { kind: "nin"; field: RowField; values: string[] }
  /** gte <= field < lt; a missing value never matches. */
  | { kind: "range"; field: RowField; gte?: Date; lt?: Date }
  /** The field holds a non-empty value (present: true) or not (present: false). */
  | { kind: "present"; field: RowField; present: boolean }
  /** Some element of the array field starts with the prefix. */
  | { kind: "prefix"; field: "search_keys"; prefix: string };

export type CriteriaContext = { userId?: string; timeZone: string; now: Date };

/**
 * The clauses of a list state's filters (not its sort or page). "me" is the acting user; days are
 * calendar days in the acting user's time zone; follow-up filters only count open leads.
 */
export function criteriaFor(query: LeadListQuery, { userId, timeZone, now }: CriteriaContext): Clause[] {
  const clauses: Clause[] = [];
  if (query.status.length) clauses.push({ kind: "in", field: "status", values: query.status });
  if (query.priority.length) clauses.push({ kind: "in", field: "priority", values: query.priority });
  if (query.source.length) clauses.push({ kind: "in", field: "source", values: query.source });
  if (query.assigned.length) {
    const values = query.assigned.map((a) => (a === "none" ? null : a === "me" ? (userId ?? "000000000000000000000000") : a));
    clauses.push({ kind: "in", field: "assigned_to", values: [...new Set(values)] });
  }
  if (query.tags.length) clauses.push({ kind: "in", field: "tags", values: query.tags });

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

  const days = (from: string | undefined, to: string | undefined) => ({
    gte: from ? dayRange(from, timeZone).start : undefined,
    lt: to ? dayRange(to, timeZone).end : undefined,
  });
  if (query.createdFrom || query.createdTo) clauses.push({ kind: "range", field: "created_at", ...days(query.createdFrom, query.createdTo) });
  if (query.contacted) clauses.push({ kind: "present", field: "last_contacted", present: query.contacted === "ever" });
  if (query.contactedFrom || query.contactedTo) clauses.push({ kind: "range", field: "last_contacted", ...days(query.contactedFrom, query.contactedTo) });
  if (query.hasPhone !== undefined) clauses.push({ kind: "present", field: "phone", present: query.hasPhone });
  if (query.hasEmail !== undefined) clauses.push({ kind: "present", field: "email", present: query.hasEmail });
  for (const prefix of searchTerms(query.q)) clauses.push({ kind: "prefix", field: "search_keys", prefix });
  return clauses;
}

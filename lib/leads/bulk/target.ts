import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { Clause } from "../list/criteria";
import { filterPart, parseListQuery, type LeadListQuery } from "../list/list-query";
import { idsClause, scopeClauses, visibilityClauses } from "../list/scope";

export { bulkTargetSchema, MAX_SELECTION, type BulkTarget } from "./target-schema";
import type { BulkTarget } from "./target-schema";

/** Leads to act on: ids, or a list state's filters. */
export type LeadTarget = readonly string[] | { query: LeadListQuery; timeZone?: string; now?: Date };

export function targetFromInput(input: BulkTarget, timeZone?: string): LeadTarget {
  if (input.mode === "ids") return input.ids;
  return { query: filterPart(parseListQuery(new URLSearchParams(input.query)).query), timeZone };
}

/** The clauses selecting a target's leads among those this person may see. */
export function targetClauses(ctx: TenantContext, target: LeadTarget): Clause[] {
  if (Array.isArray(target)) return [...visibilityClauses(ctx), idsClause(target as string[])];
  const t = target as Exclude<LeadTarget, readonly string[]>;
  return scopeClauses(ctx, filterPart(t.query), { timeZone: t.timeZone, now: t.now });
}

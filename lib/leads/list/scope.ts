import "server-only";
import { Types } from "mongoose";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { leadVisibility } from "@/lib/leads/visibility";
import { criteriaFor, type Clause } from "./criteria";
import { DEFAULT_TIME_ZONE } from "./day-range";
import type { LeadListQuery } from "./list-query";

export type ListOptions = { timeZone?: string; now?: Date };

/**
 * leadVisibility(ctx) as clauses, so the list index applies the same rule as the database. The
 * rule is plain equality on lead fields today; anything else is refused loudly rather than
 * silently widened.
 */
export function visibilityClauses(ctx: TenantContext): Clause[] {
  return Object.entries(leadVisibility(ctx)).map(([field, value]) => {
    if (field !== "assigned_to" || !(value instanceof Types.ObjectId)) {
      throw new Error(`lead visibility rule on ${field} is not supported by the lead list`);
    }
    return { kind: "in", field: "assigned_to", values: [value.toHexString()] } satisfies Clause;
  });
}

/** Everything a list state's filter selects for this person: their visibility AND the filters. */
export function scopeClauses(ctx: TenantContext, query: LeadListQuery, options: ListOptions = {}): Clause[] {
  return [
    ...visibilityClauses(ctx),
    ...criteriaFor(query, { userId: ctx.userId, timeZone: options.timeZone ?? DEFAULT_TIME_ZONE, now: options.now ?? new Date() }),
  ];
}

/** The clause that narrows a filter to a chosen set of ids (ids that are not valid match nothing). */
export function idsClause(ids: readonly string[]): Clause {
  const valid = ids.filter((id) => typeof id === "string" && /^[0-9a-f]{24}$/i.test(id)).map((id) => id.toLowerCase());
  return { kind: "in", field: "_id", values: [...new Set(valid)] };
}

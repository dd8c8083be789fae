import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { Clause } from "./criteria";
import type { LeadRowSource } from "./lead-row";
import type { Position, SortSpec } from "./sort-spec";

/** A lead read for a page, with its position in the sort order (for cursors). */
export type PagedLead = { doc: LeadRowSource; pos: Position };

export type PageRequest = {
  clauses: Clause[];
  spec: SortSpec;
  /** Read after this position (next page) or, with `backward`, before it (previous page). */
  from?: Position;
  backward?: boolean;
  /** How many leads to read (a page plus one, to know whether there is more). */
  limit: number;
  /** Also count every lead the clauses select (all pages). */
  withCount?: boolean;
};

/**
 * Where list pages come from: the database (db-source.ts) or the in-memory list index that keeps
 * the embedded database fast at 100,000 leads (lead-index.ts). Both read the same clauses and
 * sort specs and answer identically; tests hold them to it.
 */
export interface LeadPageSource {
  readonly name: string;
  /** The leads of a page, and the total (-1 unless `withCount`). */
  query(ctx: TenantContext, req: PageRequest): Promise<{ items: PagedLead[]; total: number }>;
  count(ctx: TenantContext, clauses: Clause[]): Promise<number>;
}

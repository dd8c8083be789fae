import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { dbSource } from "./db-source";
import { currentIndex, indexMode, indexSourceOf } from "./index/lead-index";
import type { LeadPageSource } from "./page-source";

/**
 * Where this tenant's list pages come from: its list index when one is built and Redis answers,
 * else the database.
 */
export async function pageSourceFor(ctx: TenantContext): Promise<LeadPageSource> {
  if (indexMode() === "off") return dbSource;
  try {
    const local = await currentIndex(ctx.tenantId);
    return local ? indexSourceOf(local) : dbSource;
  } catch (err) {
    console.error("[lead-index] unavailable, reading the database", err);
    return dbSource;
  }
}

import "server-only";
import { rebuildReadModelAfterSeed } from "@/lib/core/read-models/refresh-after-seed";
import { conversationReadModel } from "./conversation-read-model";

/**
 * After seeding: drops the inbox rows built over the replaced data (this process's copy too) and
 * builds them again at once (see rebuildReadModelAfterSeed), so the inbox never lists
 * conversations that no longer exist.
 */
export function refreshInboxRowsAfterSeed(subdomains: readonly string[]): Promise<{ subdomain: string; rows: number | null }[]> {
  return rebuildReadModelAfterSeed(conversationReadModel, subdomains, ({ subdomain, rows }) => ({ subdomain, rows }), { forgetLocal: true });
}

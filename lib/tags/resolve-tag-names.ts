import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { normalizeTagName, tagKey } from "@/lib/zod/schemas/tag";
import { Tag } from "@/models/tag";

/** Names as typed → the names to store: the catalogue's tag where one has the same key, else the name itself. */
export type TagNameResolver = (names: readonly string[]) => string[];

/**
 * Reads the catalogue once (an import resolves every row with one read). Among look-alikes
 * already in the catalogue the most used wins, so new leads join the tag most leads carry. A
 * name new to the catalogue is remembered: "High Equity" then "high-equity" in one file are one tag.
 */
export async function loadTagResolver(ctx: TenantContext): Promise<TagNameResolver> {
  const rows = await scoped(ctx, Tag).find({}, { name: 1, usage_count: 1 }).sort({ usage_count: -1, name: 1 }).lean();
  const byKey = new Map<string, string>();
  for (const r of rows) if (!byKey.has(tagKey(r.name))) byKey.set(tagKey(r.name), r.name);
  return (names) => {
    const out: string[] = [];
    for (const typed of names) {
      const name = normalizeTagName(typed);
      const key = tagKey(name);
      if (!key) continue;
      if (!byKey.has(key)) byKey.set(key, name);
      const stored = byKey.get(key)!;
      if (!out.includes(stored)) out.push(stored);
    }
    return out;
  };
}

export async function resolveTagNames(ctx: TenantContext, names: readonly string[]): Promise<string[]> {
  return names.length ? (await loadTagResolver(ctx))(names) : [];
}

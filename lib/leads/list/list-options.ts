import "server-only";
import { can } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { User } from "@/models/user";
import { currentIndex, indexMode } from "./index/lead-index";

export type LeadListOptions = {
  users: { id: string; name: string }[];
  tags: { name: string; color: string }[];
  sources: string[];
};

// Distinct sources read the whole leads collection on FerretDB; a minute-old list is fine for a filter menu.
const sourceCache = new Map<string, { at: number; values: string[] }>();

async function leadSources(ctx: TenantContext): Promise<string[]> {
  const cached = sourceCache.get(ctx.tenantId);
  if (cached && Date.now() - cached.at < 60_000) return cached.values;
  let values: string[] | null = null;
  if (indexMode() !== "off") {
    const local = await currentIndex(ctx.tenantId).catch(() => null);
    if (local) values = [...new Set([...local.rows.values()].map((r) => r.source).filter((s): s is string => !!s))];
  }
  values ??= ((await scoped(ctx, Lead).distinct("source")) as unknown[]).filter((s): s is string => typeof s === "string" && s !== "");
  values.sort();
  sourceCache.set(ctx.tenantId, { at: Date.now(), values });
  return values;
}

/**
 * What the list's filters and bulk actions offer: active teammates (only the person themselves
 * when they see only their own leads), the tag catalogue, known sources.
 */
export async function getLeadListOptions(ctx: TenantContext): Promise<LeadListOptions> {
  const [users, tags, sources] = await Promise.all([
    scoped(ctx, User).find({ is_active: true }, { name: 1 }).sort({ name: 1 }).lean(),
    scoped(ctx, Tag).find({ category: "lead_tags" }, { name: 1, color: 1 }).sort({ usage_count: -1, name: 1 }).limit(200).lean(),
    leadSources(ctx),
  ]);
  return {
    users: users.map((u) => ({ id: String(u._id), name: u.name ?? "" })).filter((u) => can(ctx, "leads.read_all") || u.id === ctx.userId),
    tags: tags.map((t) => ({ name: t.name, color: t.color ?? "#64748b" })),
    sources,
  };
}

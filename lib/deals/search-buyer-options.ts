import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { nameTokens } from "@/lib/validation/search-keys";
import { Buyer } from "@/models/buyer";
import { findByIds } from "@/lib/core/db/find-by-ids";

export type BuyerOption = { id: string; name: string; company: string | null; phone: string; active: boolean };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Buyers for the deal's picker: any buyer of the workspace whose name, company, e-mail or phone
 * starts with what was typed (the search keys the buyer model keeps), 20 at most, by name.
 */
export async function searchBuyerOptions(ctx: TenantContext, text: string): Promise<BuyerOption[]> {
  requirePermission(ctx, "deals.write");
  requirePermission(ctx, "buyers.read");
  const t = text.trim().slice(0, 100);
  const digits = t.replace(/\D/g, "");
  const prefix = /^[\d\s()+.-]+$/.test(t) && digits.length >= 3 ? digits : nameTokens(t).join(" ");
  const filter = prefix ? { search_keys: { $regex: `^${escape(prefix)}` } } : {};
  const rows = await scoped(ctx, Buyer).find(filter, { name: 1, company: 1, phone: 1, is_active: 1 }).limit(20).lean();
  return rows
    .map((b) => ({ id: String(b._id), name: b.name ?? "", company: b.company ?? null, phone: b.phone ?? "", active: b.is_active !== false }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The assigned buyer, as the deal page shows it (null when removed since). */
export async function getBuyerOption(ctx: TenantContext, id: string | null): Promise<BuyerOption | null> {
  if (!id) return null;
  const [b] = await findByIds<{ _id: unknown; name?: string; company?: string; phone?: string; is_active?: boolean }>(ctx, Buyer, [id], { name: 1, company: 1, phone: 1, is_active: 1 });
  return b ? { id: String(b._id), name: b.name ?? "", company: b.company ?? null, phone: b.phone ?? "", active: b.is_active !== false } : null;
}

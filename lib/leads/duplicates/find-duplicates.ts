import "server-only";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { normalizeEmail } from "@/lib/validation/email";
import { normalizePhone } from "@/lib/validation/phone";
import { addressKey } from "@/lib/validation/search-keys";
import { Lead } from "@/models/lead";
import { isLeadVisible } from "../get-lead";

export type DuplicateMatchKind = "phone" | "email" | "address";

/**
 * A lead of the same tenant that looks like the same seller. Leads the person may not see are
 * reported without their details (so a rep learns "someone already works this seller", nothing more).
 */
export type DuplicateMatch =
  | { visible: true; id: string; name: string; phone: string; email: string | null; address: string | null; status: string; matchedOn: DuplicateMatchKind[] }
  | { visible: false; matchedOn: DuplicateMatchKind[] };

export type DuplicateProbe = {
  phone?: string | null;
  email?: string | null;
  address?: { street?: string | null; zip_code?: string | null } | null;
};

/** The normalised keys a lead is matched on: E.164 phone, lower-case e-mail, street|zip5. */
export function duplicateKeys(probe: DuplicateProbe): { phone: string | null; email: string | null; address_key: string | null } {
  return {
    phone: probe.phone ? (normalizePhone(probe.phone) ?? null) : null,
    email: probe.email ? normalizeEmail(probe.email) || null : null,
    address_key: addressKey(probe.address ?? null),
  };
}

/**
 * Leads of this tenant matching by normalised phone, e-mail or address (at most `limit`, excluding
 * `excludeId`). One plain-equality query per key rather than one `$or`: each is served by its
 * (tenant_id, key) index on MongoDB, and FerretDB pushes plain equality down (it filters `$or`
 * only after decoding every row).
 */
export async function findDuplicateLeads(ctx: TenantContext, probe: DuplicateProbe, { excludeId, limit = 10 }: { excludeId?: string; limit?: number } = {}): Promise<DuplicateMatch[]> {
  const keys = duplicateKeys(probe);
  const probes = (["phone", "email", "address_key"] as const).filter((k) => keys[k]).map((k) => ({ [k]: keys[k] }));
  if (!probes.length) return [];
  const found = await Promise.all(
    probes.map((filter) =>
      scoped(ctx, Lead)
        .find(filter, { name: 1, phone: 1, email: 1, address: 1, address_key: 1, status: 1, assigned_to: 1 })
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean(),
    ),
  );
  const byId = new Map(found.flat().map((l) => [String(l._id), l]));
  if (excludeId) byId.delete(excludeId);
  const rows = [...byId.values()].sort((a, b) => String(a._id).localeCompare(String(b._id))).slice(0, limit);
  return rows.map((l) => {
    const matchedOn: DuplicateMatchKind[] = [];
    if (keys.phone && l.phone === keys.phone) matchedOn.push("phone");
    if (keys.email && l.email === keys.email) matchedOn.push("email");
    if (keys.address_key && l.address_key === keys.address_key) matchedOn.push("address");
    if (!isLeadVisible(ctx, l)) return { visible: false as const, matchedOn };
    return {
      visible: true as const,
      id: String(l._id),
      name: l.name ?? "",
      phone: l.phone ?? "",
      email: l.email ?? null,
      address: l.address?.full_address ?? null,
      status: l.status ?? "new",
      matchedOn,
    };
  });
}

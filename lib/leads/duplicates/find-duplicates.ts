import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { normalizeEmail } from "@/lib/validation/email";
import { normalizePhone } from "@/lib/validation/phone";
import { addressKey } from "@/lib/validation/search-keys";
import { Lead } from "@/models/lead";
import { emailsOf, phonesOf } from "../contacts/sync-contacts";
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
  /** Every number and address of the lead (the primary included or not). */
  phones?: readonly { number?: string | null }[] | null;
  emails?: readonly { address?: string | null }[] | null;
  address?: { street?: string | null; zip_code?: string | null } | null;
};

export type DuplicateKeys = { phones: string[]; emails: string[]; address_key: string | null };

/** The normalised keys a lead is matched on: EVERY E.164 phone, every lower-case e-mail, street|zip5. */
export function duplicateKeys(probe: DuplicateProbe): DuplicateKeys {
  const phones = [probe.phone, ...(probe.phones ?? []).map((p) => p?.number)].map((p) => (p ? normalizePhone(p) : null)).filter((p): p is string => !!p);
  const emails = [probe.email, ...(probe.emails ?? []).map((e) => e?.address)].map((e) => (e ? normalizeEmail(e) : "")).filter(Boolean);
  return { phones: [...new Set(phones)], emails: [...new Set(emails)], address_key: addressKey(probe.address ?? null) };
}

/** The search key a phone or e-mail is stored under in `search_keys` (lib/validation/search-keys.ts). */
const phoneKey = (e164: string) => e164.replace(/\D/g, "");
const emailKey = (email: string) => email.toLowerCase();

/**
 * Leads of this tenant matching by any normalised phone, e-mail or address (at most `limit`,
 * excluding `excludeId`). A lead's every number and address is in its indexed `search_keys`, so a
 * number is found whether it is the lead's primary or its fifth; one plain-equality query per key
 * rather than one `$or`: each is served by the (tenant_id, key) index on MongoDB, and FerretDB
 * pushes plain equality down (it filters `$or` only after decoding every row). The candidates are
 * then checked against their stored numbers and addresses (a key is folded: renée and renee share one).
 */
export async function findDuplicateLeads(ctx: TenantContext, probe: DuplicateProbe, { excludeId, limit = 10 }: { excludeId?: string; limit?: number } = {}): Promise<DuplicateMatch[]> {
  const keys = duplicateKeys(probe);
  const filters = [
    ...keys.phones.map((p) => ({ search_keys: phoneKey(p) })),
    ...keys.emails.map((e) => ({ search_keys: emailKey(e) })),
    ...(keys.address_key ? [{ address_key: keys.address_key }] : []),
  ];
  if (!filters.length) return [];
  const found = await Promise.all(
    filters.map((filter) =>
      scoped(ctx, Lead)
        .find(filter, { name: 1, phone: 1, email: 1, phones: 1, emails: 1, address: 1, address_key: 1, status: 1, assigned_to: 1 })
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean(),
    ),
  );
  const byId = new Map(found.flat().map((l) => [String(l._id), l]));
  if (excludeId) byId.delete(excludeId);
  const matches = [...byId.values()]
    .map((l) => ({ lead: l, matchedOn: matchedOn(keys, l) }))
    .filter((m) => m.matchedOn.length)
    .sort((a, b) => String(a.lead._id).localeCompare(String(b.lead._id)))
    .slice(0, limit);
  return matches.map(({ lead: l, matchedOn }) => {
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

/** What a stored lead shares with the probe's keys. */
export function matchedOn(keys: DuplicateKeys, lead: Parameters<typeof phonesOf>[0] & Parameters<typeof emailsOf>[0] & { address_key?: string | null }): DuplicateMatchKind[] {
  const out: DuplicateMatchKind[] = [];
  const numbers = new Set(phonesOf(lead).map((p) => p.number));
  const addresses = new Set(emailsOf(lead).map((e) => e.address.toLowerCase()));
  if (keys.phones.some((p) => numbers.has(p))) out.push("phone");
  if (keys.emails.some((e) => addresses.has(e.toLowerCase()))) out.push("email");
  if (keys.address_key && lead.address_key === keys.address_key) out.push("address");
  return out;
}

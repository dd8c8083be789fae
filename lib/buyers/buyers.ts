import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { Buyer } from "@/models/buyer";
import { normaliseLocationEntries } from "./location-input";
import type { BuyBoxInput, BuyerContactInput, NewBuyerInput } from "./schemas";

export type StoredBuyer = Record<string, any> & { _id: unknown; name: string };

/** A buyer of this tenant, or not found (a malformed id or another tenant's id answers the same). */
export async function getBuyerOrThrow(ctx: TenantContext, id: string): Promise<StoredBuyer> {
  requirePermission(ctx, "buyers.read");
  const doc = await scoped(ctx, Buyer).findById(id).lean<StoredBuyer>();
  if (!doc) throw notFound("Buyer");
  return doc;
}

/** The stored form of a buy box: location text normalised to keys, or every bad entry named. */
export function buyBoxUpdate(input: BuyBoxInput): Record<string, unknown> {
  const { keys, errors } = normaliseLocationEntries(input.preferred_locations);
  if (errors.length) {
    throw new AppError("bad_request", "Preferred locations: some entries are not places we know.", {
      preferred_locations: errors.map((e) => `Preferred locations: ${e.input ? `"${e.input}": ` : ""}${e.error}`),
    });
  }
  return {
    property_types: [...new Set(input.property_types)],
    price_range: { min: input.price_min ?? undefined, max: input.price_max ?? undefined },
    preferred_locations: keys,
    funding_type: input.funding_type ?? undefined,
    credit_score: input.credit_score ?? undefined,
    experience_level: input.experience_level ?? undefined,
    investment_criteria: input.investment_criteria ?? undefined,
  };
}

function unsetEmpty(values: Record<string, unknown>): { $set: Record<string, unknown>; $unset?: Record<string, 1> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) $unset[k] = 1;
    else if (k === "price_range" && v && typeof v === "object") {
      const r = v as { min?: number; max?: number };
      if (r.min === undefined && r.max === undefined) $unset.price_range = 1;
      else $set.price_range = Object.fromEntries(Object.entries(r).filter(([, x]) => x !== undefined));
    } else $set[k] = v;
  }
  return Object.keys($unset).length ? { $set, $unset } : { $set };
}

export async function createBuyer(ctx: TenantContext, input: NewBuyerInput): Promise<{ id: string }> {
  requirePermission(ctx, "buyers.write");
  const box = buyBoxUpdate(input);
  const doc = await scoped(ctx, Buyer).create({
    name: input.name,
    phone: input.phone,
    email: input.email,
    company: input.company,
    website: input.website,
    notes: input.notes,
    ...Object.fromEntries(Object.entries(box).filter(([, v]) => v !== undefined)),
  });
  return { id: String(doc._id) };
}

// The activity log records every change from its domain event (lib/activities): writers here do not.
async function saveFields(ctx: TenantContext, id: string, values: Record<string, unknown>) {
  const before = await getBuyerOrThrow(ctx, id);
  requirePermission(ctx, "buyers.write");
  const after = await scoped(ctx, Buyer).updateById(id, unsetEmpty(values));
  if (!after) throw notFound("Buyer");
  const changed = Object.keys(values).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify((after as Record<string, unknown>)[k] ?? null));
  return { changed };
}

export async function updateBuyerContact(ctx: TenantContext, id: string, input: BuyerContactInput) {
  return saveFields(
    ctx,
    id,
    { name: input.name, phone: input.phone, email: input.email, company: input.company, website: input.website, notes: input.notes },
  );
}

export async function updateBuyBox(ctx: TenantContext, id: string, input: BuyBoxInput) {
  requirePermission(ctx, "buyers.write");
  return saveFields(ctx, id, buyBoxUpdate(input));
}

// Small builders for test data; every value is valid unless a test overrides it.
import { Tenant } from "@/models/tenant";
import type { TenantContext } from "@/lib/core/db/tenant-context";

let counter = 0;

export async function createTenant(subdomain = `t${Date.now().toString(36)}${(counter++).toString(36)}`) {
  const tenant = await Tenant.create({ name: `Company ${subdomain}`, subdomain });
  const ctx: TenantContext = { tenantId: tenant._id.toString(), role: "admin" };
  return { tenant, ctx };
}

export function leadInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    name: `Seller ${counter}`,
    phone: `+1555${String(1000000 + counter).slice(-7)}`,
    email: `seller${counter}@example.com`,
    status: "new",
    ...overrides,
  };
}

/** A stored document without its revision (bookkeeping of the domain events, new on every write). */
export function withoutRevision<T>(doc: T): Omit<T, "rev"> {
  const { rev: _rev, ...rest } = (doc ?? {}) as T & { rev?: number };
  return rest;
}

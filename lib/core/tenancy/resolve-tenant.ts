import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { connectDb } from "@/lib/core/db/connect";
import { appDomain } from "@/lib/core/env";
import { Tenant, type TenantDoc } from "@/models/tenant";
import { TenantDomain } from "@/models/tenant-domain";
import { classifyHost, type HostMatch } from "./host";

export type TenantInfo = {
  id: string;
  name: string;
  subdomain: string;
  domain?: string;
  subscription_plan: string;
  subscription_status: "active" | "suspended" | "cancelled";
  max_users: number;
  max_leads: number;
  features_enabled: string[];
  settings: Record<string, boolean>;
};

/** Looks up the tenant a host names; null when no tenant is served there. */
export async function findTenantForHost(match: HostMatch): Promise<TenantInfo | null> {
  if (match.kind !== "subdomain" && match.kind !== "custom") return null;
  await connectDb();
  let filter: Record<string, unknown>;
  if (match.kind === "subdomain") {
    filter = { subdomain: match.subdomain };
  } else {
    const row = await TenantDomain.findOne({ domain: match.domain }).lean();
    if (!row) return null;
    filter = { _id: row.tenant_id };
  }
  const t = await Tenant.findOne(filter).lean();
  return t ? tenantInfo(t) : null;
}

/** A tenant by id, for callers that found it by something else (a provider's phone number). */
export async function findTenantById(id: string): Promise<TenantInfo | null> {
  if (!/^[0-9a-f]{24}$/i.test(id)) return null;
  await connectDb();
  const t = await Tenant.findById(id).lean();
  return t ? tenantInfo(t) : null;
}

function tenantInfo(t: TenantDoc & { _id: unknown }): TenantInfo {
  return {
    id: String(t._id),
    name: t.name,
    subdomain: t.subdomain,
    domain: t.domain ?? undefined,
    subscription_plan: t.subscription_plan ?? "basic",
    subscription_status: (t.subscription_status ?? "active") as TenantInfo["subscription_status"],
    max_users: t.max_users ?? 0,
    max_leads: t.max_leads ?? 0,
    features_enabled: t.features_enabled ?? [],
    settings: { ...(t.settings ?? {}) } as Record<string, boolean>,
  };
}

/** The current request's host, classified. Only the Host header counts: no client header picks a tenant. */
export const currentHost = cache(async (): Promise<HostMatch> => {
  const h = await headers();
  return classifyHost(h.get("host"), appDomain());
});

/** The tenant of the current request (once per request), or null on the root or an unknown host. */
export const currentTenant = cache(async (): Promise<TenantInfo | null> => findTenantForHost(await currentHost()));

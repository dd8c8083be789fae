import "server-only";
import { appDomain } from "@/lib/core/env";
import { classifyHost, type HostMatch } from "./host";
import { findTenantForHost, type TenantInfo } from "./resolve-tenant";

export type TenantHostMatch = Extract<HostMatch, { kind: "subdomain" | "custom" }>;

export function isTenantHost(match: HostMatch): match is TenantHostMatch {
  return match.kind === "subdomain" || match.kind === "custom";
}

/** The Host of a route handler's request, classified (the Host header only, as everywhere). */
export function hostOf(request: Request): HostMatch {
  return classifyHost(request.headers.get("host"), appDomain());
}

/** A host name carried in a sign-in URL (`acme.localhost:3000`), if it names a tenant we serve. */
export async function tenantForHostParam(value: unknown): Promise<{ match: TenantHostMatch; tenant: TenantInfo } | null> {
  if (typeof value !== "string" || value.length > 300) return null;
  const match = classifyHost(value, appDomain());
  if (!isTenantHost(match)) return null;
  const tenant = await findTenantForHost(match);
  return tenant ? { match, tenant } : null;
}

import "server-only";
import { randomBytes } from "node:crypto";
import { Resolver } from "node:dns/promises";
import type { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { appDomain } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { PLAN_DEFAULTS, PLANS } from "@/lib/tenants/plans";
import { Tenant } from "@/models/tenant";
import { TenantDomain } from "@/models/tenant-domain";
import { getTenantOrThrow, type TenantRecord } from "./get-tenant";
import { PLAN_LABELS, planIncludes, planLabel } from "./plan-features";
import { recordSettingsChange } from "./record-setting-change";

// A custom domain serves a workspace only once its company proves it controls the domain's DNS:
// setCustomDomain (update-workspace.ts) records a claim with a random token, the admin publishes
// it as a TXT record, and verifyCustomDomain looks the record up and only then writes the domain
// to tenant_domains. Claims are many per domain; tenant_domains holds the one that verified first.

const FEATURE = "custom_domain";

/** The plans that include custom domains, in words ("Enterprise"). */
const includedIn = PLANS.filter((p) => PLAN_DEFAULTS[p].features_enabled.includes(FEATURE))
  .map((p) => PLAN_LABELS[p])
  .join(" or ");

export function requireCustomDomainPlan(tenant: Pick<TenantRecord, "subscription_plan" | "features_enabled">): void {
  if (planIncludes(tenant, FEATURE)) return;
  const message = `Custom domains are part of the ${includedIn} plan. This workspace is on the ${planLabel(tenant)} plan.`;
  throw new AppError("forbidden", message, { domain: [message] });
}

export function newVerificationToken(): string {
  return randomBytes(16).toString("hex");
}

/** The DNS record that proves control of a domain. */
export function verificationRecord(domain: string, token: string): { name: string; value: string } {
  return { name: `_dealcycle.${domain}`, value: `dealcycle-verify=${token}` };
}

/** Where a custom domain's CNAME points: the app's root host, without its port. */
export function cnameTarget(): string {
  return appDomain().replace(/:\d+$/, "");
}

export const takenByAnotherWorkspace = (domain: string, now = false) =>
  new AppError("conflict", `${domain} is ${now ? "now " : "already "}used by another workspace. Remove it here or choose another domain.`, {
    domain: ["Already used by another workspace"],
  });

/** True when another tenant has verified the domain. */
export async function verifiedByAnother(domain: string, tenantId: Types.ObjectId): Promise<boolean> {
  const row = await TenantDomain.findOne({ domain }, { tenant_id: 1 }).lean();
  return !!row && !row.tenant_id.equals(tenantId);
}

export type DnsCheck =
  | { result: "match" }
  | { result: "missing" }
  | { result: "mismatch"; found: string[] }
  | { result: "timeout" }
  | { result: "failed"; code: string };

/** Servers from DNS_SERVERS ("1.1.1.1, 127.0.0.1:5353, [::1]:53"), else null: the system's resolvers. */
function dnsServers(): string[] | null {
  const list = (process.env.DNS_SERVERS ?? "").split(/[\s,]+/).filter(Boolean);
  return list.length ? list : null;
}

/** How long one verification lookup may take in all (DNS_TIMEOUT_MS, default 5 s). */
function dnsTimeoutMs(): number {
  const ms = Number(process.env.DNS_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 5000;
}

/**
 * Looks the TXT records at the verification name up with Node's resolver (the system's DNS, or
 * DNS_SERVERS): a fresh resolver each time, so no cached answer hides a record just published.
 * Two tries share the time allowed; a lookup still running at its end is cancelled.
 */
export async function checkVerificationRecord(domain: string, token: string): Promise<DnsCheck> {
  const { name, value } = verificationRecord(domain, token);
  const timeout = dnsTimeoutMs();
  const resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeout / 2)), tries: 2 });
  const servers = dnsServers();
  let timer: NodeJS.Timeout | undefined;
  try {
    if (servers) resolver.setServers(servers);
    timer = setTimeout(() => resolver.cancel(), timeout);
    const records = (await resolver.resolveTxt(name)).map((chunks) => chunks.join("").trim());
    if (records.includes(value)) return { result: "match" };
    return records.length ? { result: "mismatch", found: records } : { result: "missing" };
  } catch (err) {
    const code = String((err as { code?: string }).code ?? "");
    if (code === "ENOTFOUND" || code === "ENODATA") return { result: "missing" };
    if (code === "ETIMEOUT" || code === "ECANCELLED") return { result: "timeout" };
    if (!FAILURES[code]) console.error("[dns] verification lookup", err);
    return { result: "failed", code };
  } finally {
    clearTimeout(timer);
  }
}

/** Failures of a lookup in words; others are logged and shown by their code. */
const FAILURES: Record<string, string> = {
  ESERVFAIL: "the DNS server reported a failure (SERVFAIL)",
  EREFUSED: "the DNS server refused to answer",
  ECONNREFUSED: "no DNS server could be reached",
};

/** What a failed check tells the admin: what was (not) found and what to do next. */
function checkFailure(check: Exclude<DnsCheck, { result: "match" }>, domain: string, token: string): AppError {
  const { name, value } = verificationRecord(domain, token);
  switch (check.result) {
    case "missing":
      return new AppError(
        "bad_request",
        `No TXT record found at ${name} yet. DNS changes can take from a few minutes to a few hours to show: check the record at your DNS provider and try again later.`,
      );
    case "mismatch": {
      const found = check.found.slice(0, 3).map((f) => `"${f.length > 80 ? `${f.slice(0, 80)}…` : f}"`).join(", ");
      return new AppError("bad_request", `The TXT record at ${name} has another value (${found}). Change it to ${value} and verify again.`);
    }
    case "timeout":
      return new AppError("internal", `Looking up ${name} timed out. Nothing was changed; please try again in a moment.`);
    case "failed":
      return new AppError(
        "internal",
        `The DNS lookup of ${name} failed: ${FAILURES[check.code] ?? `error ${check.code || "unknown"}`}. Nothing was changed; please try again in a moment.`,
      );
  }
}

export type CustomDomainStatus = {
  allowed: boolean;
  /** The plans that include custom domains, and the workspace's. */
  includedIn: string;
  plan: string;
  /** The verified domain that serves the workspace. */
  domain: string | null;
  /** A domain waiting for verification: the records to publish, and whether another workspace verified it meanwhile. */
  pending: { domain: string; txtName: string; txtValue: string; cnameTarget: string; taken: boolean } | null;
};

/** The custom domain section of the workspace settings. */
export async function getCustomDomain(ctx: TenantContext): Promise<CustomDomainStatus> {
  requirePermission(ctx, "settings.manage");
  const tenant = await getTenantOrThrow(ctx);
  const claim = tenant.domain_claim;
  let pending: CustomDomainStatus["pending"] = null;
  if (claim?.domain) {
    const { name, value } = verificationRecord(claim.domain, claim.token);
    pending = { domain: claim.domain, txtName: name, txtValue: value, cnameTarget: cnameTarget(), taken: await verifiedByAnother(claim.domain, tenant._id) };
  }
  return {
    allowed: planIncludes(tenant, FEATURE),
    includedIn,
    plan: planLabel(tenant),
    domain: tenant.domain ?? null,
    pending,
  };
}

/**
 * Looks the pending domain's TXT record up; when it holds the token, the domain goes live: it is
 * written to tenant_domains (whose unique index refuses it when another company verified it
 * first), replaces the workspace's previous domain, and the claim is done.
 */
export async function verifyCustomDomain(ctx: TenantContext): Promise<{ domain: string }> {
  requirePermission(ctx, "settings.manage");
  const tenant = await getTenantOrThrow(ctx);
  requireCustomDomainPlan(tenant);
  const claim = tenant.domain_claim;
  if (!claim?.domain) throw new AppError("bad_request", "No custom domain is waiting for verification. Enter one first.");
  const { domain, token } = claim;
  const tenant_id = tenant._id;
  if (await verifiedByAnother(domain, tenant_id)) throw takenByAnotherWorkspace(domain, true);

  const check = await checkVerificationRecord(domain, token);
  if (check.result !== "match") throw checkFailure(check, domain, token);

  const existing = await TenantDomain.findOne({ domain }).lean();
  if (existing && !existing.tenant_id.equals(tenant_id)) throw takenByAnotherWorkspace(domain, true);
  if (!existing) {
    try {
      await TenantDomain.create({ domain, tenant_id });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw takenByAnotherWorkspace(domain, true);
      throw err;
    }
  }
  // The claim may have been removed or replaced while DNS answered: then the domain must not stay.
  const res = await Tenant.updateOne({ _id: tenant_id, "domain_claim.domain": domain, "domain_claim.token": token }, { $set: { domain }, $unset: { domain_claim: 1 } });
  if (!res.matchedCount) {
    if (!existing) await TenantDomain.deleteOne({ domain, tenant_id });
    throw new AppError("conflict", "The custom domain was changed while it was being verified. Reload the page to see it and try again.");
  }
  await TenantDomain.deleteMany({ tenant_id, domain: { $ne: domain } });
  if (tenant.domain !== domain) await recordSettingsChange(ctx, "custom domain", { domain: tenant.domain ?? null }, { domain });
  return { domain };
}

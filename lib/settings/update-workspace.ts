import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { appDomain } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { tenantBaseUrl } from "@/lib/team/tenant-url";
import { classifyHost, normalizeHost, subdomainProblem } from "@/lib/core/tenancy/host";
import { Tenant } from "@/models/tenant";
import { TenantDomain } from "@/models/tenant-domain";
import { newVerificationToken, requireCustomDomainPlan, takenByAnotherWorkspace, verifiedByAnother } from "./domain-verification";
import { getTenantOrThrow } from "./get-tenant";
import { recordSettingsChange } from "./record-setting-change";

export type CompanyProfileInput = { name: string; contact_name?: string; contact_email?: string; billing_address?: string };

/** Company name and billing contact. */
export async function updateCompanyProfile(ctx: TenantContext, input: CompanyProfileInput): Promise<void> {
  requirePermission(ctx, "settings.manage");
  const tenant = await getTenantOrThrow(ctx);
  const before = {
    name: tenant.name,
    contact_name: tenant.billing_info?.contact_name ?? null,
    contact_email: tenant.billing_info?.contact_email ?? null,
    billing_address: tenant.billing_info?.billing_address ?? null,
  };
  const after = {
    name: input.name,
    contact_name: input.contact_name ?? null,
    contact_email: input.contact_email ?? null,
    billing_address: input.billing_address ?? null,
  };
  const set: Record<string, unknown> = { name: input.name };
  const unset: Record<string, 1> = {};
  for (const field of ["contact_name", "contact_email", "billing_address"] as const) {
    if (input[field]) set[`billing_info.${field}`] = input[field];
    else unset[`billing_info.${field}`] = 1;
  }
  await Tenant.updateOne({ _id: tenant._id }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { runValidators: true });
  const changed = Object.keys(after).filter((k) => before[k as keyof typeof before] !== after[k as keyof typeof after]);
  if (changed.length) {
    await recordSettingsChange(
      ctx,
      "company profile",
      Object.fromEntries(changed.map((k) => [k, before[k as keyof typeof before]])),
      Object.fromEntries(changed.map((k) => [k, after[k as keyof typeof after]])),
    );
  }
}

/**
 * Moves the workspace to another subdomain. Availability is checked before the update (FerretDB
 * does not report a unique violation on update as 11000) and confirmed after it.
 */
export async function changeSubdomain(ctx: TenantContext, raw: string): Promise<{ url: string }> {
  requirePermission(ctx, "settings.manage");
  const subdomain = raw.trim().toLowerCase();
  const problem = subdomainProblem(subdomain);
  if (problem) throw new AppError("bad_request", problem, { subdomain: [problem] });
  const tenant = await getTenantOrThrow(ctx);
  if (tenant.subdomain === subdomain) return { url: tenantBaseUrl(subdomain) };

  const taken = () => new AppError("conflict", `${subdomain} is already taken. Choose another name.`, { subdomain: ["Already taken"] });
  if (await Tenant.exists({ subdomain, _id: { $ne: tenant._id } })) throw taken();
  try {
    await Tenant.updateOne({ _id: tenant._id, subdomain: tenant.subdomain }, { $set: { subdomain } }, { runValidators: true });
  } catch (err) {
    if (await Tenant.exists({ subdomain, _id: { $ne: tenant._id } })) throw taken();
    throw err;
  }
  const now = await Tenant.findById(tenant._id, { subdomain: 1 }).lean();
  if (now?.subdomain !== subdomain) throw taken();
  await recordSettingsChange(ctx, "subdomain", { subdomain: tenant.subdomain }, { subdomain });
  return { url: tenantBaseUrl(subdomain) };
}

/** A custom hostname problem in words, or null when the name can serve this workspace. */
export function customDomainProblem(domain: string): string | null {
  const match = classifyHost(domain, appDomain());
  if (match.kind !== "custom" || match.domain !== domain) {
    return "Enter a domain name you own, such as crm.acmehomes.com (not an IP address or a DealCycle address)";
  }
  return null;
}

/**
 * Sets, replaces or removes (empty input) the workspace's custom domain. A new domain is only
 * claimed: it gets a verification token and serves nothing until verifyCustomDomain
 * (domain-verification.ts) finds the token in its DNS; meanwhile the current domain, if any, keeps
 * serving. A claim blocks no other company's claim on the same domain. Removing needs no plan, so
 * a workspace that left a plan with custom domains can still let its domain go.
 */
export async function setCustomDomain(ctx: TenantContext, raw: string | null | undefined): Promise<{ status: "removed" | "verified" | "pending" }> {
  requirePermission(ctx, "settings.manage");
  const tenant = await getTenantOrThrow(ctx);
  const domain = normalizeHost(raw ?? "");
  const live = tenant.domain ?? null;
  const pending = tenant.domain_claim?.domain ?? null;

  if (!domain) {
    // The tenant first, then the rows: a verification finishing meanwhile either lands before
    // and is removed here, or finds its claim gone and takes its row back.
    await Tenant.updateOne({ _id: tenant._id }, { $unset: { domain: 1, domain_claim: 1 } });
    await TenantDomain.deleteMany({ tenant_id: tenant._id });
    if (live || pending) await recordSettingsChange(ctx, "custom domain", { domain: live, pending_domain: pending }, { domain: null, pending_domain: null });
    return { status: "removed" };
  }
  requireCustomDomainPlan(tenant);
  const problem = customDomainProblem(domain);
  if (problem) throw new AppError("bad_request", problem, { domain: [problem] });

  if (domain === live) {
    // Back to the domain that already serves the workspace: the change waiting for verification is dropped.
    if (pending) {
      await Tenant.updateOne({ _id: tenant._id }, { $unset: { domain_claim: 1 } });
      await recordSettingsChange(ctx, "custom domain", { pending_domain: pending }, { pending_domain: null });
    }
    return { status: "verified" };
  }
  if (await verifiedByAnother(domain, tenant._id)) throw takenByAnotherWorkspace(domain);
  // The same domain again keeps its token, so a record already published still counts.
  if (domain === pending) return { status: "pending" };
  await Tenant.updateOne({ _id: tenant._id }, { $set: { domain_claim: { domain, token: newVerificationToken(), requested_at: new Date() } } });
  await recordSettingsChange(ctx, "custom domain", { pending_domain: pending }, { pending_domain: domain });
  return { status: "pending" };
}

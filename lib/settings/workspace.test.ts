import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { createMember } from "@/lib/team/testing";
import { appDomain } from "@/lib/core/env";
import { classifyHost } from "@/lib/core/tenancy/host";
import { findTenantForHost } from "@/lib/core/tenancy/resolve-tenant";
import { startDnsServer } from "@/lib/testing/dns-server.mjs";
import { createTenant } from "@/lib/testing/factories";
import { Activity, Tenant, TenantDomain } from "@/models";
import { changePlan } from "./change-plan";
import { getCustomDomain, verifyCustomDomain } from "./domain-verification";
import { isFeatureEnabled, requireFeature } from "./features";
import { setFeatureSwitches } from "./feature-switches";
import { changeSubdomain, setCustomDomain, updateCompanyProfile } from "./update-workspace";

let admin: TenantContext;
const tenantOf = (ctx: TenantContext) => Tenant.findById(ctx.tenantId).lean();
const fail = (p: Promise<unknown>) => p.then(() => null, (e: AppError) => e);

beforeEach(async () => {
  admin = (await createMember((await createTenant()).ctx, "admin")).ctx;
});

describe("company profile", () => {
  const renamed = () => updateCompanyProfile(admin, { name: "Acme Renamed", contact_name: "Pat Payer", contact_email: "billing@acme.example" });

  it("updates the name and billing contact", async () => {
    await renamed();
    expect(await tenantOf(admin)).toMatchObject({ name: "Acme Renamed", billing_info: { contact_name: "Pat Payer", contact_email: "billing@acme.example" } });
  });

  it("records the profile before and after the change", async () => {
    await renamed();
    const a = await scoped(admin, Activity).findOne({ type: "settings_changed" }).lean();
    expect(a?.metadata).toMatchObject({ what: "company profile", after: { name: "Acme Renamed", contact_name: "Pat Payer" } });
    expect((a?.metadata as { before: { name: string } }).before.name).toMatch(/^Company /);
  });

  it("clears a billing contact left empty", async () => {
    await renamed();
    await updateCompanyProfile(admin, { name: "Acme Renamed" });
    expect((await tenantOf(admin))?.billing_info?.contact_name).toBeUndefined();
  });

  it("is for settings managers only", async () => {
    const rep = await createMember(admin, "acquisition_rep");
    expect((await fail(updateCompanyProfile(rep.ctx, { name: "X" })))?.code).toBe("forbidden");
  });
});

describe("subdomain", () => {
  it("refuses a reserved or malformed name", async () => {
    expect((await fail(changeSubdomain(admin, "www")))?.fieldErrors?.subdomain?.[0]).toMatch(/reserved/);
    expect((await fail(changeSubdomain(admin, "-bad-")))?.code).toBe("bad_request");
  });

  it("refuses a name another company has, on the field", async () => {
    const other = await createTenant();
    const taken = await fail(changeSubdomain(admin, other.tenant.subdomain));
    expect(taken?.code).toBe("conflict");
    expect(taken?.fieldErrors?.subdomain).toEqual(["Already taken"]);
  });

  it("moves the workspace to the new name, lower-cased, and records it", async () => {
    const other = await createTenant();
    const name = `moved${Date.now().toString(36)}`;
    const { url } = await changeSubdomain(admin, ` ${name.toUpperCase()} `);
    expect(url).toBe(`http://${name}.localhost:3000`);
    expect((await tenantOf(admin))?.subdomain).toBe(name);
    expect((await tenantOf(other.ctx))?.subdomain).toBe(other.tenant.subdomain);
    expect(await scoped(admin, Activity).findOne({ type: "settings_changed", "metadata.what": "subdomain" }).lean()).toMatchObject({
      metadata: { after: { subdomain: name } },
    });
  });
});

describe("custom domain", () => {
  // The app's real resolver asks a DNS server on loopback where each test publishes records.
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  let n = 0;
  const unique = (name: string) => `${name}-${(n++).toString(36)}${Date.now().toString(36)}.acmehomes.com`;
  const servedBy = async (domain: string) => (await findTenantForHost(classifyHost(domain, appDomain())))?.id ?? null;
  const enterpriseAdmin = async () => {
    const ctx = (await createMember((await createTenant()).ctx, "admin")).ctx;
    await changePlan(ctx, "enterprise");
    return ctx;
  };
  /** Publishes the TXT record the settings page asks the admin to add, as the domain's owner would. */
  const publish = async (ctx: TenantContext) => {
    const { pending } = await getCustomDomain(ctx);
    dns.setTxt(pending!.txtName, [pending!.txtValue]);
    return pending!;
  };
  const customDomainChanges = async (ctx: TenantContext) =>
    (await scoped(ctx, Activity).find({ type: "settings_changed", "metadata.what": "custom domain" }).sort({ _id: 1 }).lean()).map((a) => {
      const { before, after } = a.metadata as { before: unknown; after: unknown };
      return [before, after];
    });

  beforeAll(async () => {
    dns = await startDnsServer();
    process.env.DNS_SERVERS = dns.address;
    process.env.DNS_TIMEOUT_MS = "3000";
  });
  afterAll(() => dns.close());

  it("is refused on plans without it, naming the plan that has it; a domain kept from Enterprise can still be removed", async () => {
    const d = unique("crm");
    for (const [plan, label] of [["basic", "Basic"], ["professional", "Professional"]] as const) {
      if (plan !== "basic") await changePlan(admin, plan);
      for (const run of [() => setCustomDomain(admin, d), () => verifyCustomDomain(admin)]) {
        const err = await fail(run());
        expect(err?.code).toBe("forbidden");
        expect(err?.message).toBe(`Custom domains are part of the Enterprise plan. This workspace is on the ${label} plan.`);
      }
      expect(await getCustomDomain(admin)).toEqual({ allowed: false, includedIn: "Enterprise", plan: label, domain: null, pending: null });
    }
    expect((await fail(setCustomDomain(admin, d)))?.fieldErrors?.domain?.[0]).toMatch(/Enterprise plan/);
    expect((await tenantOf(admin))?.domain_claim).toBeUndefined();
    expect(dns.queries).not.toContain(`_dealcycle.${d}`);

    await changePlan(admin, "enterprise");
    await setCustomDomain(admin, d);
    await publish(admin);
    await verifyCustomDomain(admin);
    await changePlan(admin, "basic");
    expect(await servedBy(d)).toBe(admin.tenantId);
    expect(await setCustomDomain(admin, "")).toEqual({ status: "removed" });
    expect(await servedBy(d)).toBeNull();
    expect((await tenantOf(admin))?.domain).toBeUndefined();
  });

  it("serves the workspace only once the domain's TXT record holds the workspace's token", async () => {
    admin = await enterpriseAdmin();
    const d = unique("crm");
    expect(await setCustomDomain(admin, ` ${d.toUpperCase()} `)).toEqual({ status: "pending" });
    expect(await TenantDomain.countDocuments({ domain: d })).toBe(0);
    expect(await servedBy(d)).toBeNull();
    const status = await getCustomDomain(admin);
    expect(status).toMatchObject({ allowed: true, domain: null, pending: { domain: d, txtName: `_dealcycle.${d}`, cnameTarget: "localhost", taken: false } });
    expect(status.pending?.txtValue).toMatch(/^dealcycle-verify=[0-9a-f]{32}$/);

    const missing = await fail(verifyCustomDomain(admin));
    expect(missing?.code).toBe("bad_request");
    expect(missing?.message).toBe(
      `No TXT record found at _dealcycle.${d} yet. DNS changes can take from a few minutes to a few hours to show: check the record at your DNS provider and try again later.`,
    );
    expect(dns.queries).toContain(`_dealcycle.${d}`);
    expect(await servedBy(d)).toBeNull();

    await publish(admin);
    expect(await verifyCustomDomain(admin)).toEqual({ domain: d });
    expect(await servedBy(d)).toBe(admin.tenantId);
    expect((await tenantOf(admin))?.domain).toBe(d);
    expect(await getCustomDomain(admin)).toMatchObject({ domain: d, pending: null });
    expect(await customDomainChanges(admin)).toEqual([
      [{ pending_domain: null }, { pending_domain: d }],
      [{ domain: null }, { domain: d }],
    ]);
    expect((await fail(verifyCustomDomain(admin)))?.message).toBe("No custom domain is waiting for verification. Enter one first.");
  });

  it("says when the record has another value, the lookup failed or timed out, and changes nothing", async () => {
    admin = await enterpriseAdmin();
    const d = unique("deals");
    await setCustomDomain(admin, d);
    const { txtName, txtValue } = (await getCustomDomain(admin)).pending!;
    const stored = async () => [await tenantOf(admin), await TenantDomain.find({ domain: d }).lean()];
    const before = await stored();
    const verifyError = async () => {
      const err = await fail(verifyCustomDomain(admin));
      expect(await stored()).toEqual(before);
      return err;
    };

    const otherToken = "dealcycle-verify=0123456789abcdef0123456789abcdef";
    dns.setTxt(txtName, [otherToken, "v=spf1 -all"]);
    expect(await verifyError()).toMatchObject({
      code: "bad_request",
      message: `The TXT record at ${txtName} has another value ("${otherToken}", "v=spf1 -all"). Change it to ${txtValue} and verify again.`,
    });

    dns.setFailure(txtName, "servfail");
    expect((await verifyError())?.message).toBe(`The DNS lookup of ${txtName} failed: the DNS server reported a failure (SERVFAIL). Nothing was changed; please try again in a moment.`);

    dns.setFailure(txtName, "no-answer");
    process.env.DNS_TIMEOUT_MS = "300";
    try {
      expect((await verifyError())?.message).toBe(`Looking up ${txtName} timed out. Nothing was changed; please try again in a moment.`);
    } finally {
      process.env.DNS_TIMEOUT_MS = "3000";
    }

    const gone = await startDnsServer();
    await gone.close();
    process.env.DNS_SERVERS = gone.address;
    try {
      expect((await verifyError())?.message).toBe(`The DNS lookup of ${txtName} failed: no DNS server could be reached. Nothing was changed; please try again in a moment.`);
    } finally {
      process.env.DNS_SERVERS = dns.address;
    }

    // A long value split into character-strings, as DNS providers do, is read whole.
    dns.setTxt(txtName, [[txtValue.slice(0, 20), txtValue.slice(20)]]);
    expect(await verifyCustomDomain(admin)).toEqual({ domain: d });
  });

  it("lets a claim block nobody: the company that proves control gets the domain, and the other is told", async () => {
    const owner = await enterpriseAdmin();
    const squatter = await enterpriseAdmin();
    const d = unique("crm");
    expect(await setCustomDomain(squatter, d)).toEqual({ status: "pending" });
    expect(await setCustomDomain(owner, d)).toEqual({ status: "pending" });
    const ours = await publish(owner);
    const theirs = (await getCustomDomain(squatter)).pending!;
    expect(theirs.txtValue).not.toBe(ours.txtValue);

    expect((await fail(verifyCustomDomain(squatter)))?.message).toContain(`has another value ("${ours.txtValue}")`);
    expect(await verifyCustomDomain(owner)).toEqual({ domain: d });
    expect(await servedBy(d)).toBe(owner.tenantId);

    expect((await getCustomDomain(squatter)).pending).toMatchObject({ domain: d, taken: true });
    expect(await fail(verifyCustomDomain(squatter))).toMatchObject({
      code: "conflict",
      message: `${d} is now used by another workspace. Remove it here or choose another domain.`,
    });
    const third = await enterpriseAdmin();
    const taken = await fail(setCustomDomain(third, d));
    expect(taken).toMatchObject({ code: "conflict", message: `${d} is already used by another workspace. Remove it here or choose another domain.` });
    expect(taken?.fieldErrors?.domain).toEqual(["Already used by another workspace"]);
    expect((await tenantOf(third))?.domain_claim).toBeUndefined();
    expect((await TenantDomain.find({ domain: d }).lean()).map((r) => String(r.tenant_id))).toEqual([owner.tenantId]);
    expect((await tenantOf(squatter))?.domain).toBeUndefined();

    // Released, the domain can be verified by whoever has their record in its DNS.
    await setCustomDomain(owner, "");
    dns.setTxt(theirs.txtName, [theirs.txtValue]);
    expect(await verifyCustomDomain(squatter)).toEqual({ domain: d });
  });

  it("gives the domain to one company when two verify at the same moment", async () => {
    const a = await enterpriseAdmin();
    const b = await enterpriseAdmin();
    const d = unique("crm");
    await setCustomDomain(a, d);
    await setCustomDomain(b, d);
    const [pa, pb] = [(await getCustomDomain(a)).pending!, (await getCustomDomain(b)).pending!];
    dns.setTxt(pa.txtName, [pa.txtValue, pb.txtValue]);
    const results = await Promise.all([fail(verifyCustomDomain(a)), fail(verifyCustomDomain(b))]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toMatchObject({ code: "conflict", message: `${d} is now used by another workspace. Remove it here or choose another domain.` });
    const rows = await TenantDomain.find({ domain: d }).lean();
    expect(rows).toHaveLength(1);
    const winner = String(rows[0].tenant_id);
    expect(await servedBy(d)).toBe(winner);
    expect([(await tenantOf(a))?.domain, (await tenantOf(b))?.domain].filter(Boolean)).toEqual([d]);
  });

  it("keeps the verified domain serving until a new one is verified; the same domain keeps its token; removing drops both", async () => {
    admin = await enterpriseAdmin();
    const d1 = unique("crm");
    const d2 = unique("deals");
    await setCustomDomain(admin, d1);
    await publish(admin);
    await verifyCustomDomain(admin);

    await setCustomDomain(admin, d2);
    const first = await getCustomDomain(admin);
    expect(first).toMatchObject({ domain: d1, pending: { domain: d2 } });
    expect(await servedBy(d1)).toBe(admin.tenantId);
    expect(await servedBy(d2)).toBeNull();
    expect(await setCustomDomain(admin, d2)).toEqual({ status: "pending" });
    expect((await getCustomDomain(admin)).pending?.txtValue).toBe(first.pending?.txtValue);

    expect(await setCustomDomain(admin, d1)).toEqual({ status: "verified" });
    expect(await getCustomDomain(admin)).toMatchObject({ domain: d1, pending: null });
    await setCustomDomain(admin, d2);
    expect((await getCustomDomain(admin)).pending?.txtValue).not.toBe(first.pending?.txtValue);
    await publish(admin);
    expect(await verifyCustomDomain(admin)).toEqual({ domain: d2 });
    expect(await servedBy(d2)).toBe(admin.tenantId);
    expect(await servedBy(d1)).toBeNull();
    expect((await TenantDomain.find({ tenant_id: admin.tenantId }).lean()).map((r) => r.domain)).toEqual([d2]);

    await setCustomDomain(admin, d1);
    expect(await setCustomDomain(admin, "")).toEqual({ status: "removed" });
    expect(await servedBy(d2)).toBeNull();
    expect(await TenantDomain.countDocuments({ tenant_id: admin.tenantId })).toBe(0);
    expect(await getCustomDomain(admin)).toMatchObject({ domain: null, pending: null });
    expect((await customDomainChanges(admin)).at(-1)).toEqual([
      { domain: d2, pending_domain: d1 },
      { domain: null, pending_domain: null },
    ]);
  });

  it("does not put a domain live when its claim was replaced while DNS answered", async () => {
    admin = await enterpriseAdmin();
    const d = unique("crm");
    const other = unique("other");
    await setCustomDomain(admin, d);
    const { txtValue } = (await getCustomDomain(admin)).pending!;
    // This server answers with the right record, but only after the admin switched to another domain.
    const racing = await startDnsServer({
      lookup: async () => {
        await setCustomDomain(admin, other);
        return [txtValue];
      },
    });
    process.env.DNS_SERVERS = racing.address;
    let err: AppError | null;
    try {
      err = await fail(verifyCustomDomain(admin));
    } finally {
      process.env.DNS_SERVERS = dns.address;
      await racing.close();
    }
    expect(err).toMatchObject({ code: "conflict", message: "The custom domain was changed while it was being verified. Reload the page to see it and try again." });
    expect(await servedBy(d)).toBeNull();
    expect(await TenantDomain.countDocuments({ tenant_id: admin.tenantId })).toBe(0);
    expect(await getCustomDomain(admin)).toMatchObject({ domain: null, pending: { domain: other } });
  });

  it("refuses names that are not a custom hostname, storing nothing", async () => {
    admin = await enterpriseAdmin();
    for (const bad of ["localhost", "acme.localhost", "127.0.0.1", "acme.localhost:3000", "not a domain", "x.localhost:3000", "foo"]) {
      const err = await fail(setCustomDomain(admin, bad));
      expect(err?.code, bad).toBe("bad_request");
      expect(err?.fieldErrors?.domain, bad).toBeDefined();
    }
    expect((await tenantOf(admin))?.domain_claim).toBeUndefined();
  });

  it("is for settings managers only", async () => {
    const rep = await createMember(admin, "acquisition_rep");
    for (const run of [() => setCustomDomain(rep.ctx, "crm.example.com"), () => verifyCustomDomain(rep.ctx), () => getCustomDomain(rep.ctx)]) {
      expect((await fail(run()))?.code).toBe("forbidden");
    }
  });
});

describe("feature switches", () => {
  it("gates features with one helper, for a tenant or a context", async () => {
    expect(isFeatureEnabled({ settings: {} }, "sms_enabled")).toBe(true);
    expect(isFeatureEnabled({ settings: {} }, "automation_enabled")).toBe(false);
    expect(isFeatureEnabled(null, "call_enabled")).toBe(true);

    await requireFeature(admin, "sms_enabled");
    expect((await fail(requireFeature(admin, "automation_enabled")))?.message).toMatch(/Automations is turned off/);

    await changePlan(admin, "professional");
    expect(isFeatureEnabled(await tenantOf(admin), "automation_enabled")).toBe(true);
    await setFeatureSwitches(admin, { sms_enabled: false, automation_enabled: false, call_enabled: true });
    expect((await fail(requireFeature(admin, "sms_enabled")))?.code).toBe("forbidden");
    expect((await fail(requireFeature(admin, "automation_enabled")))?.code).toBe("forbidden");
    await requireFeature(admin, "call_enabled");
    await requireFeature({ settings: { sms_enabled: true } }, "sms_enabled");

    const a = await scoped(admin, Activity).findOne({ type: "settings_changed", "metadata.what": "feature switches" }).lean();
    expect(a?.metadata).toEqual({ what: "feature switches", before: { sms_enabled: true, automation_enabled: true }, after: { sms_enabled: false, automation_enabled: false } });
  });

  it("cannot turn on what the plan does not include", async () => {
    await changePlan(admin, "professional");
    await changePlan(admin, "basic");
    const err = await fail(setFeatureSwitches(admin, { ai_summaries: true, auto_tagging: true }));
    expect(err?.fieldErrors?.ai_summaries?.[0]).toMatch(/not part of the Basic plan/);
    expect(isFeatureEnabled(await tenantOf(admin), "auto_tagging")).toBe(false);
    await setFeatureSwitches(admin, { auto_tagging: true });
    expect(isFeatureEnabled(await tenantOf(admin), "auto_tagging")).toBe(true);
  });
});

describe("plan", () => {
  it("applies the plan's limits and switches, and refuses a plan too small for the team", async () => {
    await changePlan(admin, "enterprise");
    expect(await tenantOf(admin)).toMatchObject({ subscription_plan: "enterprise", max_users: 250, settings: { ai_summaries: true } });
    for (let i = 0; i < 5; i += 1) await createMember(admin, "acquisition_rep");
    const err = await fail(changePlan(admin, "basic"));
    expect(err?.code).toBe("limit_reached");
    expect(err?.message).toMatch(/allows 5 users.*has 6 active/);
    expect((await tenantOf(admin))?.subscription_plan).toBe("enterprise");
  });

  it("needs billing.manage", async () => {
    const dispo = await createMember(admin, "disposition_manager");
    expect((await fail(changePlan(dispo.ctx, "enterprise")))?.code).toBe("forbidden");
  });
});

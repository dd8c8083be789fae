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

  describe("on a plan without it", () => {
    const plans = [
      ["basic", "Basic"],
      ["professional", "Professional"],
    ] as const;
    const onPlan = async (plan: (typeof plans)[number][0]) => {
      if (plan !== "basic") await changePlan(admin, plan);
    };

    it.each(plans)("refuses setting a domain on %s, naming the plan that has it", async (plan, label) => {
      await onPlan(plan);
      const err = await fail(setCustomDomain(admin, unique("crm")));
      expect(err?.code).toBe("forbidden");
      expect(err?.message).toBe(`Custom domains are part of the Enterprise plan. This workspace is on the ${label} plan.`);
    });

    it.each(plans)("refuses verifying a domain on %s, naming the plan that has it", async (plan, label) => {
      await onPlan(plan);
      const err = await fail(verifyCustomDomain(admin));
      expect(err?.code).toBe("forbidden");
      expect(err?.message).toBe(`Custom domains are part of the Enterprise plan. This workspace is on the ${label} plan.`);
    });

    it.each(plans)("shows on %s that custom domains come with Enterprise", async (plan, label) => {
      await onPlan(plan);
      expect(await getCustomDomain(admin)).toEqual({ allowed: false, includedIn: "Enterprise", plan: label, domain: null, pending: null });
    });

    it.each(plans)("puts the refusal on %s on the domain field", async (plan) => {
      await onPlan(plan);
      expect((await fail(setCustomDomain(admin, unique("crm"))))?.fieldErrors?.domain?.[0]).toMatch(/Enterprise plan/);
    });

    it.each(plans)("stores no claim on %s and asks DNS nothing", async (plan) => {
      await onPlan(plan);
      const d = unique("crm");
      await fail(setCustomDomain(admin, d));
      await fail(verifyCustomDomain(admin));
      expect((await tenantOf(admin))?.domain_claim).toBeUndefined();
      expect(dns.queries).not.toContain(`_dealcycle.${d}`);
    });

    describe("after leaving Enterprise with a verified domain", () => {
      const verifiedThenDowngraded = async () => {
        const d = unique("crm");
        await changePlan(admin, "enterprise");
        await setCustomDomain(admin, d);
        await publish(admin);
        await verifyCustomDomain(admin);
        await changePlan(admin, "basic");
        return d;
      };

      it("keeps serving the domain", async () => {
        const d = await verifiedThenDowngraded();
        expect(await servedBy(d)).toBe(admin.tenantId);
      });

      it("still lets the admin remove it", async () => {
        const d = await verifiedThenDowngraded();
        expect(await setCustomDomain(admin, "")).toEqual({ status: "removed" });
        expect(await servedBy(d)).toBeNull();
        expect((await tenantOf(admin))?.domain).toBeUndefined();
      });
    });
  });

  describe("a new domain", () => {
    it("is held pending, lower-cased and trimmed, and not served", async () => {
      admin = await enterpriseAdmin();
      const d = unique("crm");
      expect(await setCustomDomain(admin, ` ${d.toUpperCase()} `)).toEqual({ status: "pending" });
      expect(await TenantDomain.countDocuments({ domain: d })).toBe(0);
      expect(await servedBy(d)).toBeNull();
    });

    it("tells the admin which TXT record to publish and where to point the name", async () => {
      admin = await enterpriseAdmin();
      const d = unique("crm");
      await setCustomDomain(admin, d);
      const status = await getCustomDomain(admin);
      expect(status).toMatchObject({ allowed: true, domain: null, pending: { domain: d, txtName: `_dealcycle.${d}`, cnameTarget: "localhost", taken: false } });
      expect(status.pending?.txtValue).toMatch(/^dealcycle-verify=[0-9a-f]{32}$/);
    });

    it("is not verified while its TXT record is missing, and the admin is told to wait", async () => {
      admin = await enterpriseAdmin();
      const d = unique("crm");
      await setCustomDomain(admin, d);
      const missing = await fail(verifyCustomDomain(admin));
      expect(missing?.code).toBe("bad_request");
      expect(missing?.message).toBe(
        `No TXT record found at _dealcycle.${d} yet. DNS changes can take from a few minutes to a few hours to show: check the record at your DNS provider and try again later.`,
      );
      expect(dns.queries).toContain(`_dealcycle.${d}`);
      expect(await servedBy(d)).toBeNull();
    });

    it("is served once its TXT record holds the workspace's token", async () => {
      admin = await enterpriseAdmin();
      const d = unique("crm");
      await setCustomDomain(admin, d);
      await publish(admin);
      expect(await verifyCustomDomain(admin)).toEqual({ domain: d });
      expect(await servedBy(d)).toBe(admin.tenantId);
      expect((await tenantOf(admin))?.domain).toBe(d);
      expect(await getCustomDomain(admin)).toMatchObject({ domain: d, pending: null });
    });

    it("records the claim and the verification, each before and after", async () => {
      admin = await enterpriseAdmin();
      const d = unique("crm");
      await setCustomDomain(admin, d);
      await publish(admin);
      await verifyCustomDomain(admin);
      expect(await customDomainChanges(admin)).toEqual([
        [{ pending_domain: null }, { pending_domain: d }],
        [{ domain: null }, { domain: d }],
      ]);
    });

    it("once verified, leaves nothing waiting to verify", async () => {
      admin = await enterpriseAdmin();
      await setCustomDomain(admin, unique("crm"));
      await publish(admin);
      await verifyCustomDomain(admin);
      expect((await fail(verifyCustomDomain(admin)))?.message).toBe("No custom domain is waiting for verification. Enter one first.");
    });
  });

  describe("a verification that cannot confirm the record", () => {
    /** A pending claim, and a verify that must fail without changing anything stored. */
    const pendingClaim = async () => {
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
      return { d, txtName, txtValue, verifyError };
    };

    it("says the record has another value, and changes nothing", async () => {
      const { txtName, txtValue, verifyError } = await pendingClaim();
      const otherToken = "dealcycle-verify=0123456789abcdef0123456789abcdef";
      dns.setTxt(txtName, [otherToken, "v=spf1 -all"]);
      expect(await verifyError()).toMatchObject({
        code: "bad_request",
        message: `The TXT record at ${txtName} has another value ("${otherToken}", "v=spf1 -all"). Change it to ${txtValue} and verify again.`,
      });
    });

    it("says the DNS server failed, and changes nothing", async () => {
      const { txtName, verifyError } = await pendingClaim();
      dns.setFailure(txtName, "servfail");
      expect((await verifyError())?.message).toBe(`The DNS lookup of ${txtName} failed: the DNS server reported a failure (SERVFAIL). Nothing was changed; please try again in a moment.`);
    });

    it("says the lookup timed out, and changes nothing", async () => {
      const { txtName, verifyError } = await pendingClaim();
      dns.setFailure(txtName, "no-answer");
      process.env.DNS_TIMEOUT_MS = "300";
      try {
        expect((await verifyError())?.message).toBe(`Looking up ${txtName} timed out. Nothing was changed; please try again in a moment.`);
      } finally {
        process.env.DNS_TIMEOUT_MS = "3000";
      }
    });

    it("says no DNS server could be reached, and changes nothing", async () => {
      const { txtName, verifyError } = await pendingClaim();
      const gone = await startDnsServer();
      await gone.close();
      process.env.DNS_SERVERS = gone.address;
      try {
        expect((await verifyError())?.message).toBe(`The DNS lookup of ${txtName} failed: no DNS server could be reached. Nothing was changed; please try again in a moment.`);
      } finally {
        process.env.DNS_SERVERS = dns.address;
      }
    });
  });

  it("reads a long TXT value split into character-strings whole, as DNS providers publish it", async () => {
    admin = await enterpriseAdmin();
    const d = unique("deals");
    await setCustomDomain(admin, d);
    const { txtName, txtValue } = (await getCustomDomain(admin)).pending!;
    dns.setTxt(txtName, [[txtValue.slice(0, 20), txtValue.slice(20)]]);
    expect(await verifyCustomDomain(admin)).toEqual({ domain: d });
  });

  describe("a domain claimed by two companies", () => {
    /** A squatter claims first; the owner claims too and publishes their token in the domain's DNS. */
    const contested = async () => {
      const owner = await enterpriseAdmin();
      const squatter = await enterpriseAdmin();
      const d = unique("crm");
      expect(await setCustomDomain(squatter, d)).toEqual({ status: "pending" });
      expect(await setCustomDomain(owner, d)).toEqual({ status: "pending" });
      const ours = await publish(owner);
      const theirs = (await getCustomDomain(squatter)).pending!;
      return { owner, squatter, d, ours, theirs };
    };

    it("gives each claim its own token", async () => {
      const { ours, theirs } = await contested();
      expect(theirs.txtValue).not.toBe(ours.txtValue);
    });

    it("does not verify the company whose token is not in the domain's DNS", async () => {
      const { squatter, ours } = await contested();
      expect((await fail(verifyCustomDomain(squatter)))?.message).toContain(`has another value ("${ours.txtValue}")`);
      expect((await tenantOf(squatter))?.domain).toBeUndefined();
    });

    it("gives the domain to the company that proves control, though it claimed second", async () => {
      const { owner, squatter, d } = await contested();
      await fail(verifyCustomDomain(squatter));
      expect(await verifyCustomDomain(owner)).toEqual({ domain: d });
      expect(await servedBy(d)).toBe(owner.tenantId);
      expect((await TenantDomain.find({ domain: d }).lean()).map((r) => String(r.tenant_id))).toEqual([owner.tenantId]);
    });

    it("tells the other claimant the domain is taken, on the page and when verifying", async () => {
      const { owner, squatter, d } = await contested();
      await verifyCustomDomain(owner);
      expect((await getCustomDomain(squatter)).pending).toMatchObject({ domain: d, taken: true });
      expect(await fail(verifyCustomDomain(squatter))).toMatchObject({
        code: "conflict",
        message: `${d} is now used by another workspace. Remove it here or choose another domain.`,
      });
      expect((await tenantOf(squatter))?.domain).toBeUndefined();
    });

    it("refuses a verified domain to a third company, on the field, storing no claim", async () => {
      const { owner, d } = await contested();
      await verifyCustomDomain(owner);
      const third = await enterpriseAdmin();
      const taken = await fail(setCustomDomain(third, d));
      expect(taken).toMatchObject({ code: "conflict", message: `${d} is already used by another workspace. Remove it here or choose another domain.` });
      expect(taken?.fieldErrors?.domain).toEqual(["Already used by another workspace"]);
      expect((await tenantOf(third))?.domain_claim).toBeUndefined();
      expect((await TenantDomain.find({ domain: d }).lean()).map((r) => String(r.tenant_id))).toEqual([owner.tenantId]);
    });

    it("once released, lets whoever has their record in its DNS verify it", async () => {
      const { owner, squatter, d, theirs } = await contested();
      await verifyCustomDomain(owner);
      await setCustomDomain(owner, "");
      dns.setTxt(theirs.txtName, [theirs.txtValue]);
      expect(await verifyCustomDomain(squatter)).toEqual({ domain: d });
    });
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

  describe("a verified domain and a new claim", () => {
    /** An enterprise workspace serving d1, with d2 claimed and pending. */
    const servingWithPending = async () => {
      admin = await enterpriseAdmin();
      const d1 = unique("crm");
      const d2 = unique("deals");
      await setCustomDomain(admin, d1);
      await publish(admin);
      await verifyCustomDomain(admin);
      await setCustomDomain(admin, d2);
      return { d1, d2, first: await getCustomDomain(admin) };
    };

    it("keeps the verified domain serving while the new one waits", async () => {
      const { d1, d2, first } = await servingWithPending();
      expect(first).toMatchObject({ domain: d1, pending: { domain: d2 } });
      expect(await servedBy(d1)).toBe(admin.tenantId);
      expect(await servedBy(d2)).toBeNull();
    });

    it("keeps the pending domain's token when the same domain is entered again", async () => {
      const { d2, first } = await servingWithPending();
      expect(await setCustomDomain(admin, d2)).toEqual({ status: "pending" });
      expect((await getCustomDomain(admin)).pending?.txtValue).toBe(first.pending?.txtValue);
    });

    it("drops the pending claim when the verified domain is entered again", async () => {
      const { d1 } = await servingWithPending();
      expect(await setCustomDomain(admin, d1)).toEqual({ status: "verified" });
      expect(await getCustomDomain(admin)).toMatchObject({ domain: d1, pending: null });
    });

    it("gives a dropped and re-entered claim a new token", async () => {
      const { d1, d2, first } = await servingWithPending();
      await setCustomDomain(admin, d1);
      await setCustomDomain(admin, d2);
      expect((await getCustomDomain(admin)).pending?.txtValue).not.toBe(first.pending?.txtValue);
    });

    it("serves the new domain instead of the old one once it is verified", async () => {
      const { d1, d2 } = await servingWithPending();
      await publish(admin);
      expect(await verifyCustomDomain(admin)).toEqual({ domain: d2 });
      expect(await servedBy(d2)).toBe(admin.tenantId);
      expect(await servedBy(d1)).toBeNull();
      expect((await TenantDomain.find({ tenant_id: admin.tenantId }).lean()).map((r) => r.domain)).toEqual([d2]);
    });

    it("removing drops both the verified domain and the pending one, and is recorded", async () => {
      const { d1, d2 } = await servingWithPending();
      await publish(admin);
      await verifyCustomDomain(admin);
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

  it.each(["localhost", "acme.localhost", "127.0.0.1", "acme.localhost:3000", "not a domain", "x.localhost:3000", "foo"])(
    "refuses %s, which is not a custom hostname, on the field, storing nothing",
    async (bad) => {
      admin = await enterpriseAdmin();
      const err = await fail(setCustomDomain(admin, bad));
      expect(err?.code).toBe("bad_request");
      expect(err?.fieldErrors?.domain).toBeDefined();
      expect((await tenantOf(admin))?.domain_claim).toBeUndefined();
    },
  );

  it.each([
    ["setting a domain", (ctx: TenantContext) => setCustomDomain(ctx, "crm.example.com")],
    ["verifying a domain", (ctx: TenantContext) => verifyCustomDomain(ctx)],
    ["reading the domain settings", (ctx: TenantContext) => getCustomDomain(ctx)],
  ])("refuses %s to anyone but settings managers", async (_label, run) => {
    const rep = await createMember(admin, "acquisition_rep");
    expect((await fail(run(rep.ctx)))?.code).toBe("forbidden");
  });
});

describe("feature switches", () => {
  it("defaults a company without settings to its plan's usual switches", () => {
    expect(isFeatureEnabled({ settings: {} }, "sms_enabled")).toBe(true);
    expect(isFeatureEnabled({ settings: {} }, "automation_enabled")).toBe(false);
  });

  it("answers the default for a missing company", () => {
    expect(isFeatureEnabled(null, "call_enabled")).toBe(true);
  });

  it("lets a context use a feature that is on", async () => {
    await requireFeature(admin, "sms_enabled");
  });

  it("refuses a context a feature that is off, naming it", async () => {
    expect((await fail(requireFeature(admin, "automation_enabled")))?.message).toMatch(/Automations is turned off/);
  });

  it("turns on what the new plan includes", async () => {
    await changePlan(admin, "professional");
    expect(isFeatureEnabled(await tenantOf(admin), "automation_enabled")).toBe(true);
  });

  describe("switched by an admin", () => {
    const switchOff = async () => {
      await changePlan(admin, "professional");
      await setFeatureSwitches(admin, { sms_enabled: false, automation_enabled: false, call_enabled: true });
    };

    it("refuses the features switched off", async () => {
      await switchOff();
      expect((await fail(requireFeature(admin, "sms_enabled")))?.code).toBe("forbidden");
      expect((await fail(requireFeature(admin, "automation_enabled")))?.code).toBe("forbidden");
    });

    it("allows the features left on", async () => {
      await switchOff();
      await requireFeature(admin, "call_enabled");
    });

    it("records only the switches that changed, before and after", async () => {
      await switchOff();
      const a = await scoped(admin, Activity).findOne({ type: "settings_changed", "metadata.what": "feature switches" }).lean();
      expect(a?.metadata).toEqual({ what: "feature switches", before: { sms_enabled: true, automation_enabled: true }, after: { sms_enabled: false, automation_enabled: false } });
    });
  });

  it("checks a feature against a company's settings as well as a context", async () => {
    await requireFeature({ settings: { sms_enabled: true } }, "sms_enabled");
    expect((await fail(requireFeature({ settings: { sms_enabled: false } }, "sms_enabled")))?.code).toBe("forbidden");
  });

  it("cannot turn on what the plan does not include, and changes nothing", async () => {
    await changePlan(admin, "professional");
    await changePlan(admin, "basic");
    const err = await fail(setFeatureSwitches(admin, { ai_summaries: true, auto_tagging: true }));
    expect(err?.fieldErrors?.ai_summaries?.[0]).toMatch(/not part of the Basic plan/);
    expect(isFeatureEnabled(await tenantOf(admin), "auto_tagging")).toBe(false);
  });

  it("turns on an optional feature the plan includes", async () => {
    await changePlan(admin, "professional");
    await changePlan(admin, "basic");
    await setFeatureSwitches(admin, { auto_tagging: true });
    expect(isFeatureEnabled(await tenantOf(admin), "auto_tagging")).toBe(true);
  });
});

describe("plan", () => {
  it("applies the plan's limits and switches", async () => {
    await changePlan(admin, "enterprise");
    expect(await tenantOf(admin)).toMatchObject({ subscription_plan: "enterprise", max_users: 250, settings: { ai_summaries: true } });
  });

  it("refuses a plan too small for the team, keeping the current one", async () => {
    await changePlan(admin, "enterprise");
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

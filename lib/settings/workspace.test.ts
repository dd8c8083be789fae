import { beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { AppError } from "@/lib/errors";
import { createMember } from "@/lib/team/testing";
import { createTenant } from "@/lib/testing/factories";
import { Activity, Tenant, TenantDomain } from "@/models";
import { changePlan } from "./change-plan";
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
  it("updates name and billing contact and records before/after", async () => {
    await updateCompanyProfile(admin, { name: "Acme Renamed", contact_name: "Pat Payer", contact_email: "billing@acme.example" });
    expect(await tenantOf(admin)).toMatchObject({ name: "Acme Renamed", billing_info: { contact_name: "Pat Payer", contact_email: "billing@acme.example" } });
    const a = await scoped(admin, Activity).findOne({ type: "settings_changed" }).lean();
    expect(a?.metadata).toMatchObject({ what: "company profile", after: { name: "Acme Renamed", contact_name: "Pat Payer" } });
    expect((a?.metadata as { before: { name: string } }).before.name).toMatch(/^Company /);

    await updateCompanyProfile(admin, { name: "Acme Renamed" });
    expect((await tenantOf(admin))?.billing_info?.contact_name).toBeUndefined();
  });

  it("is for settings managers only", async () => {
    const rep = await createMember(admin, "acquisition_rep");
    expect((await fail(updateCompanyProfile(rep.ctx, { name: "X" })))?.code).toBe("forbidden");
  });
});

describe("subdomain", () => {
  it("validates, refuses one taken by another company, and moves the workspace", async () => {
    const other = await createTenant();
    expect((await fail(changeSubdomain(admin, "www")))?.fieldErrors?.subdomain?.[0]).toMatch(/reserved/);
    expect((await fail(changeSubdomain(admin, "-bad-")))?.code).toBe("bad_request");
    const taken = await fail(changeSubdomain(admin, other.tenant.subdomain));
    expect(taken?.code).toBe("conflict");
    expect(taken?.fieldErrors?.subdomain).toEqual(["Already taken"]);

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
  it("keeps a domain with one company and one row per company", async () => {
    const other = (await createMember((await createTenant()).ctx, "admin")).ctx;
    const d1 = `crm-${Date.now()}.acmehomes.com`;
    await setCustomDomain(admin, d1.toUpperCase());
    expect(await TenantDomain.find({ tenant_id: admin.tenantId }).lean()).toMatchObject([{ domain: d1 }]);
    expect((await tenantOf(admin))?.domain).toBe(d1);

    const taken = await fail(setCustomDomain(other, d1));
    expect(taken?.code).toBe("conflict");
    expect(await TenantDomain.countDocuments({ tenant_id: other.tenantId })).toBe(0);

    const d2 = `deals-${Date.now()}.acmehomes.com`;
    await setCustomDomain(admin, d2);
    expect((await TenantDomain.find({ tenant_id: admin.tenantId }).lean()).map((r) => r.domain)).toEqual([d2]);

    // The released domain can now be taken by the other company.
    await setCustomDomain(other, d1);
    expect((await TenantDomain.find({ tenant_id: other.tenantId }).lean()).map((r) => r.domain)).toEqual([d1]);

    await setCustomDomain(admin, "");
    expect(await TenantDomain.countDocuments({ tenant_id: admin.tenantId })).toBe(0);
    expect((await tenantOf(admin))?.domain).toBeUndefined();
  });

  it("refuses names that are not a custom hostname", async () => {
    for (const bad of ["localhost", "acme.localhost", "127.0.0.1", "acme.localhost:3000", "not a domain", "x.localhost:3000", "foo"]) {
      const err = await fail(setCustomDomain(admin, bad));
      expect(err?.code, bad).toBe("bad_request");
      expect(err?.fieldErrors?.domain, bad).toBeDefined();
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

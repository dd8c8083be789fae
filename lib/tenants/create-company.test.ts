// Sign-up: one tenant per subdomain, created with its plan's defaults and its first admin.
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/core/errors";
import { Activity, Tenant, User } from "@/models";
import { createCompany, SUBDOMAIN_TAKEN } from "./create-company";
import { PLAN_DEFAULTS } from "./plans";
import { checkSubdomain } from "./subdomain-availability";

let n = 0;
const input = (overrides: Record<string, unknown> = {}) => {
  n += 1;
  return {
    company: "Sunrise Home Buyers",
    subdomain: `sunrise-${n}-${Date.now().toString(36)}`,
    plan: "professional",
    name: "Pat Founder",
    email: `Pat.Founder${n}@Example.com`,
    password: "a-long-enough-passphrase",
    ...overrides,
  };
};

describe("createCompany", () => {
  it("creates the tenant with the plan's defaults and an active admin with an argon2id password", async () => {
    const data = input({ subdomain: ` Sunrise-X${Date.now().toString(36)} ` });
    const created = await createCompany(data, { ip: "203.0.113.9", userAgent: "vitest" });
    const tenant = await Tenant.findById(created.tenantId).lean();
    const plan = PLAN_DEFAULTS.professional;
    expect(tenant).toMatchObject({
      name: "Sunrise Home Buyers",
      subdomain: data.subdomain.trim().toLowerCase(),
      subscription_plan: "professional",
      subscription_status: "active",
      max_users: plan.max_users,
      max_leads: plan.max_leads,
      features_enabled: plan.features_enabled,
      settings: plan.settings,
    });
    const admin = await User.findById(created.userId).select("+password_hash").setOptions({ allTenants: true }).lean();
    expect(admin).toMatchObject({ role: "admin", is_active: true, email: data.email.toLowerCase(), session_version: 0 });
    expect(await verifyPassword(admin!.password_hash!, data.password)).toBe(true);
    expect(created.claims).toEqual({ typ: "root", email: data.email.toLowerCase(), name: "Pat Founder", amr: "password", m: [{ t: created.tenantId, u: created.userId, v: 0 }] });
    expect(await Activity.findOne({ tenant_id: created.tenantId, type: "tenant_created" }).lean()).toMatchObject({ ip_address: "203.0.113.9" });
  });

  it("returns every field's problem at once, and refuses reserved or malformed subdomains", async () => {
    const err = await createCompany({ company: "", subdomain: "admin", plan: "gold", name: "", email: "nope", password: "short" }).catch((e) => e);
    expect(err.name).toBe("ZodError");
    const fields = new Set(err.issues.map((i: { path: string[] }) => i.path[0]));
    expect(fields).toEqual(new Set(["company", "subdomain", "plan", "name", "email", "password"]));
    for (const subdomain of ["-bad", "a.b", "under_score", "x".repeat(64), "t", "www"]) {
      expect((await checkSubdomain(subdomain)).available).toBe(false);
    }
    expect(await checkSubdomain({ $ne: "" })).toMatchObject({ available: false });
  });

  it("leaves exactly one tenant and one admin when two sign-ups race for a subdomain", async () => {
    const subdomain = `race-${Date.now().toString(36)}`;
    const results = await Promise.allSettled([
      createCompany(input({ subdomain, email: "first@example.com" })),
      createCompany(input({ subdomain, email: "second@example.com" })),
      createCompany(input({ subdomain, email: "third@example.com" })),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect(r.reason).toMatchObject({ code: "conflict", message: SUBDOMAIN_TAKEN, fieldErrors: { subdomain: [SUBDOMAIN_TAKEN] } });
    }
    const tenants = await Tenant.find({ subdomain }).lean();
    expect(tenants).toHaveLength(1);
    const users = await User.find({ email: { $in: ["first@example.com", "second@example.com", "third@example.com"] } }).setOptions({ allTenants: true }).lean();
    expect(users).toHaveLength(1);
    expect(String(users[0].tenant_id)).toBe(String(tenants[0]._id));
    expect((await checkSubdomain(subdomain)).available).toBe(false);
  });
});

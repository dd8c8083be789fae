// The demo company itself, its people and its settings rows.
import type { Types } from "mongoose";
import { addMs, DAY, HOUR } from "../clock";
import type { Doc, SeedUser, TenantSeedContext } from "../context";
import { DEMO_TENANTS, DEMO_USERS, type DemoTenantKey } from "../demo-users";
import type { IdFactory } from "../ids";
import { REPS_SEE_ALL_LEADS } from "@/lib/core/permission-settings";
import { PLAN_DEFAULTS } from "@/lib/tenants/plans";
import { createRng, hashSeed } from "../random";
import { SEED } from "../seed-constants";
import { uniquePhone } from "./fake";

const COMPANY: Record<DemoTenantKey, { sinceDays: number; billingAddress: string; paymentMethod: string; timezone: string; areaCode: string }> = {
  acme: { sinceDays: 420, billingAddress: "2100 West Loop S, Suite 900, Houston, TX 77027", paymentMethod: "Visa ending 4242", timezone: "America/Chicago", areaCode: "713" },
  globex: { sinceDays: 160, billingAddress: "250 S High St, Suite 400, Columbus, OH 43215", paymentMethod: "ACH ending 6789", timezone: "America/New_York", areaCode: "614" },
};

export function companyTimezone(key: DemoTenantKey): string {
  return COMPANY[key].timezone;
}

export function buildTenant(key: DemoTenantKey, base: Date, newId: IdFactory): Doc {
  const spec = DEMO_TENANTS.find((t) => t.key === key)!;
  const plan = PLAN_DEFAULTS[spec.plan];
  const since = addMs(base, -COMPANY[key].sinceDays * DAY + 15 * HOUR);
  const admin = DEMO_USERS.find((u) => u.tenant === key && u.role === "admin")!;
  // Billed monthly: the current period ends within the next month.
  const periodEnd = addMs(base, ((COMPANY[key].sinceDays % 30) + 1) * DAY);
  return {
    _id: newId(since),
    name: spec.name,
    subdomain: spec.subdomain,
    subscription_plan: spec.plan,
    subscription_status: "active",
    subscription_start_date: since,
    subscription_end_date: periodEnd,
    max_users: plan.max_users,
    max_leads: plan.max_leads,
    features_enabled: [...plan.features_enabled],
    settings: { ...plan.settings },
    billing_info: {
      contact_name: admin.name,
      contact_email: `billing@${key}.example.com`,
      billing_address: COMPANY[key].billingAddress,
      payment_method: COMPANY[key].paymentMethod,
    },
    created_at: since,
    updated_at: since,
  };
}

const DEFAULT_VIEW = { admin: "dashboard", acquisition_rep: "leads", disposition_manager: "buyers" } as const;

/** The company's users, all with the same (already hashed) demo password. */
export function buildUsers(ctx: Pick<TenantSeedContext, "key" | "tenantId" | "base" | "phones">, passwordHash: string, newId: IdFactory): { docs: Doc[]; users: SeedUser[] } {
  const docs: Doc[] = [];
  const users: SeedUser[] = [];
  DEMO_USERS.filter((u) => u.tenant === ctx.key).forEach((u, i) => {
    const rng = createRng(hashSeed(SEED, ctx.key, "user", i));
    const [first_name, ...rest] = u.name.split(" ");
    const created = addMs(ctx.base, -(COMPANY[ctx.key].sinceDays - i * 20) * DAY + 16 * HOUR);
    const lastLogin = addMs(ctx.base, -rng.int(1, 40) * HOUR);
    const _id = newId(created);
    docs.push({
      _id,
      tenant_id: ctx.tenantId,
      email: u.email,
      name: u.name,
      first_name,
      last_name: rest.join(" "),
      phone: uniquePhone(rng, [COMPANY[ctx.key].areaCode], ctx.phones),
      role: u.role,
      permissions: [],
      password_hash: passwordHash,
      is_active: true,
      is_verified: true,
      last_login: lastLogin,
      login_count: rng.int(40, 400),
      session_version: 0,
      preferences: {
        theme: rng.pick(["auto", "light", "dark"] as const),
        notifications: { email: true, sms: u.role !== "admin", push: true },
        default_view: DEFAULT_VIEW[u.role],
      },
      created_at: created,
      updated_at: lastLogin,
    });
    users.push({ _id, name: u.name, first_name, email: u.email, role: u.role });
  });
  return { docs, users };
}

type SettingSeed = { category: string; key: string; value: unknown; description: string; is_system?: boolean };

function settingSeeds(key: DemoTenantKey, defaultTemplate: Types.ObjectId | undefined): SettingSeed[] {
  return [
    { category: "general", key: "timezone", value: COMPANY[key].timezone, description: "Time zone for schedules, quiet hours and reports" },
    { category: "general", key: "currency", value: "USD", description: "Currency for prices and profit" },
    { category: "general", key: "business_hours", value: { start: "08:00", end: "19:00", days: ["mon", "tue", "wed", "thu", "fri", "sat"] }, description: "When the team works leads" },
    { category: "communications", key: "quiet_hours", value: { start: "21:00", end: "08:00" }, description: "No texts or calls in the recipient's local time between these hours", is_system: true },
    { category: "communications", key: "opt_out_keywords", value: ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"], description: "Replies that opt a contact out of texts", is_system: true },
    { category: "communications", key: "default_sms_template", value: defaultTemplate?.toString() ?? null, description: "First text sent to a new lead" },
    { category: "leads", key: "default_follow_up_days", value: 3, description: "Days until the next follow-up when none is set" },
    { category: "leads", key: "assignment", value: key === "acme" ? "round_robin" : "manual", description: "How new leads are assigned to reps" },
    { category: "leads", key: "duplicate_detection", value: ["phone", "address"], description: "Fields compared to flag duplicate leads" },
    { category: "notifications", key: "new_lead_email", value: true, description: "E-mail the assigned rep when a lead arrives" },
    { ...REPS_SEE_ALL_LEADS, value: key === "globex", description: "Acquisition reps see every lead, not only the ones assigned to them" },
    { category: "notifications", key: "daily_digest_time", value: "07:30", description: "When the daily follow-up digest is sent" },
  ];
}

export function buildSettings(ctx: TenantSeedContext, newId: IdFactory): Doc[] {
  const at = addMs(ctx.base, -COMPANY[ctx.key].sinceDays * DAY + 17 * HOUR);
  return settingSeeds(ctx.key, ctx.templates.get("sms_intro")?._id).map((s) => ({
    _id: newId(at),
    tenant_id: ctx.tenantId,
    category: s.category,
    key: s.key,
    value: s.value,
    description: s.description,
    is_system: s.is_system ?? false,
    created_at: at,
    updated_at: at,
  }));
}

import { beforeAll, describe, expect, it } from "vitest";
import type { Model, Types } from "mongoose";
import { verifyPassword } from "@/lib/auth/password";
import { Buyer, Communication, Lead, Tag, Tenant, tenantOwnedModels, User } from "@/models";
import { ACME_CITIES, GLOBEX_CITIES } from "./data/places";
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS } from "./demo-users";
import type { Doc } from "./context";
import { seedBaseDate } from "./clock";
import { seedDemo, seedDemoIfEmpty, type SeedCounts } from "./seed-demo";
import { deleteDemoData, memorySinks } from "./write";

type Raw = Record<string, any> & { _id: Types.ObjectId };

const raw = (model: Model<any>, filter: Record<string, unknown>) => model.collection.find(filter).toArray() as Promise<Raw[]>;
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

async function tenantIds() {
  const tenants = await raw(Tenant, { subdomain: { $in: DEMO_TENANTS.map((t) => t.subdomain) } });
  return Object.fromEntries(tenants.map((t) => [t.subdomain, t._id])) as Record<"acme" | "globex", Types.ObjectId>;
}

/** What must not change between two seed runs: who the sellers are, where, and for how much. */
function leadFingerprints(leads: Record<string, any>[]): string[] {
  return leads.map((l) => [l.name, l.phone, l.email, l.address.full_address, l.estimated_value, l.asking_price, l.source, l.status].join("|")).sort();
}

let counts: SeedCounts | null;
let ids: Record<"acme" | "globex", Types.ObjectId>;

beforeAll(async () => {
  counts = await seedDemoIfEmpty();
  ids = await tenantIds();
}, 120_000);

describe("demo seed", () => {
  it("seeds both companies with the stated volumes", async () => {
    expect(counts).toMatchObject({ tenants: 2, users: DEMO_USERS.length, leads: 1_300, buyers: 240 });
    const acme = { tenant_id: ids.acme };
    expect(await Lead.countDocuments(acme)).toBe(1_000);
    expect(await Lead.countDocuments({ tenant_id: ids.globex })).toBe(300);
    expect(await Buyer.countDocuments(acme)).toBe(200);
    expect(await (tenantOwnedModels.find((m) => m.modelName === "Deal") as Model<any>).countDocuments(acme)).toBe(60);
    expect(await Communication.countDocuments(acme)).toBeGreaterThan(3_000);
    const acmeTenant = await Tenant.findById(ids.acme).lean();
    expect(acmeTenant).toMatchObject({ name: "Acme Home Buyers", subscription_plan: "professional", subdomain: "acme" });
    expect(acmeTenant!.max_leads).toBeGreaterThanOrEqual(100_000);
  });

  it("does nothing when the database already has tenants", async () => {
    expect(await seedDemoIfEmpty()).toBeNull();
    expect(await Tenant.countDocuments({})).toBe(2);
  });

  it("writes every document exactly as saving it through its model would", async () => {
    const tenantScoped = tenantOwnedModels as Model<any>[];
    const checks: [Model<any>, Raw[]][] = [[Tenant, await raw(Tenant, { _id: { $in: Object.values(ids) } })]];
    for (const model of tenantScoped) checks.push([model, await raw(model, { tenant_id: { $in: Object.values(ids) } })]);
    const seeded = new Set(Object.keys(counts!));
    for (const [model, docs] of checks) {
      // Collections the seed fills (invites and the like stay empty).
      if (seeded.has(model.collection.collectionName)) expect(docs.length, model.modelName).toBeGreaterThan(0);
      for (const stored of docs) {
        const doc = new model(stored);
        // Runs the validators and the pre("validate") hooks (search keys, address key, full address).
        await doc.validate();
        expect(json(doc.toObject()), `${model.modelName} ${stored._id}`).toEqual(json(stored));
      }
    }
  }, 60_000);

  it("assigns acme's leads only to acme's users", async () => {
    const acmeUsers = new Set((await raw(User, { tenant_id: ids.acme })).map((u) => u._id.toHexString()));
    const assignees = (await Lead.distinct("assigned_to", { tenant_id: ids.acme })).map(String);
    expect(assignees.length).toBeGreaterThanOrEqual(3);
    for (const a of assignees) expect(acmeUsers.has(a)).toBe(true);
  });

  it("counts each tag's usage from the leads that carry it", async () => {
    for (const tenant_id of Object.values(ids)) {
      const usage = new Map<string, number>();
      for (const lead of await raw(Lead, { tenant_id })) for (const t of lead.tags) usage.set(t, (usage.get(t) ?? 0) + 1);
      const tags = await raw(Tag, { tenant_id });
      for (const tag of tags) expect(tag.usage_count, tag.name).toBe(usage.get(tag.name) ?? 0);
      // Every tag a lead carries is in the catalogue.
      expect([...usage.keys()].every((name) => tags.some((t) => t.name === name))).toBe(true);
    }
  });

  it("keeps each lead's communication count and last contact in step with its communications", async () => {
    const comms = await raw(Communication, { tenant_id: ids.acme, recipient_type: "lead", status: { $ne: "scheduled" } });
    const byLead = new Map<string, { n: number; last: number }>();
    for (const c of comms) {
      const s = byLead.get(c.recipient_id.toHexString()) ?? { n: 0, last: 0 };
      byLead.set(c.recipient_id.toHexString(), { n: s.n + 1, last: Math.max(s.last, c.sent_at.getTime()) });
    }
    for (const lead of await raw(Lead, { tenant_id: ids.acme })) {
      const s = byLead.get(lead._id.toHexString());
      expect(lead.communication_count).toBe(s?.n ?? 0);
      expect(lead.last_contacted?.getTime()).toBe(s?.last);
    }
  });

  it("gives every lead a unique E.164 number with an area code of its city", async () => {
    for (const [key, cities] of [["acme", ACME_CITIES], ["globex", GLOBEX_CITIES]] as const) {
      const leads = await raw(Lead, { tenant_id: ids[key] });
      expect(new Set(leads.map((l) => l.phone)).size).toBe(leads.length);
      for (const l of leads) {
        expect(l.phone).toMatch(/^\+1[2-9]\d{2}[2-9]\d{6}$/);
        const city = cities.find((c) => c.city === l.address.city && c.zips.includes(l.address.zip_code))!;
        expect(city.areaCodes).toContain(l.phone.slice(2, 5));
      }
    }
  });

  it("lets every demo user sign in with the demo password", async () => {
    const users = await raw(User, { tenant_id: { $in: Object.values(ids) } });
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    expect(await verifyPassword(users[0].password_hash, DEMO_PASSWORD)).toBe(true);
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
  });

  it("is deterministic: a second run gives the same names, phones, addresses and prices", async () => {
    const store = new Map<string, Doc[]>();
    // The same day's base date: a run on another day only shifts the dates.
    expect(await seedDemo({ large: false, base: seedBaseDate() }, memorySinks(store))).toEqual(counts);
    const stored = await raw(Lead, { tenant_id: { $in: Object.values(ids) } });
    expect(leadFingerprints(store.get("Lead")!)).toEqual(leadFingerprints(stored));
    const buyers = (docs: Record<string, any>[]) => docs.map((b) => `${b.name}|${b.phone}|${b.company}`).sort();
    expect(buyers(store.get("Buyer")!)).toEqual(buyers(await raw(Buyer, { tenant_id: { $in: Object.values(ids) } })));
  });

  it("removes every document of the demo companies before a reseed", async () => {
    await deleteDemoData();
    expect(await Tenant.countDocuments({})).toBe(0);
    for (const model of tenantOwnedModels as Model<any>[]) {
      expect(await model.collection.countDocuments({ tenant_id: { $in: Object.values(ids) } }), model.modelName).toBe(0);
    }
  }, 60_000);
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Model, Types } from "mongoose";
import { verifyPassword } from "@/lib/auth/password";
import { Tenant, tenantOwnedModels } from "@/models";
import { seedBaseDate } from "./clock";
import type { Doc } from "./context";
import { ACME_CITIES, GLOBEX_CITIES } from "./data/places";
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS } from "./demo-users";
import { seedDemo, seedDemoIfEmpty, type SeedCounts } from "./seed-demo";
import { deleteDemoData, memorySinks } from "./write";
import { deriveFinancials } from "@/lib/deals/financials";
import { timelineProblems } from "@/lib/deals/timeline-order";

type Raw = Record<string, any> & { _id: Types.ObjectId };

const json = (v: unknown) => JSON.parse(JSON.stringify(v));
const owned = tenantOwnedModels as Model<any>[];

let counts: SeedCounts | null;
let ids: Record<"acme" | "globex", Types.ObjectId>;
/** Every stored document of the demo companies by model name, read once (each read is a full scan on FerretDB). */
const stored = new Map<string, Raw[]>();
const of = (modelName: string, tenant?: "acme" | "globex") =>
  (stored.get(modelName) ?? []).filter((d) => !tenant || (d.tenant_id ?? d._id).equals(ids[tenant]));

/** What must not change between two seed runs: who the sellers are, where, and for how much. */
const leadFingerprints = (leads: Record<string, any>[]) =>
  leads.map((l) => [l.name, l.phone, l.email, l.address.full_address, l.estimated_value, l.asking_price, l.source, l.status].join("|")).sort();

beforeAll(async () => {
  counts = await seedDemoIfEmpty();
  const tenants = (await Tenant.collection.find({ subdomain: { $in: DEMO_TENANTS.map((t) => t.subdomain) } }).toArray()) as Raw[];
  ids = Object.fromEntries(tenants.map((t) => [t.subdomain, t._id])) as typeof ids;
  stored.set("Tenant", tenants);
  for (const model of owned) stored.set(model.modelName, (await model.collection.find({ tenant_id: { $in: tenants.map((t) => t._id) } }).toArray()) as Raw[]);
}, 120_000);

describe("demo seed", () => {
  it("seeds both companies with the stated volumes", () => {
    expect(counts).toMatchObject({ tenants: 2, users: DEMO_USERS.length, leads: 1_300, buyers: 240 });
    expect(of("Lead", "acme")).toHaveLength(1_000);
    expect(of("Lead", "globex")).toHaveLength(300);
    expect(of("Buyer", "acme")).toHaveLength(200);
    expect(of("Deal", "acme")).toHaveLength(60);
    expect(of("Communication", "acme").length).toBeGreaterThan(3_000);
    expect(of("Tenant", "acme")[0]).toMatchObject({ name: "Acme Home Buyers", subscription_plan: "professional", subdomain: "acme" });
    expect(of("Tenant", "globex")[0]).toMatchObject({ name: "Globex Property Group", subscription_plan: "basic", subdomain: "globex" });
    for (const status of ["new", "contacted", "under_contract", "closed", "lost"]) {
      expect(of("Lead", "acme").filter((l) => l.status === status).length, status).toBeGreaterThan(10);
    }
  });

  it("seeds deals in every status that agree with the app's rules, and a buyer whose closed deals contradict their stated box", () => {
    const deals = of("Deal", "acme");
    for (const status of ["pending", "under_contract", "closed", "cancelled"]) expect(deals.filter((d) => d.status === status).length, status).toBeGreaterThan(0);
    for (const d of deals) {
      // Profit and ROI as the server derives them; dates in order; a reason on every cancel.
      expect(d.financials.profit ?? null, String(d._id)).toBe(deriveFinancials(d.deal_type, d.financials).profit);
      expect(d.financials.roi ?? null).toBe(deriveFinancials(d.deal_type, d.financials).roi);
      expect(timelineProblems(d.timeline ?? {})).toEqual({});
      if (d.status === "cancelled") expect(d.cancel_reason).toBeTruthy();
      if (d.status === "closed" && d.deal_type === "wholesale") expect(d).toMatchObject({ buyer_id: expect.anything(), timeline: { closing_date: expect.any(Date) }, financials: { sale_price: expect.any(Number), purchase_price: expect.any(Number), assignment_fee: expect.any(Number) } });
    }
    const story = of("Buyer", "acme").find((b) => b.price_range?.min === 150_000 && b.price_range?.max === 300_000 && b.preferred_locations.length === 1 && /dallas/i.test(b.preferred_locations[0]));
    expect(story).toBeDefined();
    const theirs = deals.filter((d) => d.status === "closed" && String(d.buyer_id) === String(story!._id));
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    for (const d of theirs) {
      expect(d.property_address.city).not.toBe("Dallas");
      expect(d.financials.sale_price).toBeGreaterThanOrEqual(90_000);
      expect(d.financials.sale_price).toBeLessThanOrEqual(120_000);
    }
  });

  it("does nothing when the database already has tenants", async () => {
    expect(await seedDemoIfEmpty()).toBeNull();
    expect(await Tenant.countDocuments({})).toBe(2);
  });

  it("writes every document exactly as saving it through its model would", async () => {
    const seeded = new Set(Object.keys(counts!));
    for (const model of [Tenant as Model<any>, ...owned]) {
      const docs = stored.get(model.modelName)!;
      // Collections the seed fills (invites and the like stay empty).
      if (seeded.has(model.collection.collectionName)) expect(docs.length, model.modelName).toBeGreaterThan(0);
      for (const doc of docs) {
        const hydrated = new model(doc);
        // Runs the validators and the pre("validate") hooks (search keys, address key, full address).
        await hydrated.validate();
        expect(json(hydrated.toObject()), `${model.modelName} ${doc._id}`).toEqual(json(doc));
      }
    }
  }, 60_000);

  it("assigns acme's leads only to acme's users, spread over the reps", () => {
    const acmeUsers = new Map(of("User", "acme").map((u) => [u._id.toHexString(), u.role]));
    const perUser = new Map<string, number>();
    for (const lead of of("Lead", "acme")) {
      if (!lead.assigned_to) continue;
      const id = lead.assigned_to.toHexString();
      expect(acmeUsers.has(id)).toBe(true);
      perUser.set(id, (perUser.get(id) ?? 0) + 1);
    }
    const reps = [...acmeUsers].filter(([, role]) => role === "acquisition_rep").map(([id]) => perUser.get(id) ?? 0);
    expect(reps).toHaveLength(2);
    for (const n of reps) expect(n).toBeGreaterThan(300);
  });

  it("counts each tag's usage from the leads that carry it", () => {
    for (const tenant of ["acme", "globex"] as const) {
      const usage = new Map<string, number>();
      for (const lead of of("Lead", tenant)) for (const t of lead.tags) usage.set(t, (usage.get(t) ?? 0) + 1);
      const tags = of("Tag", tenant);
      for (const tag of tags) expect(tag.usage_count, tag.name).toBe(usage.get(tag.name) ?? 0);
      expect([...usage.keys()].filter((name) => !tags.some((t) => t.name === name))).toEqual([]);
    }
  });

  it("keeps each lead's and buyer's communication count and last contact in step with its communications", () => {
    const byRecipient = new Map<string, { n: number; last: number }>();
    for (const c of stored.get("Communication")!) {
      if (c.status === "scheduled") continue;
      const s = byRecipient.get(c.recipient_id.toHexString()) ?? { n: 0, last: 0 };
      byRecipient.set(c.recipient_id.toHexString(), { n: s.n + 1, last: Math.max(s.last, c.sent_at.getTime()) });
    }
    for (const doc of [...stored.get("Lead")!, ...stored.get("Buyer")!]) {
      const s = byRecipient.get(doc._id.toHexString());
      expect(doc.communication_count).toBe(s?.n ?? 0);
      expect(doc.last_contacted?.getTime()).toBe(s?.last);
    }
  });

  it("writes scheduled follow-up texts as the app does: to the lead's phone, from the company's number, each with its own intent key", () => {
    const phoneOf = new Map(stored.get("Lead")!.map((l) => [l._id.toHexString(), l.phone]));
    const scheduled = stored.get("Communication")!.filter((c) => c.status === "scheduled");
    expect(scheduled.length).toBeGreaterThan(0);
    for (const c of scheduled) {
      expect(c.to_number).toBe(phoneOf.get(c.recipient_id.toHexString()));
      expect(c.from_number).toMatch(/^\+1\d{10}$/);
      expect(c.intent_key).toBe(`seed:${c._id.toHexString()}`);
    }
  });

  it("texts and calls sellers only in their working hours", () => {
    const offsetOf = new Map(
      stored.get("Lead")!.map((l) => [l._id.toHexString(), [...ACME_CITIES, ...GLOBEX_CITIES].find((c) => c.city === l.address.city)!.utcOffset]),
    );
    const outbound = stored.get("Communication")!.filter((c) => c.recipient_type === "lead" && c.direction === "outbound" && c.sent_at);
    expect(outbound.length).toBeGreaterThan(1_000);
    for (const c of outbound) {
      const localHour = new Date(c.sent_at.getTime() + offsetOf.get(c.recipient_id.toHexString())! * 3_600_000).getUTCHours();
      expect(localHour).toBeGreaterThanOrEqual(8);
      expect(localHour).toBeLessThan(21);
    }
  });

  it("gives every lead a unique E.164 number with an area code of its city", () => {
    for (const [tenant, cities] of [["acme", ACME_CITIES], ["globex", GLOBEX_CITIES]] as const) {
      const leads = of("Lead", tenant);
      expect(new Set(leads.map((l) => l.phone)).size).toBe(leads.length);
      for (const l of leads) {
        expect(l.phone).toMatch(/^\+1[2-9]\d{2}[2-9]\d{6}$/);
        const city = cities.find((c) => c.city === l.address.city && c.zips.includes(l.address.zip_code))!;
        expect(city.areaCodes).toContain(l.phone.slice(2, 5));
      }
    }
  });

  it("has follow-ups overdue, due today and in the future", () => {
    const base = seedBaseDate().getTime();
    const day = 86_400_000;
    const when = of("Lead", "acme").filter((l) => l.next_follow_up).map((l) => l.next_follow_up.getTime());
    expect(when.filter((t) => t < base).length).toBeGreaterThan(50);
    expect(when.filter((t) => t >= base && t < base + day).length).toBeGreaterThan(10);
    expect(when.filter((t) => t >= base + day).length).toBeGreaterThan(100);
  });

  it("lets every demo user sign in with the demo password", async () => {
    const users = stored.get("User")!;
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    expect(await verifyPassword(users[0].password_hash, DEMO_PASSWORD)).toBe(true);
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
  });

  it("is deterministic: a second run gives the same names, phones, addresses and prices", async () => {
    const again = new Map<string, Doc[]>();
    // The same day's base date: a run on another day only shifts the dates.
    expect(await seedDemo({ large: false, base: seedBaseDate() }, memorySinks(again))).toEqual(counts);
    expect(leadFingerprints(again.get("Lead")!)).toEqual(leadFingerprints(stored.get("Lead")!));
    const buyers = (docs: Record<string, any>[]) => docs.map((b) => `${b.name}|${b.phone}|${b.company}`).sort();
    expect(buyers(again.get("Buyer")!)).toEqual(buyers(stored.get("Buyer")!));
  });

  it("removes every document of the demo companies before a reseed", async () => {
    await deleteDemoData();
    expect(await Tenant.countDocuments({})).toBe(0);
    for (const model of owned) {
      expect(await model.collection.countDocuments({ tenant_id: { $in: Object.values(ids) } }), model.modelName).toBe(0);
    }
  }, 60_000);
});

import { beforeEach, describe, expect, it } from "vitest";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant } from "@/lib/testing/factories";
import { Buyer } from "@/models/buyer";
import { Deal } from "@/models/deal";
import { Tag } from "@/models/tag";
import { Communication } from "@/models/communication";
import { applyBulkBuyerChange, deleteBuyers, restoreBuyers } from "./bulk";
import { exportBuyersCsv } from "./export";
import { buyerReadModel } from "./list/index/buyer-read-model";
import { buyBoxUpdate, createBuyer, getBuyerOrThrow, updateBuyBox } from "./buyers";
import { listBuyers } from "./list/list-buyers";
import { parseBuyerQuery } from "./list/list-query";
import { computeBuyerMetrics } from "./metrics";
import { buyBoxSchema } from "./schemas";

let admin: TenantContext;
let dispo: TenantContext;
let rep: TenantContext;
let other: TenantContext;
let ids: Record<string, string>;
let foreignId: string;
const DAY = 86_400_000;
const now = new Date();

const q = (search: string) => parseBuyerQuery(new URLSearchParams(search)).query;
const names = async (ctx: TenantContext, search: string) => (await listBuyers(ctx, q(search), { now })).rows.map((r) => r.name);

beforeEach(async () => {
  const t = await createTenant();
  admin = { ...t.ctx, userId: "64b000000000000000000001", role: "admin" };
  dispo = { ...t.ctx, userId: "64b000000000000000000002", role: "disposition_manager" };
  rep = { ...t.ctx, userId: "64b000000000000000000003", role: "acquisition_rep" };
  const docs = await scoped(admin, Buyer).insertMany([
    { name: "Alice Cash", phone: "+12145550101", email: "alice@fund.example", company: "Lone Star Homes", property_types: ["single_family"], price_range: { min: 100_000, max: 250_000 }, preferred_locations: ["city:tx:dallas", "zip:75201"], funding_type: "cash", experience_level: "advanced", credit_score: "excellent", is_active: true, is_verified: true, tags: ["vip"], proof_of_funds: { file_id: "f1", file_name: "pof.pdf", expires_at: new Date(now.getTime() + 30 * DAY) }, last_contacted: new Date(now.getTime() - 2 * DAY), total_deals: 2 },
    { name: "Bob Hard", phone: "+18175550102", email: "bob@hm.example", company: "Cowtown Capital", property_types: ["multi_family"], price_range: { min: 200_000, max: 600_000 }, preferred_locations: ["city:tx:fort-worth"], funding_type: "hard_money", experience_level: "beginner", is_active: true, is_verified: false, proof_of_funds: { file_id: "f2", file_name: "old.pdf", expires_at: new Date(now.getTime() - DAY) }, last_contacted: new Date(now.getTime() - 60 * DAY) },
    { name: "Cara Texas", phone: "+15125550103", property_types: ["land", "single_family"], preferred_locations: ["state:tx"], funding_type: "cash", is_active: false },
    { name: "Dan Open", phone: "+12145550104", email: "dan@open.example", property_types: ["single_family"], price_range: { min: 50_000 }, preferred_locations: ["county:tx:dallas"], is_active: true },
  ]);
  ids = Object.fromEntries(docs.map((d) => [String(d.name).split(" ")[0].toLowerCase(), String(d._id)]));
  other = { ...(await createTenant()).ctx, userId: "64b000000000000000000009", role: "admin" };
  foreignId = String((await scoped(other, Buyer).create({ name: "Foreign Buyer", phone: "+12145550999", property_types: ["single_family"], is_active: true, tags: ["vip"] }))._id);
});

describe("buyer list", () => {
  it("filters by type, a price inside the range (open bounds fit), location (a state-wide buyer fits its cities), funding, active, verified", async () => {
    expect(await names(admin, "type=single_family")).toEqual(["Alice Cash", "Cara Texas", "Dan Open"]);
    expect(await names(admin, "price=300000")).toEqual(["Bob Hard", "Cara Texas", "Dan Open"]);
    expect(await names(admin, "price=120000&type=single_family")).toEqual(["Alice Cash", "Cara Texas", "Dan Open"]);
    expect(await names(admin, "loc=city:tx:dallas")).toEqual(["Alice Cash", "Cara Texas"]);
    expect(await names(admin, "loc=zip:75201")).toEqual(["Alice Cash"]);
    expect(await names(admin, "funding=cash&active=yes")).toEqual(["Alice Cash"]);
    expect(await names(admin, "verified=no")).toEqual(["Bob Hard", "Cara Texas", "Dan Open"]);
    expect(await names(admin, "experience=beginner,advanced")).toEqual(["Alice Cash", "Bob Hard"]);
    expect(await names(admin, "credit=excellent")).toEqual(["Alice Cash"]);
  });

  it("filters proof of funds (valid, expired, none), tags, last contacted and closed deals", async () => {
    expect(await names(admin, "pof=valid")).toEqual(["Alice Cash"]);
    expect(await names(admin, "pof=expired")).toEqual(["Bob Hard"]);
    expect(await names(admin, "pof=none")).toEqual(["Cara Texas", "Dan Open"]);
    expect(await names(admin, "tag=vip")).toEqual(["Alice Cash"]);
    expect(await names(admin, "contacted=7d")).toEqual(["Alice Cash"]);
    expect(await names(admin, "contacted=over_30d")).toEqual(["Bob Hard", "Cara Texas", "Dan Open"]);
    expect(await names(admin, "contacted=never")).toEqual(["Cara Texas", "Dan Open"]);
    expect(await names(admin, "closed=yes")).toEqual(["Alice Cash"]);
  });

  it("searches as you type over name, company, phone fragment and e-mail", async () => {
    expect(await names(admin, "q=ali")).toEqual(["Alice Cash"]);
    expect(await names(admin, "q=cowtown")).toEqual(["Bob Hard"]);
    expect(await names(admin, "q=817-555")).toEqual(["Bob Hard"]);
    expect(await names(admin, "q=dan@op")).toEqual(["Dan Open"]);
    expect(await names(admin, "q=foreign")).toEqual([]);
  });

  it("sorts, pages with keyset cursors both ways and counts the total", async () => {
    const first = await listBuyers(admin, q("size=25&sort=price_min&dir=asc"), { now });
    expect(first.rows.map((r) => r.name)).toEqual(["Dan Open", "Alice Cash", "Bob Hard", "Cara Texas"]);
    expect(first.total).toBe(4);
    // Two per page, through the page size the query allows: build cursors by hand on a 25-row page is not possible, so page on 4 rows with a tiny size.
    const page1 = await listBuyers(admin, { ...q("sort=price_min&dir=asc"), size: 2 }, { now });
    expect(page1.rows.map((r) => r.name)).toEqual(["Dan Open", "Alice Cash"]);
    const page2 = await listBuyers(admin, { ...q("sort=price_min&dir=asc"), size: 2, after: page1.nextCursor }, { now });
    expect(page2.rows.map((r) => r.name)).toEqual(["Bob Hard", "Cara Texas"]);
    expect(page2.nextCursor).toBeUndefined();
    const back = await listBuyers(admin, { ...q("sort=price_min&dir=asc"), size: 2, before: page2.prevCursor }, { now });
    expect(back.rows.map((r) => r.name)).toEqual(["Dan Open", "Alice Cash"]);
  });

  it("reports bad URL values and never turns them into operators", () => {
    const { query, problems } = parseBuyerQuery(new URLSearchParams("type=SFR&price=-5&loc=$where&active[$ne]=yes"));
    expect(problems.map((p) => p.param).sort()).toEqual(["loc", "price", "type"]);
    expect(query).toMatchObject({ types: [], loc: [] });
    expect(query.price).toBeUndefined();
    expect(query.active).toBeUndefined();
  });
});

describe("buy box", () => {
  it("refuses min above max, an unknown type, negative prices and junk locations, naming the field, and saves nothing", async () => {
    const bad = buyBoxSchema.safeParse({ property_types: ["SFR"], price_min: "300000", price_max: "100000", preferred_locations: [] });
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues.some((m) => m.startsWith("property_types.0: Property types:") && m.includes('"SFR"'))).toBe(true);
    const range = buyBoxSchema.safeParse({ property_types: ["single_family"], price_min: "300000", price_max: "100000" });
    expect(range.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual(["price_max: Maximum price must be at least the minimum price"]);
    expect(buyBoxSchema.safeParse({ price_min: "-1" }).error!.issues[0].message).toBe("Minimum price cannot be negative");
    const big = "x".repeat(10 * 1024 * 1024);
    expect(buyBoxSchema.safeParse({ preferred_locations: [big] }).success).toBe(false);
    expect(() => buyBoxUpdate(buyBoxSchema.parse({ preferred_locations: ["$where"] }))).toThrow(/Preferred locations/);
    await expect(updateBuyBox(admin, ids.alice, buyBoxSchema.parse({ preferred_locations: ["Dallas, TX", "$where"] }))).rejects.toThrow();
    expect((await getBuyerOrThrow(admin, ids.alice)).preferred_locations).toEqual(["city:tx:dallas", "zip:75201"]);
    // The model refuses min > max however it is written.
    await expect(scoped(admin, Buyer).updateOne({ _id: new Types.ObjectId(ids.alice) }, { $set: { "price_range.min": 900_000 } })).rejects.toThrow(/price range/);
  });

  it("normalises typed locations to one key each and records the change", async () => {
    await updateBuyBox(dispo, ids.dan, buyBoxSchema.parse({ property_types: ["single_family"], price_min: "60,000", price_max: "$150,000", preferred_locations: ["dallas tx", "Dallas, TX", "DALLAS, Texas", "75201"], funding_type: "cash" }));
    const dan = await getBuyerOrThrow(admin, ids.dan);
    expect(dan.preferred_locations).toEqual(["city:tx:dallas", "zip:75201"]);
    expect(dan.price_range).toEqual({ min: 60_000, max: 150_000 });
  });
});

describe("bulk actions", () => {
  it("tags, deactivates and verifies a selection or every buyer a filter selects", async () => {
    expect(await applyBulkBuyerChange(dispo, { mode: "ids", ids: [ids.bob, ids.dan] }, { kind: "addTags", tags: ["fort worth"] })).toMatchObject({ changed: 2 });
    expect(await names(admin, "tag=fort worth")).toEqual(["Bob Hard", "Dan Open"]);
    expect(await applyBulkBuyerChange(dispo, { mode: "all", query: "funding=cash" }, { kind: "active", value: false })).toMatchObject({ matched: 2, changed: 1 });
    expect(await names(admin, "active=no")).toEqual(["Alice Cash", "Cara Texas"]);
    expect(await applyBulkBuyerChange(dispo, { mode: "ids", ids: [ids.dan] }, { kind: "verified", value: true })).toMatchObject({ changed: 1 });
    expect(await names(admin, "verified=yes")).toEqual(["Alice Cash", "Dan Open"]);
  });

  it("acts on all N matching the list shows, every page, from the list's own rows once built (the database before); the export streams the same N, formula cells defused", async () => {
    await scoped(admin, Buyer).insertMany(
      Array.from({ length: 60 }, (_, i) => ({ name: `Zed ${String(i).padStart(2, "0")}`, phone: `+1214556${1000 + i}`, funding_type: "cash", is_active: true, company: i === 0 ? '=HYPERLINK("http://x")' : undefined })),
    );
    await scoped(other, Buyer).updateOne({ _id: foreignId }, { $set: { funding_type: "cash" } });
    const search = "funding=cash&active=yes&size=25";
    try {
      for (const built of [false, true]) {
        if (built) await buyerReadModel.build(admin);
        const page = await listBuyers(dispo, q(search), { now });
        expect({ source: page.source, shown: page.rows.length, total: page.total }).toEqual({ source: built ? "index" : "database", shown: 25, total: 61 });
        const tag = built ? "from-rows" : "from-database";
        expect(await applyBulkBuyerChange(dispo, { mode: "all", query: search }, { kind: "addTags", tags: [tag] })).toMatchObject({ matched: 61, changed: 61, message: "Tagged 61 buyers" });
        expect((await listBuyers(dispo, q(`tag=${tag}`), { now })).total).toBe(61);
        const csv = await new Response(await exportBuyersCsv(dispo, { mode: "all", query: search })).text();
        const lines = csv.trim().split("\r\n");
        expect(lines).toHaveLength(62);
        expect(lines.slice(1, 3).map((l) => l.split(",")[0])).toEqual(["Alice Cash", "Zed 00"]);
        expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"")"`);
      }
      expect((await scoped(other, Buyer).findById(foreignId).lean())?.tags).toEqual(["vip"]);
    } finally {
      await buyerReadModel.store.drop(admin.tenantId);
    }
  });

  it("tags with the catalogue's spelling of a look-alike, and untags by it", async () => {
    await scoped(admin, Tag).create({ name: "high-equity", category: "lead_tags" });
    await applyBulkBuyerChange(dispo, { mode: "ids", ids: [ids.bob] }, { kind: "addTags", tags: ["High Equity"] });
    expect((await getBuyerOrThrow(admin, ids.bob)).tags).toEqual(["high-equity"]);
    expect(await applyBulkBuyerChange(dispo, { mode: "ids", ids: [ids.bob] }, { kind: "removeTags", tags: ["HIGH_EQUITY"] })).toMatchObject({ changed: 1 });
    expect((await getBuyerOrThrow(admin, ids.bob)).tags).toEqual([]);
  });

  it("deletes with undo: the same buyers come back with the same ids", async () => {
    const { batchId, count } = await deleteBuyers(dispo, { mode: "ids", ids: [ids.alice, ids.bob] });
    expect(count).toBe(2);
    expect(await names(admin, "")).toEqual(["Cara Texas", "Dan Open"]);
    expect(await restoreBuyers(dispo, batchId)).toMatchObject({ count: 2 });
    expect(await names(admin, "")).toEqual(["Alice Cash", "Bob Hard", "Cara Texas", "Dan Open"]);
    expect((await getBuyerOrThrow(admin, ids.alice)).tags).toEqual(["vip"]);
  });
});

describe("permissions and tenancy", () => {
  it("lets disposition managers and admins own buyers; a rep can do nothing", async () => {
    await expect(listBuyers(rep, q(""))).rejects.toMatchObject({ code: "forbidden" });
    await expect(getBuyerOrThrow(rep, ids.alice)).rejects.toMatchObject({ code: "forbidden" });
    await expect(applyBulkBuyerChange(rep, { mode: "ids", ids: [ids.alice] }, { kind: "active", value: false })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteBuyers(rep, { mode: "ids", ids: [ids.alice] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createBuyer(rep, { name: "X", phone: "+12145550111", property_types: [], preferred_locations: [] })).rejects.toMatchObject({ code: "forbidden" });
    expect((await createBuyer(dispo, { name: "New One", phone: "+12145550112", property_types: ["condo"], preferred_locations: ["Plano, TX"] })).id).toMatch(/^[0-9a-f]{24}$/);
  });

  it("treats another tenant's buyer id exactly as a missing one, in reads, edits, bulk actions and deletes", async () => {
    const missing = "64b0000000000000000000ff";
    for (const id of [foreignId, missing, "not-an-id"]) {
      await expect(getBuyerOrThrow(admin, id)).rejects.toMatchObject({ code: "not_found", message: "Buyer not found" });
      await expect(updateBuyBox(admin, id, buyBoxSchema.parse({ property_types: ["land"] }))).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await applyBulkBuyerChange(admin, { mode: "ids", ids: [foreignId] }, { kind: "active", value: false })).toMatchObject({ matched: 0, changed: 0 });
    expect(await applyBulkBuyerChange(admin, { mode: "all", query: "tag=vip" }, { kind: "active", value: false })).toMatchObject({ matched: 1 });
    expect(await deleteBuyers(admin, { mode: "ids", ids: [foreignId] })).toMatchObject({ count: 0 });
    const foreign = await scoped(other, Buyer).findById(foreignId).lean();
    expect(foreign).toMatchObject({ name: "Foreign Buyer", is_active: true });
  });
});

describe("metrics", () => {
  it("computes deals closed, sizes, conversion, response time, velocity and ROI from deals and messages", async () => {
    const b = ids.alice;
    const contract = new Date("2026-01-01T00:00:00Z");
    await scoped(admin, Deal).insertMany([
      { buyer_id: b, status: "closed", financials: { purchase_price: 100_000, sale_price: 120_000 }, timeline: { contract_date: contract, closing_date: new Date(contract.getTime() + 10 * DAY) } },
      { buyer_id: b, status: "closed", financials: { purchase_price: 150_000, sale_price: 180_000 }, timeline: { contract_date: contract, closing_date: new Date(contract.getTime() + 20 * DAY) } },
      { buyer_id: b, status: "cancelled" },
      { buyer_id: b, status: "under_contract" },
      { buyer_id: ids.bob, status: "closed", financials: { purchase_price: 1, sale_price: 2 } },
    ]);
    const at = (m: number) => new Date(contract.getTime() + m * 60_000);
    await scoped(admin, Communication).insertMany([
      { type: "sms", direction: "outbound", recipient_type: "buyer", recipient_id: b, sent_at: at(0), status: "delivered" },
      { type: "sms", direction: "inbound", recipient_type: "buyer", recipient_id: b, sent_at: at(10), status: "received" },
      { type: "sms", direction: "outbound", recipient_type: "buyer", recipient_id: b, sent_at: at(100), status: "delivered" },
      { type: "sms", direction: "outbound", recipient_type: "buyer", recipient_id: b, sent_at: at(110), status: "delivered" },
      { type: "sms", direction: "inbound", recipient_type: "buyer", recipient_id: b, sent_at: at(130), status: "received" },
    ]);
    const m = await computeBuyerMetrics(admin, b);
    expect(m).toMatchObject({
      dealsClosed: 2,
      dealsOffered: 4,
      totalDealSize: 300_000,
      averageDealSize: 150_000,
      conversionRate: 50,
      averageResponseMinutes: 20,
      responsesMeasured: 2,
      dealVelocityDays: 15,
      roiPercent: 20,
    });
    expect(await computeBuyerMetrics(other, b)).toMatchObject({ dealsClosed: 0, dealsOffered: 0, conversionRate: null });
  });

  it("counts a wholesale deal closed on its contract price and fee: the buyer paid both, our profit is the fee less our costs", async () => {
    const b = ids.bob;
    await scoped(admin, Deal).insertMany([
      { buyer_id: b, status: "closed", deal_type: "wholesale", financials: { purchase_price: 100_000, assignment_fee: 15_000, closing_costs: 1_000 } },
      { buyer_id: b, status: "closed", deal_type: "flip", financials: { purchase_price: 200_000, rehab_cost: 40_000, sale_price: 300_000 } },
    ]);
    // Paid 115,000 and 300,000; profit 14,000 on 101,000 and 60,000 on 240,000: 74,000 / 341,000.
    expect(await computeBuyerMetrics(admin, b)).toMatchObject({ dealsClosed: 2, totalDealSize: 415_000, averageDealSize: 207_500, roiPercent: 21.7 });
  });
});

describe("saved views of the buyer list", () => {
  it("offers the built-ins, saves a buyer view normalised, and keeps it from people who cannot read buyers", async () => {
    const { listSavedViews, createSavedView, getSavedViewOrThrow } = await import("@/lib/saved-views/saved-views");
    const views = await listSavedViews(dispo, "buyers");
    expect(views.slice(0, 3).map((v) => v.name)).toEqual(["Active cash buyers", "Verified with proof of funds", "Not contacted in 30 days"]);
    expect(await names(admin, views[0].query)).toEqual(["Alice Cash"]);
    expect(await names(admin, views[1].query)).toEqual(["Alice Cash"]);
    const { id } = await createSavedView(dispo, { name: "Dallas", visibility: "shared", query: "loc=city:tx:dallas&bogus=1&after=abc", scope: "buyers" });
    expect((await getSavedViewOrThrow(dispo, id, "buyers")).query).toBe("loc=city%3Atx%3Adallas");
    await expect(getSavedViewOrThrow(dispo, id, "leads")).rejects.toMatchObject({ code: "not_found" });
    await expect(listSavedViews(rep, "buyers")).rejects.toMatchObject({ code: "forbidden" });
  });
});

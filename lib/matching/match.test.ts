import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { buildBuyerBoxes, forgetBuyerBoxes } from "./buyer-box-index";
import { buildOpenProperties } from "./open-properties";
import { learnedBuyBox, widenBuyBox } from "./learn-buy-box";
import { matchBuyersForDeal, matchBuyersForLead } from "./match-buyers";
import { matchDealsForBuyer } from "./match-deals-for-buyer";

let phone = 0;
function buyerInput(name: string, over: Record<string, unknown> = {}) {
  phone += 1;
  return {
    name,
    phone: `+1214555${String(1000 + phone).slice(-4)}`,
    is_active: true,
    property_types: ["single_family"],
    price_range: { min: 150_000, max: 300_000 },
    preferred_locations: ["city:tx:dallas"],
    funding_type: "cash",
    ...over,
  };
}

const dallas = { street: "1 Elm St", city: "Dallas", state: "TX", zip_code: "75201", county: "Dallas" };
const fortWorth = { street: "9 Oak St", city: "Fort Worth", state: "TX", zip_code: "76104" };

async function world() {
  const { ctx } = await createTenant();
  const buyers = scoped(ctx, Buyer);
  const [zip, city, state, inactive, land, cheap, austin, anywhere] = await Promise.all([
    buyers.create(buyerInput("Zara Zip", { preferred_locations: ["zip:75201"] })),
    buyers.create(buyerInput("Cody City")),
    buyers.create(buyerInput("Stan State", { preferred_locations: ["state:tx"] })),
    buyers.create(buyerInput("Ivy Inactive", { is_active: false })),
    buyers.create(buyerInput("Lana Land", { property_types: ["land"] })),
    buyers.create(buyerInput("Chip Cheap", { price_range: { min: 50_000, max: 120_000 } })),
    buyers.create(buyerInput("Otto Austin", { preferred_locations: ["city:tx:austin"] })),
    buyers.create(buyerInput("Andy Anywhere", { preferred_locations: ["any"] })),
    buyers.create(buyerInput("Nora Nowhere", { preferred_locations: [] })),
  ]);
  const deal = await scoped(ctx, Deal).create({
    status: "under_contract",
    property_address: dallas,
    property_details: { type: "single_family" },
    financials: { purchase_price: 200_000 },
  });
  // With the index on, the worker would have built the shared copies: the changes each test makes
  // afterwards reach them through the writers' events.
  if (process.env.MATCHING_INDEX === "on") await Promise.all([buildBuyerBoxes(ctx), buildOpenProperties(ctx)]);
  return { ctx, deal, ids: { zip, city, state, inactive, land, cheap, austin, anywhere } };
}

for (const mode of ["on", "off"] as const) {
describe(`matching with MATCHING_INDEX=${mode}`, () => {
  const before = process.env.MATCHING_INDEX;
  beforeAll(() => {
    process.env.MATCHING_INDEX = mode;
    forgetBuyerBoxes();
  });
  afterAll(() => {
    if (before === undefined) delete process.env.MATCHING_INDEX;
    else process.env.MATCHING_INDEX = before;
  });
describe("matchBuyersForDeal", () => {
  it("ranks the area's buyers by the most precise location and lists hard misses apart with why", async () => {
    const { ctx, deal, ids } = await world();
    const r = await matchBuyersForDeal(ctx, String(deal._id));
    expect(r.property).toMatchObject({ price: 200_000, priceLabel: "contract price", locationLabels: ["ZIP 75201", "Dallas, TX", "Dallas County, TX", "Texas"] });
    expect(r.matches.map((m) => m.name)).toEqual(["Zara Zip", "Cody City", "Stan State", "Andy Anywhere"]);
    expect(r.misses.map((m) => [m.name, m.misses.map((x) => x.code)])).toEqual([
      ["Chip Cheap", ["price_above"]],
      ["Ivy Inactive", ["inactive"]],
      ["Lana Land", ["type"]],
    ]);
    // Other areas, and buyers who gave no location, are not candidates at all.
    expect(JSON.stringify(r)).not.toContain(String(ids.austin._id));
    expect(JSON.stringify(r)).not.toContain("Nora Nowhere");
  });

  it("counts closed deals and replies, read in bulk, into the score", async () => {
    const { ctx, deal, ids } = await world();
    await scoped(ctx, Deal).create({
      status: "closed",
      buyer_id: ids.state._id,
      property_address: { city: "Dallas", state: "TX", zip_code: "75204" },
      property_details: { type: "single_family" },
      financials: { purchase_price: 180_000 },
    });
    const t0 = Date.now() - 2 * 86_400_000;
    await scoped(ctx, Communication).insertMany([
      { type: "sms", direction: "outbound", recipient_type: "buyer", recipient_id: ids.state._id, status: "delivered", sent_at: new Date(t0), content: "New deal" },
      { type: "sms", direction: "inbound", recipient_type: "buyer", recipient_id: ids.state._id, status: "received", sent_at: new Date(t0 + 10 * 60_000), content: "Send it" },
    ]);
    const r = await matchBuyersForDeal(ctx, String(deal._id));
    const stan = r.matches.find((m) => m.name === "Stan State")!;
    expect(stan.reasons.find((x) => x.code === "track_record")).toMatchObject({ points: 5, label: "1 deal closed here of this type" });
    expect(stan.reasons.find((x) => x.code === "responsiveness")).toMatchObject({ points: 5 });
    expect(stan.reasons.find((x) => x.code === "recency")).toMatchObject({ points: 5 });
  });

  it("answers another tenant's deal, and a malformed id, as missing", async () => {
    const { deal } = await world();
    const { ctx: other } = await createTenant();
    await expect(matchBuyersForDeal(other, String(deal._id))).rejects.toMatchObject({ code: "not_found" });
    await expect(matchBuyersForDeal(other, "nope")).rejects.toMatchObject({ code: "not_found" });
  });

  it("never reads another tenant's buyers", async () => {
    const { ctx, deal } = await world();
    const { ctx: other } = await createTenant();
    await scoped(other, Buyer).create(buyerInput("Foreign Fred", { preferred_locations: ["zip:75201"] }));
    const r = await matchBuyersForDeal(ctx, String(deal._id));
    expect(r.matches.map((m) => m.name)).not.toContain("Foreign Fred");
  });

  it("refuses a member without buyers.read", async () => {
    const { ctx, deal } = await world();
    const rep: TenantContext = { ...ctx, role: "acquisition_rep" };
    await expect(matchBuyersForDeal(rep, String(deal._id))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("matchBuyersForLead", () => {
  it("matches a lead on its asking price and value", async () => {
    const { ctx } = await world();
    const lead = await scoped(ctx, Lead).create(leadInput({ status: "under_contract", address: dallas, property_details: { type: "single_family" }, asking_price: 100_000, estimated_value: 180_000 }));
    const r = await matchBuyersForLead(ctx, String(lead._id));
    expect(r.matches.map((m) => m.name)).toEqual(["Chip Cheap"]);
    expect(r.misses.map((m) => m.name)).toContain("Zara Zip");
    expect(r.matches[0].reasons.find((x) => x.code === "price")?.label).toBe("Asking price $100,000 within their $50,000–$120,000 range");
  });

  it("says what is missing when the lead has no known place", async () => {
    const { ctx } = await world();
    const lead = await scoped(ctx, Lead).create(leadInput({ address: { street: "somewhere" } }));
    const r = await matchBuyersForLead(ctx, String(lead._id));
    expect(r).toMatchObject({ matches: [], misses: [], missing: ["location", "price", "type"] });
  });
});

describe("matchDealsForBuyer and the learned buy box", () => {
  it("lists the open deals and leads under contract that fit a buyer", async () => {
    const { ctx, deal, ids } = await world();
    await scoped(ctx, Deal).create({ status: "pending", property_address: fortWorth, property_details: { type: "single_family" }, financials: { purchase_price: 200_000 } });
    await scoped(ctx, Deal).create({ status: "closed", property_address: dallas, property_details: { type: "single_family" }, financials: { purchase_price: 200_000 } });
    const lead = await scoped(ctx, Lead).create(leadInput({ status: "under_contract", address: { ...dallas, zip_code: "75202" }, property_details: { type: "single_family" }, asking_price: 160_000 }));
    await scoped(ctx, Lead).create(leadInput({ status: "new", address: dallas, property_details: { type: "single_family" }, asking_price: 160_000 }));
    const r = await matchDealsForBuyer(ctx, String(ids.city._id));
    // Same score (city, price in range): the most recently changed first.
    expect(r.map((p) => [p.kind, p.id, p.score])).toEqual([
      ["lead", String(lead._id), 61],
      ["deal", String(deal._id), 61],
    ]);
    const { ctx: other } = await createTenant();
    await expect(matchDealsForBuyer(other, String(ids.city._id))).rejects.toMatchObject({ code: "not_found" });
  });

  it("finds where closed deals contradict the box and widens it through the model's validation", async () => {
    const { ctx, ids } = await world();
    const buyerId = ids.city._id as Types.ObjectId;
    for (const price of [90_000, 100_000, 110_000, 120_000]) {
      await scoped(ctx, Deal).create({ status: "closed", buyer_id: buyerId, property_address: fortWorth, property_details: { type: "single_family" }, financials: { purchase_price: price } });
    }
    const learned = await learnedBuyBox(ctx, String(buyerId));
    expect(learned.findings.map((f) => f.code)).toEqual(["locations", "price"]);
    expect(learned.addLocationLabels).toEqual(["Fort Worth, TX"]);

    const { ctx: other } = await createTenant();
    await expect(widenBuyBox(other, String(buyerId))).rejects.toMatchObject({ code: "not_found" });

    expect(await widenBuyBox(ctx, String(buyerId))).toEqual({ widened: true });
    const stored = await scoped(ctx, Buyer).findById(String(buyerId)).lean();
    expect(stored).toMatchObject({ preferred_locations: ["city:tx:dallas", "city:tx:fort-worth"], price_range: { min: 90_000, max: 300_000 } });
    expect((await learnedBuyBox(ctx, String(buyerId))).findings).toEqual([]);
    expect(await widenBuyBox(ctx, String(buyerId))).toEqual({ widened: false });
  });
});

  describe("freshness of what is matched", () => {
    it("sees a changed, a new and a deleted buyer at the next match", async () => {
      const { ctx, deal, ids } = await world();
      const first = await matchBuyersForDeal(ctx, String(deal._id));
      expect(first.matches.map((m) => m.name)).toContain("Stan State");
      await scoped(ctx, Buyer).updateById(String(ids.state._id), { $set: { preferred_locations: ["zip:75201"], name: "Stan Zip" } });
      await scoped(ctx, Buyer).deleteById(String(ids.city._id));
      await scoped(ctx, Buyer).create(buyerInput("Nina New", { preferred_locations: ["county:tx:dallas"] }));
      await scoped(ctx, Buyer).updateById(String(ids.inactive._id), { $set: { is_active: true } });
      const next = await matchBuyersForDeal(ctx, String(deal._id));
      expect(next.matches.map((m) => m.name)).toEqual(["Stan Zip", "Zara Zip", "Ivy Inactive", "Nina New", "Andy Anywhere"]);
      expect(next.misses.map((m) => m.name)).toEqual(["Chip Cheap", "Lana Land"]);
    });
  });
});
}

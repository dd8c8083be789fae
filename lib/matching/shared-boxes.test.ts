import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyBulkBuyerChange, deleteBuyers, restoreBuyers } from "@/lib/buyers/bulk";
import { createBuyer, updateBuyBox, updateBuyerContact } from "@/lib/buyers/buyers";
import { buyBoxSchema } from "@/lib/buyers/schemas";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { moveLeadToStatus } from "@/lib/leads/board/move-lead";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { buildBuyerBoxes, dropBuyerBoxes, forgetBuyerBoxes, tenantBuyerBoxes } from "./buyer-box-index";
import { buildBuyerHistories, dropTenantHistories, forgetTenantHistories, sharedHistories } from "./buyer-histories";
import { matchBuyersForDeal } from "./match-buyers";
import { matchDealsForBuyer } from "./match-deals-for-buyer";
import { buildOpenProperties, dropOpenProperties, forgetOpenProperties, tenantOpenProperties } from "./open-properties";

// The buyer boxes and open properties shared through Redis must answer exactly as a fresh read of
// the database does, after edits made through the app's own writers (whose events feed them):
// the copy a process caught up change by change, and a copy loaded anew from Redis.

const dallas = { street: "1 Elm St", city: "Dallas", state: "TX", zip_code: "75201", county: "Dallas" };
const box = (over: Record<string, unknown>) => buyBoxSchema.parse({ property_types: ["single_family"], price_min: "150000", price_max: "300000", preferred_locations: ["Dallas, TX"], funding_type: "cash", ...over });

let phone = 0;
async function buyer(ctx: TenantContext, name: string, over: Record<string, unknown> = {}) {
  phone += 1;
  return (await createBuyer(ctx, { name, phone: `+1469555${String(1000 + phone).slice(-4)}`, ...box(over) })).id;
}

const previous = process.env.MATCHING_INDEX;
let ctx: TenantContext;
beforeAll(() => {
  process.env.MATCHING_INDEX = "on";
});
afterAll(() => {
  if (previous === undefined) delete process.env.MATCHING_INDEX;
  else process.env.MATCHING_INDEX = previous;
});
afterEach(async () => {
  await dropBuyerBoxes(ctx.tenantId);
  await dropOpenProperties(ctx.tenantId);
});

/** The same read with the shared copy and with MATCHING_INDEX=off (the database's queries). */
async function bothWays<T>(read: () => Promise<T>): Promise<{ shared: T; database: T }> {
  const shared = await read();
  process.env.MATCHING_INDEX = "off";
  try {
    return { shared, database: await read() };
  } finally {
    process.env.MATCHING_INDEX = "on";
  }
}

describe("shared buyer boxes", () => {
  it("match exactly as the database after buyers are created, edited, deactivated, deleted and restored", async () => {
    ({ ctx } = await createTenant());
    const ids = {
      zip: await buyer(ctx, "Zara Zip", { preferred_locations: ["75201"] }),
      city: await buyer(ctx, "Cody City"),
      state: await buyer(ctx, "Stan State", { preferred_locations: ["TX"], funding_type: "hard_money" }),
      cheap: await buyer(ctx, "Chip Cheap", { price_min: "50000", price_max: "120000" }),
      county: await buyer(ctx, "Cora County", { preferred_locations: ["Dallas County, TX"], property_types: [] }),
      gone: await buyer(ctx, "Gus Gone"),
    };
    const deal = await scoped(ctx, Deal).create({ status: "under_contract", property_address: dallas, property_details: { type: "single_family" }, financials: { purchase_price: 200_000 }, analysis: { arv: 280_000 } });
    const dealId = String(deal._id);
    expect(await buildBuyerBoxes(ctx)).toEqual({ rows: 6 });

    // This process holds a copy from now on and follows the changes below one by one.
    const first = await bothWays(() => matchBuyersForDeal(ctx, dealId));
    expect(first.shared).toEqual(first.database);
    expect(first.shared.matches.map((m) => m.name)).toEqual(["Zara Zip", "Cody City", "Gus Gone", "Cora County", "Stan State"]);

    await updateBuyBox(ctx, ids.cheap, box({ price_min: "100000", price_max: "200000" }));
    await updateBuyBox(ctx, ids.state, box({ preferred_locations: ["75201", "Austin, TX"], funding_type: "private_money" }));
    await updateBuyBox(ctx, ids.zip, box({ preferred_locations: ["Fort Worth, TX"] }));
    await updateBuyerContact(ctx, ids.city, { name: "Cody Renamed", phone: "+14695559999", company: "Renamed LLC" });
    await applyBulkBuyerChange(ctx, { mode: "ids", ids: [ids.county] }, { kind: "active", value: false });
    const { batchId } = await deleteBuyers(ctx, { mode: "ids", ids: [ids.gone, ids.city] });
    await restoreBuyers(ctx, batchId);
    await deleteBuyers(ctx, { mode: "ids", ids: [ids.gone] });
    await buyer(ctx, "Nina New", { preferred_locations: ["dallas tx"], price_max: "500000" });
    await scoped(ctx, Buyer).updateById(ids.state, { $set: { last_contacted: new Date(Date.now() - 3 * 86_400_000), proof_of_funds: { file_name: "pof.pdf", expires_at: new Date(Date.now() - 86_400_000) } } });

    expect(await tenantBuyerBoxes(ctx)).not.toBeNull();
    const after = await bothWays(() => matchBuyersForDeal(ctx, dealId));
    expect(after.shared).toEqual(after.database);
    expect(after.shared.matches.map((m) => m.name)).toEqual(["Stan State", "Cody Renamed", "Nina New", "Chip Cheap"]);
    expect(after.shared.misses.map((m) => [m.name, m.misses.map((x) => x.code)])).toEqual([["Cora County", ["inactive"]]]);
    // The expired proof of funds read back from Redis counts for nothing there too.
    expect(after.shared.matches[0].reasons.find((r) => r.code === "proof_of_funds")).toMatchObject({ points: 0, label: expect.stringContaining("expired") });

    // A process starting now loads the boxes (and the changes since the build) from Redis.
    forgetBuyerBoxes();
    const fresh = await bothWays(() => matchBuyersForDeal(ctx, dealId));
    expect(fresh.shared).toEqual(after.database);
  });

  it("answer for their own tenant only, and stay empty until built (the database answers meanwhile)", async () => {
    ({ ctx } = await createTenant());
    const { ctx: other } = await createTenant();
    await buyer(ctx, "Mine");
    await buyer(other, "Theirs");
    expect(await tenantBuyerBoxes(ctx)).toBeNull();
    const deal = await scoped(ctx, Deal).create({ status: "pending", property_address: dallas, property_details: { type: "single_family" }, financials: { purchase_price: 200_000 } });
    const before = await matchBuyersForDeal(ctx, String(deal._id));
    await buildBuyerBoxes(ctx);
    const after = await bothWays(() => matchBuyersForDeal(ctx, String(deal._id)));
    expect(after.shared).toEqual(before);
    expect(after.shared.matches.map((m) => m.name)).toEqual(["Mine"]);
    await dropBuyerBoxes(other.tenantId);
  });
});

describe("shared open properties", () => {
  it("list a buyer's fitting open deals and leads exactly as the database after deals and leads change", async () => {
    ({ ctx } = await createTenant());
    const cody = await buyer(ctx, "Cody City");
    const deals = scoped(ctx, Deal);
    const open = await deals.create({ status: "pending", property_address: dallas, property_details: { type: "single_family" }, financials: { purchase_price: 200_000 } });
    const lead = await scoped(ctx, Lead).create(leadInput({ status: "under_contract", address: { ...dallas, zip_code: "75202" }, property_details: { type: "single_family" }, asking_price: 160_000 }));
    const other = await scoped(ctx, Lead).create(leadInput({ status: "new", address: dallas, property_details: { type: "single_family" }, asking_price: 170_000 }));
    expect(await buildOpenProperties(ctx)).toEqual({ rows: 2 });
    const first = await bothWays(() => matchDealsForBuyer(ctx, cody));
    expect(first.shared).toEqual(first.database);
    expect(first.shared.map((p) => p.id)).toEqual([String(lead._id), String(open._id)]);

    // A deal closes, another opens on the lead under contract, a lead moves under contract, a price changes.
    await deals.updateById(String(open._id), { $set: { status: "closed" } });
    await deals.create({ status: "under_contract", lead_id: lead._id, property_address: lead.address, property_details: { type: "single_family" }, financials: { purchase_price: 240_000 } });
    await moveLeadToStatus(ctx, String(other._id), "under_contract");
    await scoped(ctx, Lead).updateById(String(other._id), { $set: { asking_price: 290_000 } });
    await scoped(ctx, Lead).create(leadInput({ status: "contacted", address: dallas, property_details: { type: "single_family" }, asking_price: 150_000 }));

    expect(await tenantOpenProperties(ctx)).not.toBeNull();
    const after = await bothWays(() => matchDealsForBuyer(ctx, cody));
    expect(after.shared).toEqual(after.database);
    // The same score: the most recently changed first.
    expect(after.shared.map((p) => [p.kind, p.price])).toEqual([
      ["lead", 290_000],
      ["deal", 240_000],
    ]);
    forgetOpenProperties();
    expect((await bothWays(() => matchDealsForBuyer(ctx, cody))).shared).toEqual(after.database);
  });
});

describe("buyer histories", () => {
  it("are built by the worker, never by a match: until then a match reads the histories of the buyers who fit, and ranks exactly the same", async () => {
    ({ ctx } = await createTenant());
    const stan = await buyer(ctx, "Stan State", { preferred_locations: ["TX"] });
    const dora = await buyer(ctx, "Dora Dallas");
    await buyer(ctx, "Quiet Quinn");
    const deal = await scoped(ctx, Deal).create({ status: "pending", property_address: dallas, property_details: { type: "single_family" }, financials: { purchase_price: 200_000 } });
    const closed = () =>
      scoped(ctx, Deal).create({ status: "closed", buyer_id: stan, property_address: { city: "Dallas", state: "TX", zip_code: "75204" }, property_details: { type: "single_family" }, financials: { purchase_price: 180_000 } });
    await closed();
    const sent = new Date(Date.now() - 3 * 86_400_000);
    await scoped(ctx, Communication).create({ type: "sms", direction: "outbound", recipient_type: "buyer", recipient_id: dora, status: "delivered", content: "New deal", sent_at: sent });
    await scoped(ctx, Communication).create({ type: "sms", direction: "inbound", recipient_type: "buyer", recipient_id: dora, status: "received", content: "Interested", sent_at: new Date(sent.getTime() + 20 * 60_000) });
    const reason = (m: Awaited<ReturnType<typeof matchBuyersForDeal>>, id: string, code: string) => m.matches.find((x) => x.buyerId === id)?.reasons.find((r) => r.code === code)?.label;
    await dropTenantHistories(ctx.tenantId);

    const read = await matchBuyersForDeal(ctx, String(deal._id));
    expect(reason(read, stan, "track_record")).toBe("1 deal closed here of this type");
    expect(reason(read, dora, "responsiveness")).toBe("Replies within an hour (1 of 1 answered)");
    // The match read what it ranked and shared nothing: no copy for the next one to start from.
    expect(await sharedHistories(ctx.tenantId)).toBeNull();

    await buildBuyerHistories(ctx);
    forgetTenantHistories(ctx.tenantId);
    expect(await sharedHistories(ctx.tenantId)).not.toBeNull();
    expect((await matchBuyersForDeal(ctx, String(deal._id))).matches).toEqual(read.matches);

    // A new build brings a new closing in.
    await closed();
    await buildBuyerHistories(ctx);
    forgetTenantHistories(ctx.tenantId);
    expect(reason(await matchBuyersForDeal(ctx, String(deal._id)), stan, "track_record")).toBe("2 deals closed here of this type");
    await dropTenantHistories(ctx.tenantId);
  });
});

import { describe, expect, it } from "vitest";
import { labelOfLocationKey, locationKeysOfAddress } from "@/lib/buyers/locations";
import { evaluateBuyer, MAX_POINTS, rankBuyers } from "./score";
import { EMPTY_HISTORY, type BuyerBox, type BuyerHistory, type MatchProperty } from "./types";

const NOW = new Date("2026-12-06T12:00:00Z");
const DAY = 86_400_000;

const property: MatchProperty = {
  locationKeys: locationKeysOfAddress({ zip_code: "75201", city: "Dallas", county: "Dallas", state: "TX" }),
  propertyType: "single_family",
  price: 200_000,
  priceLabel: "contract price",
  arv: 280_000,
};

function buyer(id: string, over: Partial<BuyerBox> = {}): BuyerBox {
  return {
    id,
    name: `Buyer ${id}`,
    is_active: true,
    property_types: ["single_family"],
    price_range: { min: 150_000, max: 300_000 },
    preferred_locations: ["city:tx:dallas"],
    funding_type: "cash",
    ...over,
  };
}

const noHistory = () => EMPTY_HISTORY;
const order = (buyers: BuyerBox[], historyOf: (id: string) => BuyerHistory = noHistory, p = property) =>
  rankBuyers(p, buyers, historyOf, NOW, labelOfLocationKey).matches.map((m) => m.buyerId);

describe("matching score", () => {
  it("ranks ZIP over city over county over state, then anywhere", () => {
    const buyers = [
      buyer("state", { preferred_locations: ["state:tx"] }),
      buyer("anywhere", { preferred_locations: ["any"] }),
      buyer("unknown", { preferred_locations: [] }),
      buyer("city", { preferred_locations: ["city:tx:dallas"] }),
      buyer("zip", { preferred_locations: ["zip:75201"] }),
      buyer("county", { preferred_locations: ["county:tx:dallas", "state:tx"] }),
    ];
    expect(order(buyers)).toEqual(["zip", "city", "county", "state", "anywhere"]);
  });

  it("takes the most precise of a buyer's locations and says which", () => {
    const e = evaluateBuyer(property, buyer("b", { preferred_locations: ["state:tx", "zip:75201"] }), EMPTY_HISTORY, NOW, labelOfLocationKey);
    expect(e.fits && e.match.reasons.find((r) => r.code === "location")).toMatchObject({ points: 30, max: 30, label: "In their ZIP: ZIP 75201" });
  });

  it("a cheaper box loses to a fitting one", () => {
    const stretched = buyer("stretched", { price_range: { min: 100_000, max: 200_000 } });
    const fitting = buyer("fitting", { price_range: { min: 150_000, max: 300_000 } });
    const tooCheap = buyer("too-cheap", { price_range: { min: 50_000, max: 150_000 } });
    const result = rankBuyers(property, [stretched, tooCheap, fitting], noHistory, NOW);
    expect(result.matches.map((m) => m.buyerId)).toEqual(["fitting", "stretched"]);
    expect(result.misses).toEqual([
      { buyerId: "too-cheap", name: "Buyer too-cheap", company: null, misses: [{ code: "price_above", label: "Contract price $200,000 is above their $150,000 maximum" }] },
    ]);
  });

  it("an expired proof of funds counts for nothing", () => {
    const expired = buyer("expired", { proof_of_funds: { file_id: "f1", expires_at: new Date(NOW.getTime() - DAY) } });
    const none = buyer("none");
    const valid = buyer("valid", { proof_of_funds: { file_id: "f2", expires_at: new Date(NOW.getTime() + 30 * DAY) } });
    const scores = Object.fromEntries(rankBuyers(property, [expired, none, valid], noHistory, NOW).matches.map((m) => [m.buyerId, m]));
    expect(scores.expired.score).toBe(scores.none.score);
    expect(scores.valid.score).toBe(scores.none.score + MAX_POINTS.proof_of_funds);
    expect(scores.expired.reasons.find((r) => r.code === "proof_of_funds")).toMatchObject({ points: 0, label: "Proof of funds expired 2026-12-05" });
  });

  it("returns hard misses apart with why, and leaves out buyers of other areas", () => {
    const result = rankBuyers(
      property,
      [
        buyer("fits"),
        buyer("inactive", { is_active: false }),
        buyer("land-only", { property_types: ["land"] }),
        buyer("too-rich", { price_range: { min: 250_000, max: 900_000 } }),
        buyer("elsewhere", { preferred_locations: ["city:tx:austin"] }),
        buyer("everything-wrong", { is_active: false, property_types: ["condo"], price_range: { max: 100_000 } }),
      ],
      noHistory,
      NOW,
    );
    expect(result.matches.map((m) => m.buyerId)).toEqual(["fits"]);
    expect(result.misses.map((m) => [m.buyerId, m.misses.map((x) => x.code)])).toEqual([
      ["inactive", ["inactive"]],
      ["land-only", ["type"]],
      ["too-rich", ["price_below"]],
      ["everything-wrong", ["inactive", "type", "price_above"]],
    ]);
    expect(result.misses[1].misses[0].label).toBe("Buys land, not single family");
  });

  it("counts closed deals here and of this type, responsiveness and recent contact", () => {
    const dallasSfr = { locationKeys: ["zip:75204", "city:tx:dallas", "state:tx"], propertyType: "single_family", price: 180_000 };
    const houstonSfr = { locationKeys: ["city:tx:houston", "state:tx"], propertyType: "single_family", price: 150_000 };
    const histories: Record<string, BuyerHistory> = {
      proven: { closedDeals: [dallasSfr, dallasSfr], outbound: 4, answered: 4, medianResponseMinutes: 20, lastContactAt: new Date(NOW.getTime() - 3 * DAY) },
      once: { closedDeals: [houstonSfr], outbound: 5, answered: 0, lastContactAt: new Date(NOW.getTime() - 200 * DAY) },
    };
    const h = (id: string) => histories[id] ?? EMPTY_HISTORY;
    expect(order([buyer("new"), buyer("once"), buyer("proven")], h)).toEqual(["proven", "once", "new"]);
    const proven = rankBuyers(property, [buyer("proven")], h, NOW).matches[0];
    expect(proven.reasons.find((r) => r.code === "track_record")).toMatchObject({ points: 10, label: "2 deals closed here of this type" });
    expect(proven.reasons.find((r) => r.code === "responsiveness")).toMatchObject({ points: 5, label: "Replies within an hour (4 of 4 answered)" });
    expect(proven.reasons.find((r) => r.code === "recency")).toMatchObject({ points: 5, label: "Last contact 3 days ago" });
    const once = rankBuyers(property, [buyer("once")], h, NOW).matches[0];
    expect(once.reasons.find((r) => r.code === "responsiveness")).toMatchObject({ points: 0, label: "No reply to our 5 messages" });
  });

  it("gives 100 to a perfect fit, and every score is the sum of its chips", () => {
    const perfect = buyer("perfect", {
      preferred_locations: ["zip:75201"],
      price_range: { min: 150_000, max: 300_000 },
      proof_of_funds: { file_id: "f", expires_at: new Date(NOW.getTime() + 60 * DAY) },
    });
    const history: BuyerHistory = {
      closedDeals: [{ locationKeys: ["zip:75201", "state:tx"], propertyType: "single_family" }, { locationKeys: ["city:tx:dallas"], propertyType: "single_family" }],
      outbound: 2,
      answered: 2,
      medianResponseMinutes: 5,
      lastContactAt: new Date(NOW.getTime() - DAY),
    };
    const m = rankBuyers(property, [perfect], () => history, NOW).matches[0];
    expect(m.score).toBe(100);
    expect(m.reasons.every((r) => r.points === r.max && r.tone === "good")).toBe(true);
    const bare = rankBuyers({ locationKeys: ["state:tx"] }, [buyer("bare", { preferred_locations: ["any"], property_types: [], price_range: null, funding_type: null })], noHistory, NOW).matches[0];
    expect(bare.score).toBe(bare.reasons.reduce((s, r) => s + r.points, 0));
    expect(bare.score).toBeGreaterThanOrEqual(0);
  });

  it("breaks ties deterministically: precision, deals here, latest contact, name, id", () => {
    const buyers = [
      buyer("b2", { name: "Same" }),
      buyer("a1", { name: "Zed" }),
      buyer("b1", { name: "Same" }),
      buyer("c1", { name: "Alpha" }),
    ];
    const expected = ["c1", "b1", "b2", "a1"];
    expect(order(buyers)).toEqual(expected);
    expect(order([...buyers].reverse())).toEqual(expected);
    const contacted = (id: string) => (id === "a1" ? { ...EMPTY_HISTORY, lastContactAt: new Date(NOW.getTime() - 400 * DAY) } : EMPTY_HISTORY);
    expect(order(buyers, contacted)[0]).toBe("a1");
  });

  it("prices a lead without a price and a buyer without a range, without missing them", () => {
    const lead: MatchProperty = { locationKeys: property.locationKeys, propertyType: null, price: null, priceLabel: "asking price", arv: null };
    const m = rankBuyers(lead, [buyer("b", { price_range: null })], noHistory, NOW).matches[0];
    expect(m.reasons.find((r) => r.code === "price")).toMatchObject({ points: 0, label: "No asking price yet" });
    expect(m.reasons.find((r) => r.code === "type")).toMatchObject({ points: 3 });
  });
});

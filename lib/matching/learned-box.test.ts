import { describe, expect, it } from "vitest";
import { learnBuyBox, widenedBox } from "./learned-box";
import type { BuyerBox, ClosedDeal } from "./types";

const box: BuyerBox = {
  id: "b",
  name: "B",
  property_types: ["single_family"],
  price_range: { min: 150_000, max: 300_000 },
  preferred_locations: ["city:tx:dallas"],
};
const fortWorth = (price: number): ClosedDeal => ({ locationKeys: ["zip:76104", "city:tx:fort-worth", "state:tx"], propertyType: "single_family", price });

describe("learned buy box", () => {
  it("says so when closed deals contradict the stated box, and offers to widen it", () => {
    const learned = learnBuyBox(box, [fortWorth(90_000), fortWorth(104_000), fortWorth(112_500), fortWorth(120_000)]);
    expect(learned.findings).toEqual([
      { code: "locations", message: "They say Dallas, TX, and closed 4 in Fort Worth, TX with us." },
      { code: "price", message: "They say $150,000–$300,000, and closed 4 deals at $90,000–$120,000, under their minimum." },
    ]);
    expect(learned.widening).toEqual({ add_locations: ["city:tx:fort-worth"], add_types: [], price_range: { min: 90_000 } });
    expect(widenedBox(box, learned.widening!)).toEqual({
      preferred_locations: ["city:tx:dallas", "city:tx:fort-worth"],
      property_types: ["single_family"],
      price_range: { min: 90_000, max: 300_000 },
    });
  });

  it("stays quiet for one exception or deals inside the box", () => {
    const inside: ClosedDeal = { locationKeys: ["city:tx:dallas", "state:tx"], propertyType: "single_family", price: 200_000 };
    expect(learnBuyBox(box, [fortWorth(100_000), inside, inside])).toEqual({ closedDeals: 3, findings: [] });
    expect(learnBuyBox(box, [])).toEqual({ closedDeals: 0, findings: [] });
  });

  it("learns types and prices above the maximum", () => {
    const mf = (price: number): ClosedDeal => ({ locationKeys: ["city:tx:dallas"], propertyType: "multi_family", price });
    const learned = learnBuyBox(box, [mf(410_000), mf(352_000)]);
    expect(learned.findings.map((f) => f.code)).toEqual(["types", "price"]);
    expect(learned.widening).toEqual({ add_locations: [], add_types: ["multi_family"], price_range: { max: 410_000 } });
  });
});

import { describe, expect, it } from "vitest";
import { buildHistories, pricePaidByBuyer } from "./history";

const t = (minutes: number) => new Date(Date.UTC(2026, 10, 1) + minutes * 60_000);

describe("buyer histories", () => {
  it("counts answered messages and the median delay from our latest message", () => {
    const h = buildHistories(
      [],
      [
        { recipient_id: "b", direction: "outbound", sent_at: t(0) },
        { recipient_id: "b", direction: "outbound", sent_at: t(10) },
        { recipient_id: "b", direction: "inbound", created_at: t(40) },
        { recipient_id: "b", direction: "outbound", sent_at: t(100) },
        { recipient_id: "b", direction: "inbound", created_at: t(200) },
        { recipient_id: "b", direction: "inbound", created_at: t(210) },
        { recipient_id: "b", direction: "outbound", status: "failed", sent_at: t(300) },
        { recipient_id: "c", direction: "outbound", sent_at: t(5) },
      ],
    ).get("b")!;
    expect(h).toMatchObject({ outbound: 3, answered: 2, medianResponseMinutes: 65 });
    expect(h.lastContactAt).toEqual(t(210));
  });

  it("turns closed deals into places, types and the price the buyer paid", () => {
    const h = buildHistories(
      [
        {
          buyer_id: "b",
          property_address: { city: "Fort Worth", state: "TX", zip_code: "76104" },
          property_details: { type: "single_family" },
          financials: { purchase_price: 90_000, assignment_fee: 10_000 },
        },
      ],
      [],
    ).get("b")!;
    expect(h.closedDeals).toEqual([{ locationKeys: ["zip:76104", "city:tx:fort-worth", "state:tx"], propertyType: "single_family", price: 100_000, closedAt: null }]);
    expect(pricePaidByBuyer({ sale_price: 120_000, purchase_price: 90_000 })).toBe(120_000);
    expect(pricePaidByBuyer(null)).toBeNull();
  });
});

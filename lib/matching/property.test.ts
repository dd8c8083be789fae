import { describe, expect, it } from "vitest";
import { addressLine, propertyOfDeal, propertyOfLead } from "./property";

describe("the property a deal or a lead offers", () => {
  it("prices a deal at its sale price, else the contract price plus the assignment fee", () => {
    const address = { city: "Dallas", state: "TX", zip_code: "75201" };
    expect(propertyOfDeal({ property_address: address, financials: { sale_price: 210_000, purchase_price: 180_000 } })).toMatchObject({ price: 210_000, priceLabel: "sale price" });
    expect(propertyOfDeal({ financials: { purchase_price: 180_000, assignment_fee: 15_000 } })).toMatchObject({ price: 195_000, priceLabel: "contract price + fee" });
    expect(propertyOfDeal({ financials: { purchase_price: 180_000 } })).toMatchObject({ price: 180_000, priceLabel: "contract price" });
    expect(propertyOfDeal({ property_address: address, analysis: { arv: 300_000 } }, 250_000)).toMatchObject({
      price: null,
      arv: 300_000,
      locationKeys: ["zip:75201", "city:tx:dallas", "state:tx"],
    });
    expect(propertyOfDeal({}, 250_000).arv).toBe(250_000);
  });

  it("prices a lead at its asking price, its value as the ARV", () => {
    expect(propertyOfLead({ asking_price: 120_000, estimated_value: 0, property_details: { type: "land" } })).toMatchObject({
      price: 120_000,
      priceLabel: "asking price",
      arv: null,
      propertyType: "land",
    });
  });

  it("writes one address line", () => {
    expect(addressLine({ full_address: "1 Elm St, Dallas, TX 75201" })).toBe("1 Elm St, Dallas, TX 75201");
    expect(addressLine({ street: "1 Elm St", city: "Dallas", state: "TX" })).toBe("1 Elm St, Dallas, TX");
    expect(addressLine(null)).toBe("Address not given");
  });
});

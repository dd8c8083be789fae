import { describe, expect, it } from "vitest";
import { parseDealQuery } from "./deal-list-query";

describe("deal list link", () => {
  it("keeps what it understood and names each setting it left out, with why", () => {
    const { query, problems } = parseDealQuery(new URLSearchParams("status=nope&type=flip&buyer=maybe&sort=price&q=Elm"));
    expect(query).toMatchObject({ status: [], type: ["flip"], q: "Elm", sort: "created_at" });
    expect(query.buyer).toBeUndefined();
    expect(problems).toEqual([
      { param: "status", message: "status names no deal status" },
      { param: "buyer", message: "buyer must be yes or no" },
      { param: "sort", message: "sort is not an order the list offers" },
    ]);
  });

  it("has nothing to report for a link it understood", () => {
    expect(parseDealQuery(new URLSearchParams("status=pending,closed&buyer=no&sort=profit&dir=asc")).problems).toEqual([]);
  });
});

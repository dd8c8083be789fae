import { describe, expect, it } from "vitest";
import {
  isLocationKey,
  labelOfLocationKey,
  locationKeysOfAddress,
  parseLocation,
  parseLocationList,
  splitListCell,
} from "./locations";
import { findUsState, US_STATES } from "@/lib/geo/us-states";

function keyOf(text: string): string {
  const r = parseLocation(text);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.location.key;
}

function errorOf(text: unknown): string {
  const r = parseLocation(text);
  if (r.ok) throw new Error(`expected an error for ${String(text)}, got ${r.location.key}`);
  return r.error;
}

describe("US states", () => {
  it("has the 50 states, DC and territories, by code and by name", () => {
    expect(US_STATES.filter((s) => !s.territory)).toHaveLength(51);
    expect(new Set(US_STATES.map((s) => s.code)).size).toBe(US_STATES.length);
    expect(findUsState("tx")?.name).toBe("Texas");
    expect(findUsState("New  york")?.code).toBe("NY");
    expect(findUsState("Puerto Rico")?.code).toBe("PR");
    expect(findUsState("XX")).toBeUndefined();
  });
});

describe("parseLocation", () => {
  it("gives one key for the spellings of one city", () => {
    for (const text of ["dallas tx", "Dallas, TX", "DALLAS, Texas", "  Dallas ,  tx ", "Dallas Texas", "dallas, tx."]) {
      expect(keyOf(text)).toBe("city:tx:dallas");
    }
  });

  it("labels a city with its state code", () => {
    const r = parseLocation("fort worth texas");
    expect(r).toEqual({ ok: true, location: { kind: "city", key: "city:tx:fort-worth", label: "Fort Worth, TX" } });
  });

  it("reads ZIP codes and reduces ZIP+4", () => {
    expect(parseLocation("75201")).toEqual({ ok: true, location: { kind: "zip", key: "zip:75201", label: "ZIP 75201" } });
    expect(keyOf("75201-1234")).toBe("zip:75201");
    expect(keyOf("Dallas, TX 75201")).toBe("zip:75201");
    expect(keyOf("Dallas TX 75201")).toBe("zip:75201");
    expect(keyOf("TX 75201")).toBe("zip:75201");
    expect(errorOf("7520")).toMatch(/5 digits/);
  });

  it("reads counties, with or without the comma, and the local word for them", () => {
    for (const text of ["Dallas County, TX", "Dallas County TX", "dallas county texas", "Dallas Co. TX", "Dallas Co, TX"]) {
      expect(keyOf(text)).toBe("county:tx:dallas");
    }
    expect(labelOfLocationKey("county:tx:dallas")).toBe("Dallas County, TX");
    expect(parseLocation("Orleans Parish, LA")).toEqual({
      ok: true,
      location: { kind: "county", key: "county:la:orleans", label: "Orleans Parish, LA" },
    });
  });

  it("reads whole states by code or name", () => {
    expect(parseLocation("TX")).toEqual({ ok: true, location: { kind: "state", key: "state:tx", label: "Texas" } });
    expect(keyOf("texas")).toBe("state:tx");
    expect(keyOf("West Virginia")).toBe("state:wv");
    expect(keyOf("District of Columbia")).toBe("state:dc");
  });

  it("reads an explicit anywhere", () => {
    expect(parseLocation("Anywhere")).toEqual({ ok: true, location: { kind: "anywhere", key: "any", label: "Anywhere" } });
    expect(keyOf("nationwide")).toBe("any");
    expect(isLocationKey("any")).toBe(true);
    expect(labelOfLocationKey("any")).toBe("Anywhere");
  });

  it("takes the longest state name at the end, and cities named like states", () => {
    expect(keyOf("Charleston West Virginia")).toBe("city:wv:charleston");
    expect(keyOf("Kansas City MO")).toBe("city:mo:kansas-city");
    expect(keyOf("Kansas City, Kansas")).toBe("city:ks:kansas-city");
    expect(keyOf("Virginia Beach VA")).toBe("city:va:virginia-beach");
    expect(keyOf("New York, NY")).toBe("city:ny:new-york");
    expect(keyOf("Washington, DC")).toBe("city:dc:washington");
  });

  it("spells out St., Ft. and Mt. and drops accents and punctuation", () => {
    expect(keyOf("St. Louis, MO")).toBe(keyOf("saint louis mo"));
    expect(keyOf("Ft Worth TX")).toBe("city:tx:fort-worth");
    expect(keyOf("Winston-Salem, NC")).toBe(keyOf("winston salem nc"));
    expect(keyOf("Española, NM")).toBe("city:nm:espanola");
    expect(keyOf("Coeur d'Alene, ID")).toBe("city:id:coeur-dalene");
  });

  it("refuses junk with a clear message naming the location", () => {
    expect(errorOf("$where")).toMatch(/only letters, digits/);
    expect(errorOf('{"$gt": ""}')).toMatch(/only letters, digits/);
    expect(errorOf("Dallas\u0000, TX")).toMatch(/control characters/);
    expect(errorOf("x".repeat(101))).toMatch(/at most 100 characters/);
    expect(errorOf("a".repeat(10 * 1024 * 1024))).toMatch(/at most 100 characters/);
    expect(errorOf("")).toMatch(/empty/);
    expect(errorOf("   ")).toMatch(/empty/);
    expect(errorOf(42)).toMatch(/must be text/);
    expect(errorOf(null)).toMatch(/must be text/);
    expect(errorOf("Dallas, XX")).toMatch(/unknown state "XX"/);
    expect(errorOf("Dallas")).toMatch(/needs a state/);
    expect(errorOf("Dallas, Dallas County, TX")).toMatch(/too many parts/);
    expect(errorOf("County, TX")).toMatch(/needs a city or county name/);
    expect(errorOf("123, TX")).toMatch(/not a ZIP code, a city/);
  });
});

describe("labelOfLocationKey and isLocationKey", () => {
  it("labels each kind", () => {
    expect(labelOfLocationKey("city:tx:dallas")).toBe("Dallas, TX");
    expect(labelOfLocationKey("county:tx:dallas")).toBe("Dallas County, TX");
    expect(labelOfLocationKey("zip:75201")).toBe("ZIP 75201");
    expect(labelOfLocationKey("state:tx")).toBe("Texas");
    expect(labelOfLocationKey("city:tx:fort-worth")).toBe("Fort Worth, TX");
    expect(labelOfLocationKey("garbage")).toBe("garbage");
  });

  it("accepts only well-formed keys of known states", () => {
    expect(isLocationKey("city:tx:dallas")).toBe(true);
    expect(isLocationKey("zip:75201")).toBe(true);
    expect(isLocationKey("state:xx")).toBe(false);
    expect(isLocationKey("city:tx:Dallas")).toBe(false);
    expect(isLocationKey("Dallas, TX")).toBe(false);
    expect(isLocationKey({ $ne: null })).toBe(false);
  });

  it("round-trips: the key of a label is the key", () => {
    for (const key of ["city:tx:fort-worth", "county:la:orleans", "zip:02134", "state:ny", "city:dc:washington"]) {
      expect(keyOf(labelOfLocationKey(key).replace(/^ZIP /, ""))).toBe(key);
    }
  });
});

describe("locationKeysOfAddress", () => {
  it("gives ZIP, city, county, state: most precise first", () => {
    expect(locationKeysOfAddress({ zip_code: "75201-4321", city: "Dallas", county: "Dallas County", state: "TX" })).toEqual([
      "zip:75201",
      "city:tx:dallas",
      "county:tx:dallas",
      "state:tx",
    ]);
  });

  it("matches what a buyer types for the same place", () => {
    const keys = locationKeysOfAddress({ city: "St. Louis", state: "Missouri" });
    expect(keys).toContain(keyOf("Saint Louis, MO"));
  });

  it("leaves out what is missing or unknown", () => {
    expect(locationKeysOfAddress({ zip_code: "75201", city: "Dallas" })).toEqual(["zip:75201"]);
    expect(locationKeysOfAddress({ city: "Dallas", state: "Nowhere" })).toEqual([]);
    expect(locationKeysOfAddress({ zip_code: "abc", state: "tx" })).toEqual(["state:tx"]);
    expect(locationKeysOfAddress(undefined)).toEqual([]);
  });
});

describe("splitListCell", () => {
  it("splits on ; | / and line breaks", () => {
    expect(splitListCell("Dallas; Fort Worth")).toEqual(["Dallas", "Fort Worth"]);
    expect(splitListCell("SFR/MF")).toEqual(["SFR", "MF"]);
    expect(splitListCell("a, b | c")).toEqual(["a", "b", "c"]);
    expect(splitListCell("one\ntwo\r\nthree")).toEqual(["one", "two", "three"]);
  });

  it("splits a list of ZIP codes separated by spaces only, and nothing else on spaces", () => {
    expect(splitListCell("75201 75204  76104-1234")).toEqual(["75201", "75204", "76104-1234"]);
    expect(splitListCell("Dallas TX 75201")).toEqual(["Dallas TX 75201"]);
    expect(splitListCell("Fort Worth")).toEqual(["Fort Worth"]);
  });

  it("keeps the comma between a place and its state", () => {
    expect(splitListCell("Dallas, TX")).toEqual(["Dallas, TX"]);
    expect(splitListCell("Dallas, TX, Fort Worth, TX")).toEqual(["Dallas, TX", "Fort Worth, TX"]);
    expect(splitListCell("Dallas County, Texas; 75201, Tarrant County, TX")).toEqual([
      "Dallas County, Texas",
      "75201",
      "Tarrant County, TX",
    ]);
    expect(splitListCell("Dallas, TX 75201, Austin TX")).toEqual(["Dallas, TX 75201", "Austin TX"]);
    expect(splitListCell("New York, NY; Washington, DC")).toEqual(["New York, NY", "Washington, DC"]);
  });

  it("splits lists of states", () => {
    expect(splitListCell("TX, OK, AR")).toEqual(["TX", "OK", "AR"]);
    expect(splitListCell("Texas, Oklahoma")).toEqual(["Texas", "Oklahoma"]);
  });

  it("drops empties and repeats", () => {
    expect(splitListCell(" ;; Dallas TX ; dallas tx ;")).toEqual(["Dallas TX"]);
    expect(splitListCell(undefined)).toEqual([]);
  });
});

describe("parseLocationList", () => {
  it("splits cells, keeps each key once, and reports every bad entry", () => {
    expect(parseLocationList(["Dallas, TX; dallas tx", "Fort Worth, TX | 75201", "Nowhere XX", "$where"])).toEqual({
      keys: ["city:tx:dallas", "city:tx:fort-worth", "zip:75201"],
      errors: [
        { input: "Nowhere XX", error: expect.stringMatching(/needs a state/) },
        { input: "$where", error: expect.stringMatching(/only letters/) },
      ],
    });
  });

  it("refuses a huge cell without splitting it", () => {
    const r = parseLocationList("Dallas, TX; ".repeat(1_000_000));
    expect(r.keys).toEqual([]);
    expect(r.errors[0].error).toMatch(/at most/);
  });
});

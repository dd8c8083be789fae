import { describe, expect, it } from "vitest";
import { dateOrderOf, readDate } from "./date";

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("readDate", () => {
  it("reads dots as day first: 03.04.2027 is the 3rd of April, 15.03.2027 the 15th of March", () => {
    expect(iso(readDate("03.04.2027"))).toBe("2027-04-03T00:00:00.000Z");
    expect(iso(readDate("15.03.2027"))).toBe("2027-03-15T00:00:00.000Z");
    expect(iso(readDate("15.03.27"))).toBe("2027-03-15T00:00:00.000Z");
  });

  it("reads slashes month first unless the value or the column says the day comes first", () => {
    expect(iso(readDate("04/03/2027"))).toBe("2027-04-03T00:00:00.000Z");
    expect(iso(readDate("04/03/2027", { order: "dmy" }))).toBe("2027-03-04T00:00:00.000Z");
    expect(iso(readDate("04/03/2027", { fallback: "dmy" }))).toBe("2027-03-04T00:00:00.000Z");
    expect(iso(readDate("15/03/2027"))).toBe("2027-03-15T00:00:00.000Z");
    expect(iso(readDate("3/15/2027", { order: "dmy" }))).toBe("2027-03-15T00:00:00.000Z");
    expect(iso(readDate("15-03-2027"))).toBe("2027-03-15T00:00:00.000Z");
  });

  it("reads ISO dates and times, with a zone or as UTC", () => {
    expect(iso(readDate("2027-03-15"))).toBe("2027-03-15T00:00:00.000Z");
    expect(iso(readDate("2027-03-15 14:30"))).toBe("2027-03-15T14:30:00.000Z");
    expect(iso(readDate("2027-03-15T14:30:00-05:00"))).toBe("2027-03-15T19:30:00.000Z");
    expect(iso(readDate("2027/3/5"))).toBe("2027-03-05T00:00:00.000Z");
  });

  it("reads a time after a numeric date, in 24-hour or AM/PM form", () => {
    expect(iso(readDate("15.03.2027 14:30"))).toBe("2027-03-15T14:30:00.000Z");
    expect(iso(readDate("3/15/2027 2:30 PM"))).toBe("2027-03-15T14:30:00.000Z");
    expect(iso(readDate("3/15/2027 12:05 am"))).toBe("2027-03-15T00:05:00.000Z");
  });

  it("reads dates in English words", () => {
    expect(iso(readDate("Mar 15, 2027"))).toBe("2027-03-15T00:00:00.000Z");
    expect(iso(readDate("15 March 2027"))).toBe("2027-03-15T00:00:00.000Z");
  });

  it("reads ordinal days and German, French and Spanish month names", () => {
    for (const text of ["March 15th, 2027", "Mar. 15th 2027", "15th March 2027", "15. März 2027", "15. Maerz 2027", "15 mars 2027", "15 de marzo de 2027", "15-Mär-2027"]) expect(iso(readDate(text)), text).toBe("2027-03-15T00:00:00.000Z");
    for (const [text, day] of [["1er mai 2027", "2027-05-01"], ["3. Mai 2027", "2027-05-03"], ["2 juin 2027", "2027-06-02"], ["7. Dezember 2027", "2027-12-07"], ["9 août 2027", "2027-08-09"], ["4 de julio de 2027", "2027-07-04"], ["1. Okt. 2027", "2027-10-01"], ["22nd Aug 2027", "2027-08-22"]]) {
      expect(iso(readDate(text)), text).toBe(`${day}T00:00:00.000Z`);
    }
  });

  it("puts a day without a time at 9:00 in the given zone (DST-aware); a value with a time keeps its reading", () => {
    const chicago = { dayAt: { zone: "America/Chicago" } };
    for (const text of ["2027-03-15", "03/15/2027", "15.03.2027", "Mar 15, 2027"]) expect(readDate(text, chicago)?.toISOString()).toBe("2027-03-15T14:00:00.000Z");
    // Standard time (UTC-6) in January, and Berlin's 9:00 on the day of its own change.
    expect(readDate("2027-01-20", chicago)?.toISOString()).toBe("2027-01-20T15:00:00.000Z");
    expect(readDate("28.03.2027", { dayAt: { zone: "Europe/Berlin" } })?.toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(readDate("2027-03-15 14:30", chicago)?.toISOString()).toBe("2027-03-15T14:30:00.000Z");
    expect(readDate("3/15/2027 2:30 PM", chicago)?.toISOString()).toBe("2027-03-15T14:30:00.000Z");
    expect(readDate("31.02.2027", chicago)).toBeNull();
  });

  it("refuses what is not a date: impossible days, bare numbers, words", () => {
    for (const text of ["31.02.2027", "13/13/2027", "46000", "2027", "soon", "", "12.5", "3/15/2027 25:00", "1.1.0999"]) expect(readDate(text), text).toBeNull();
  });
});

describe("dateOrderOf", () => {
  it("decides a column by the values that show their order", () => {
    expect(dateOrderOf(["03/04/2027", "15/03/2027"])).toBe("dmy");
    expect(dateOrderOf(["03/04/2027", "3/15/2027"])).toBe("mdy");
  });

  it("leaves a column undecided when no value tells, or the values disagree", () => {
    expect(dateOrderOf(["03/04/2027", "2027-03-15", ""])).toBeUndefined();
    expect(dateOrderOf(["15/03/2027", "3/15/2027"])).toBeUndefined();
  });
});

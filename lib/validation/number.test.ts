import { describe, expect, it } from "vitest";
import { decimalMarkOf, readNumber, type NumberKind } from "./number";

describe("readNumber", () => {
  it.each<[string, NumberKind, number]>([
    // Thousands separators, every locale's way
    ["$214,000", "amount", 214000],
    ["214.000 €", "amount", 214000],
    ["214 000", "amount", 214000],
    ["214\u202f000 €", "amount", 214000],
    ["214\u00a0000", "amount", 214000],
    ["214\u2009000", "amount", 214000],
    ["1'234.50", "amount", 1234.5],
    ["1.234,56", "amount", 1234.56],
    ["1,234.56", "amount", 1234.56],
    ["250.000,00 €", "amount", 250000],
    ["1,234,567", "amount", 1234567],
    ["1.234.567", "amount", 1234567],
    ["$95,000", "amount", 95000],
    ["$1.2M", "amount", 1200000],
    ["1,2M", "amount", 1200000],
    ["250K", "amount", 250000],
    ["$1,250K", "amount", 1250000],
    ["-$5,000", "amount", -5000],
    ["(5,000)", "amount", -5000],
    ["214,00 €", "amount", 214],
    // Currency codes before or after, and the German ",-" for no cents
    ["USD 214,000", "amount", 214000],
    ["US$214,000", "amount", 214000],
    ["EUR 214.000", "amount", 214000],
    ["CAD 95,000", "amount", 95000],
    ["214.000 EUR", "amount", 214000],
    ["214.000,- €", "amount", 214000],
    ["214.000,--", "amount", 214000],
    ["$214,000.-", "amount", 214000],
    ["£214,000", "amount", 214000],
    // Counts of things: a lone mark before three digits groups thousands
    ["1,450", "count", 1450],
    ["1.450", "count", 1450],
    ["1,450 sq ft", "count", 1450],
    ["1962.0", "count", 1962],
    ["3 bd", "count", 3],
    // Measures: fractions are normal
    ["2,5", "measure", 2.5],
    ["1,5", "measure", 1.5],
    ["2.5", "measure", 2.5],
    ["1,500", "measure", 1.5],
    ["0,25 acres", "measure", 0.25],
    ["0,500", "count", 0.5],
  ])("reads %s as a %s", (text, kind, value) => {
    expect(readNumber(text, { kind })).toBe(value);
  });

  it("reads a lone mark the way its column writes decimals", () => {
    expect(readNumber("1.450", { kind: "count", decimal: "," })).toBe(1450);
    expect(readNumber("1,450", { kind: "count", decimal: "," })).toBe(1.45);
    expect(readNumber("2,500", { kind: "measure", decimal: "," })).toBe(2.5);
    expect(readNumber("214,000", { kind: "amount", decimal: "." })).toBe(214000);
    // A value the column's mark cannot read is read as it shows itself.
    expect(readNumber("2.5", { kind: "measure", decimal: "," })).toBe(2.5);
  });

  it.each(["abc", "1,2,3", "12-14", "$", "3 bd 2 ba", "'1962", "1.234,567.8", ""])("refuses %j", (text) => {
    expect(readNumber(text)).toBeNull();
  });
});

describe("decimalMarkOf", () => {
  it("decides a column by the values that show their mark", () => {
    expect(decimalMarkOf(["$214,000", "$95,500"])).toBeUndefined();
    expect(decimalMarkOf(["214.000", "95.500,50"])).toBe(",");
    expect(decimalMarkOf(["2,5", "3", "1,5"])).toBe(",");
    expect(decimalMarkOf(["2.5", "3"])).toBe(".");
    expect(decimalMarkOf(["1,234,567", "214,000"])).toBe(".");
    expect(decimalMarkOf(["2.5", "2,5"])).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { normalizePhone } from "@/lib/validation/phone";
import { parseNumberCell, splitPhoneCell } from "./cell-values";

describe("parseNumberCell", () => {
  it.each([
    ["$250,000", 250000],
    ["250K", 250000],
    ["$1.2M", 1200000],
    ["1.5MM", 1500000],
    ["$199,999.99", 199999.99],
    ["1,450 sq ft", 1450],
    ["7,405 sqft", 7405],
    ["0.25 acres", 0.25],
    ["3 bd", 3],
    ["1962.0", 1962],
    ["2.5", 2.5],
    ["2,5", 2.5],
    ["250.000,00 €", 250000],
    ["1.234.567", 1234567],
    ["250 000", 250000],
    ["-$5,000", -5000],
    ["(5,000)", -5000],
  ])("reads %s", (text, value) => {
    expect(parseNumberCell(text)).toBe(value);
  });

  it("reads a lone group separator by the field's kind, not the file's delimiter", () => {
    expect(parseNumberCell("1,450")).toBe(1450);
    expect(parseNumberCell("1.450")).toBe(1450);
    expect(parseNumberCell("1,450", { decimal: "," })).toBe(1.45);
    expect(parseNumberCell("1.450", { decimal: "," })).toBe(1450);
    expect(parseNumberCell("1,500", { kind: "measure" })).toBe(1.5);
  });

  it.each(["abc", "1,2,3", "12-14", "$", "3 bd 2 ba", "'1962"])("leaves %s as typed, for the schema to refuse", (text) => {
    expect(parseNumberCell(text)).toBe(text);
  });
});

describe("splitPhoneCell", () => {
  const isPhone = (n: string) => normalizePhone(n) !== null;
  it.each([
    ["(214) 555-0101", [{ number: "(214) 555-0101" }]],
    ["2145550302 ext 2", [{ number: "2145550302", extension: "2" }]],
    ["555-123-4570 x12", [{ number: "555-123-4570", extension: "12" }]],
    ["2815550502.0", [{ number: "2815550502" }]],
    ["mobile: (512) 555-0601", [{ number: "(512) 555-0601" }]],
    ["(512) 555-0601 (cell)", [{ number: "(512) 555-0601" }]],
    ["512.555.0602; 512.555.0699", [{ number: "512.555.0602" }, { number: "512.555.0699" }]],
    ["512-555-0602 / 512-555-0699", [{ number: "512-555-0602" }, { number: "512-555-0699" }]],
    ["not a phone", [{ number: "not a phone" }]],
    // A leading apostrophe: how a spreadsheet was told to keep the number as text.
    ["'2145550402", [{ number: "2145550402" }]],
    ["'+1 214 555 0402", [{ number: "+1 214 555 0402" }]],
  ])("reads %s", (text, parts) => {
    expect(splitPhoneCell(text, isPhone)).toEqual(parts);
  });
});

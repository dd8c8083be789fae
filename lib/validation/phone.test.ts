import { describe, expect, it } from "vitest";
import { normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it.each([
    ["(555) 123-4567", "+15551234567"],
    ["555.123.4567", "+15551234567"],
    ["555 123 4567", "+15551234567"],
    ["1-555-123-4567", "+15551234567"],
    ["+1 (555) 123-4567", "+15551234567"],
    ["+44 20 7946 0958", "+442079460958"],
    ["0044 20 7946 0958", "+442079460958"],
    ["  2145550100 ", "+12145550100"],
    // Dashes a word processor or spreadsheet puts in (en dash, em dash, non-breaking hyphen, minus)
    // and the full-width digits and marks of an East Asian keyboard.
    ["214–555–0100", "+12145550100"],
    ["(214) 555\u20110100", "+12145550100"],
    ["214—555—0100", "+12145550100"],
    ["214\u2212555\u22120100", "+12145550100"],
    ["（２１４）５５５－０１００", "+12145550100"],
  ])("turns %s into %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(["abc", "", "555-1234", "12345", "(155) 123-4567", "+0123456789", "555-123-4567 ext 2", "+1234567890123456", "++15551234567"])(
    "refuses %s",
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );
});

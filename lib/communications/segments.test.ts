import { describe, expect, it } from "vitest";
import { countSegments } from "./segments";

describe("countSegments", () => {
  it("GSM-7: 160 in one segment, then 153 per segment", () => {
    expect(countSegments("")).toMatchObject({ encoding: "GSM-7", segments: 0, units: 0 });
    expect(countSegments("a".repeat(160))).toMatchObject({ encoding: "GSM-7", segments: 1, units: 160, remaining: 0 });
    expect(countSegments("a".repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 145 });
    expect(countSegments("a".repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSegments("a".repeat(307))).toMatchObject({ segments: 3 });
  });

  it("extension-table characters take two septets and are never split", () => {
    expect(countSegments("€".repeat(80))).toMatchObject({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSegments("€".repeat(81))).toMatchObject({ units: 162, segments: 2 });
    // 152 septets then an escape pair: it cannot start in the last septet of segment 1.
    expect(countSegments(`${"a".repeat(152)}{${"a".repeat(10)}`)).toMatchObject({ units: 164, segments: 2, remaining: 153 - 12 });
  });

  it("one character outside GSM-7 makes it UCS-2: 70, then 67", () => {
    const curly = countSegments("It’s fine");
    expect(curly).toMatchObject({ encoding: "UCS-2", segments: 1, units: 9, nonGsm: ["’"] });
    expect(countSegments("é".repeat(70))).toMatchObject({ encoding: "GSM-7" });
    expect(countSegments("ж".repeat(70))).toMatchObject({ encoding: "UCS-2", segments: 1 });
    expect(countSegments("ж".repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(countSegments("ж".repeat(134))).toMatchObject({ segments: 2 });
    expect(countSegments("ж".repeat(135))).toMatchObject({ segments: 3 });
  });

  it("an emoji is two UTF-16 units and its surrogate pair is never split", () => {
    expect(countSegments("😀")).toMatchObject({ encoding: "UCS-2", units: 2, nonGsm: ["😀"] });
    expect(countSegments("😀".repeat(35))).toMatchObject({ units: 70, segments: 1 });
    // 66 units then an emoji: it moves whole to segment 2.
    expect(countSegments(`${"ж".repeat(66)}😀ж`)).toMatchObject({ units: 69, segments: 1 });
    expect(countSegments(`${"ж".repeat(66)}😀жжж`)).toMatchObject({ units: 71, segments: 2, remaining: 67 - 5 });
  });

  it("GSM-7 counts newlines and the basic accented letters", () => {
    expect(countSegments("Ça va?\nÑoño à Øre")).toMatchObject({ encoding: "GSM-7", units: 17 });
    // ú is not in GSM-7 (ù is)
    expect(countSegments("Ñandú")).toMatchObject({ encoding: "UCS-2", nonGsm: ["ú"] });
  });
});

import { describe, expect, it } from "vitest";
import { TAG_COLORS } from "@/lib/zod/schemas/tag";
import { tagColorName } from "./tag-color-names";

describe("tagColorName", () => {
  it("names every palette colour", () => {
    expect(TAG_COLORS.map(tagColorName).filter((n) => n.startsWith("#"))).toEqual([]);
    expect(tagColorName("#EF4444")).toBe("Red");
  });

  it("names a colour outside the palette after the nearest one instead of showing its code", () => {
    expect(tagColorName("#dc2626")).toBe("Dark red");
    expect(tagColorName("#fca5a5")).toBe("Light red");
    expect(tagColorName("#2563eb")).toBe("Dark blue");
    expect(tagColorName("#16a34a")).toMatch(/green/i);
    expect(tagColorName("#111827")).toBe("Dark grey");
    expect(tagColorName("#f00")).toMatch(/red/i);
    expect(tagColorName("not a colour")).toBe("Custom colour");
  });
});

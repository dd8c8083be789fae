import { describe, expect, it } from "vitest";
import { customFieldDefinitionsSchema } from "@/lib/zod/schemas/custom-fields";
import { deriveFieldKey, parseOptionLines, type RemovedCustomField } from "./field-keys";

describe("deriveFieldKey", () => {
  it("turns a label into a storable key", () => {
    expect(deriveFieldKey("Mortgage balance", "number", [])).toBe("mortgage_balance");
    expect(deriveFieldKey("Motivation (1-10)", "number", [])).toBe("motivation_1_10");
    expect(deriveFieldKey("$where.x", "text", [])).toBe("where_x");
    expect(deriveFieldKey("...", "text", [])).toBe("field");
    expect(deriveFieldKey("2nd phone", "text", [])).toBe("nd_phone");
  });

  it("never yields a key with a dot, a leading $ or anything the schema refuses", () => {
    for (const label of ["a.b", "$set", "Ünïcødé", "x".repeat(80), "__proto__", "9 lives", "  ", "Ça va?"]) {
      const key = deriveFieldKey(label, "text", []);
      expect(customFieldDefinitionsSchema.safeParse({ fields: [{ key, label: "L", type: "text" }] }).success).toBe(true);
      expect(key).not.toMatch(/[.$]/);
    }
  });

  it("suffixes a key another field of the form uses, within 40 characters", () => {
    expect(deriveFieldKey("Motivation", "text", ["motivation"])).toBe("motivation_2");
    expect(deriveFieldKey("Motivation", "text", ["motivation", "motivation_2"])).toBe("motivation_3");
    const long = deriveFieldKey("y".repeat(60), "text", ["y".repeat(40)]);
    expect(long).toBe(`${"y".repeat(38)}_2`);
  });

  it("reuses a removed field's key only for the same type (its hidden values come back)", () => {
    const removed: RemovedCustomField[] = [{ key: "occupancy", label: "Occupancy", type: "select", options: ["Vacant"] }];
    expect(deriveFieldKey("Occupancy", "select", [], removed)).toBe("occupancy");
    expect(deriveFieldKey("Occupancy", "text", [], removed)).toBe("occupancy_2");
  });
});

describe("parseOptionLines", () => {
  it("keeps one trimmed option per non-blank line", () => {
    expect(parseOptionLines(" Vacant \r\n\nOwner occupied\n  \nRented")).toEqual(["Vacant", "Owner occupied", "Rented"]);
    expect(parseOptionLines("")).toEqual([]);
  });
});

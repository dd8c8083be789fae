// Typed values of the key/value settings collection: what the editor reads and writes.

export const SETTING_VALUE_TYPES = ["string", "number", "boolean", "json"] as const;
export type SettingValueType = (typeof SETTING_VALUE_TYPES)[number];

/** The editor's type for a stored value. */
export function settingValueType(value: unknown): SettingValueType {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "json";
}

/** A stored value as the editor shows it in a text field. */
export function settingValueText(value: unknown): string {
  const type = settingValueType(value);
  if (type === "string") return value as string;
  if (type === "json") return JSON.stringify(value ?? null, null, 2);
  return String(value);
}

/** A value FerretDB and MongoDB can store: no `.`/`$` keys, no NaN/Infinity, no nested arrays. */
export function storableProblem(value: unknown, depth = 0, inArray = false): string | null {
  if (depth > 10) return "JSON may nest at most 10 levels";
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isFinite(value) ? null : "Numbers must be finite";
  if (Array.isArray(value)) {
    if (inArray) return "Arrays inside arrays cannot be stored";
    for (const v of value) {
      const p = storableProblem(v, depth + 1, true);
      if (p) return p;
    }
    return null;
  }
  if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!k || k.includes(".") || k.startsWith("$")) return `Key "${k}" cannot contain "." or start with "$"`;
      const p = storableProblem(v, depth + 1, false);
      if (p) return p;
    }
    return null;
  }
  return "Unsupported value";
}

/** Parses what was typed into the value field as the chosen type; returns the value or a problem. */
export function parseSettingValue(type: SettingValueType, text: string): { value: unknown } | { problem: string } {
  switch (type) {
    case "string":
      return text.length > 10_000 ? { problem: "Use at most 10,000 characters" } : { value: text };
    case "number": {
      const n = Number(text.trim());
      return text.trim() === "" || !Number.isFinite(n) ? { problem: "Enter a number, such as 42 or 3.5" } : { value: n };
    }
    case "boolean": {
      const t = text.trim().toLowerCase();
      if (t === "true" || t === "on" || t === "yes") return { value: true };
      if (t === "false" || t === "off" || t === "no" || t === "") return { value: false };
      return { problem: "Choose true or false" };
    }
    case "json": {
      if (text.length > 50_000) return { problem: "JSON may be at most 50,000 characters" };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { problem: "Enter valid JSON, such as {\"hours\": 9} or [1, 2]" };
      }
      const problem = storableProblem(value);
      return problem ? { problem } : { value };
    }
  }
}

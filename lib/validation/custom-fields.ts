// custom_fields is free-form, but MongoDB-compatible servers refuse keys with `.` or a leading `$`,
// and FerretDB refuses NaN, Infinity and nested arrays.

export type CustomFieldValue = string | number | boolean | Date | null;

const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_ -]{0,63}$/;

/** Returns an error message for the first problem found, or null when the object can be stored. */
export function customFieldsProblem(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) return "custom fields must be an object";
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 100) return "at most 100 custom fields";
  for (const [key, v] of entries) {
    if (!KEY_PATTERN.test(key)) return `custom field name "${key}" must start with a letter and use letters, digits, spaces, - or _`;
    const ok =
      v === null ||
      typeof v === "boolean" ||
      (typeof v === "string" && v.length <= 10_000) ||
      (typeof v === "number" && Number.isFinite(v)) ||
      (v instanceof Date && !Number.isNaN(v.getTime()));
    if (!ok) return `custom field "${key}" must be text (up to 10,000 characters), a finite number, a date or true/false`;
  }
  return null;
}

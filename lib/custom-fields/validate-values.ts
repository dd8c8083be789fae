// Custom field values as typed in a form or a CSV cell, checked against the tenant's definitions.
// Shared by the server (create, edit, import) and the browser (no server imports here).
import { dateOfDay, dayOf, readDay } from "@/lib/validation/date";
import { readNumber } from "@/lib/validation/number";
import type { CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";

export type CustomFieldValues = Record<string, string | number | Date | null>;
export type CustomFieldCheck = { values: CustomFieldValues; errors: Record<string, string[]> };

const MAX_TEXT = 1000;

/** Parses one value; returns undefined for "not given", or { error }. */
export function parseCustomFieldValue(def: CustomFieldDefinition, raw: unknown): { value: string | number | Date | null } | { error: string } | undefined {
  if (raw === undefined || raw === null) return undefined;
  // A date field holds a day: whatever instant is given, its UTC date at midnight UTC.
  if (raw instanceof Date) return def.type === "date" && !Number.isNaN(raw.getTime()) ? { value: dateOfDay(dayOf(raw)) } : { error: `${def.label} must be a date` };
  if (typeof raw === "number") {
    if (def.type === "number") return Number.isFinite(raw) ? { value: raw } : { error: `${def.label} must be a number` };
    raw = String(raw);
  }
  if (typeof raw !== "string") return { error: `${def.label} has the wrong type` };
  const text = raw.trim();
  if (!text) return undefined;
  switch (def.type) {
    case "text":
      return text.length <= MAX_TEXT ? { value: text } : { error: `${def.label} must be at most ${MAX_TEXT} characters` };
    case "number": {
      const n = readNumber(text);
      return n !== null ? { value: n } : { error: `${def.label} must be a number` };
    }
    case "date": {
      // The day as written, at midnight UTC (lib/validation/date.ts, "Calendar days").
      const day = readDay(text);
      return day ? { value: dateOfDay(day) } : { error: `${def.label} must be a date` };
    }
    case "select": {
      const match = def.options.find((o) => o.toLowerCase() === text.toLowerCase());
      return match ? { value: match } : { error: `${def.label} must be one of: ${def.options.join(", ")}` };
    }
  }
}

/**
 * Checks values against definitions: unknown keys are refused (so nothing a query could misread
 * is ever stored), empty values clear the field (null), and every problem is reported under
 * `custom_fields.<key>`.
 */
export function validateCustomFieldValues(defs: readonly CustomFieldDefinition[], raw: Record<string, unknown> | undefined | null): CustomFieldCheck {
  const values: CustomFieldValues = {};
  const errors: Record<string, string[]> = {};
  if (!raw) return { values, errors };
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, input] of Object.entries(raw)) {
    const def = byKey.get(key);
    if (!def) {
      (errors[`custom_fields.${key}`] ??= []).push(`"${key}" is not a custom field of this workspace`);
      continue;
    }
    const parsed = parseCustomFieldValue(def, input);
    if (parsed === undefined) values[key] = null;
    else if ("error" in parsed) (errors[`custom_fields.${key}`] ??= []).push(parsed.error);
    else values[key] = parsed.value;
  }
  return { values, errors };
}

/** Merges checked values into stored ones: null removes a key. Returns undefined when empty. */
export function applyCustomFieldValues(current: Record<string, unknown> | null | undefined, changes: CustomFieldValues): Record<string, unknown> | undefined {
  const next: Record<string, unknown> = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return Object.keys(next).length ? next : undefined;
}

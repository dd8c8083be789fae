// Keys of lead custom field definitions, as the admin screen proposes them. Shared by the server
// and the browser (no server imports here).
import { customFieldKeyFromLabel, type CustomFieldType } from "@/lib/zod/schemas/custom-fields";

const MAX_KEY = 40;

/** A definition that was removed: its values stay on leads, hidden, until a field with its key comes back. */
export type RemovedCustomField = { key: string; label: string; type: CustomFieldType; options: string[] };

/**
 * The key for a new field, derived from its label ("Mortgage balance" → "mortgage_balance"):
 * suffixed (`_2`, `_3`, …) when another field of the form already uses it, or when a removed field
 * of another type used it (its hidden values would not fit). A removed field of the same type
 * keeps its key, so adding it again shows its values again.
 */
export function deriveFieldKey(label: string, type: CustomFieldType, taken: Iterable<string>, removed: readonly RemovedCustomField[] = []): string {
  const base = customFieldKeyFromLabel(label);
  const blocked = new Set(taken);
  for (const r of removed) if (r.type !== type) blocked.add(r.key);
  if (!blocked.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, MAX_KEY - suffix.length).replace(/_+$/, "")}${suffix}`;
    if (!blocked.has(candidate)) return candidate;
  }
}

/** Options as typed one per line in a textarea: trimmed, blank lines dropped. */
export function parseOptionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((o) => o.trim())
    .filter(Boolean);
}

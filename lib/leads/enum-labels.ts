// Words for a lead's stored codes, for people (the list, the board, exports). Client-safe.
import { PROPERTY_TYPES, type PropertyType } from "@/models/property-types";

export const STATUS_LABELS: Record<string, string> = {
  new: "New",
  contacted: "Contacted",
  under_contract: "Under contract",
  closed: "Closed",
  lost: "Lost",
};

export const PRIORITY_LABELS: Record<string, string> = { low: "Low", medium: "Medium", high: "High", urgent: "Urgent" };

export const PROPERTY_TYPE_LABELS: Record<PropertyType, string> = Object.fromEntries(
  PROPERTY_TYPES.map((t) => [t, t.charAt(0).toUpperCase() + t.slice(1).replace(/_/g, " ")]),
) as Record<PropertyType, string>;

const ACRONYMS = new Set(["ppc", "sms", "seo", "mls", "cpa"]);

/** A source code in words: "cold_call" → "Cold call", "ppc" → "PPC". */
export function sourceLabel(source: string): string {
  return source
    .split(/[_\s]+/)
    .map((w, i) => (ACRONYMS.has(w) ? w.toUpperCase() : i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(" ");
}

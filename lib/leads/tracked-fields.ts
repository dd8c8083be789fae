// The paths of a lead a person edits, compared before and after a change (nested ones one level
// down, so the activity says "address.zip_code", not "address"), plus every custom field: the
// registry's fields marked `tracked` (lib/leads/fields.ts). One list for the lead's own diff
// (write/lead-changes.ts) and the activity log (lib/activities).
// `phones` and `emails` are tracked beside `phone` and `email` (their first entries): removing or
// re-typing a second number changes only the list, and must still be saved and logged.
import { LEAD_TRACKED_PATHS, LEAD_TRACKED_PREFIXES } from "./fields";

export { LEAD_TRACKED_PATHS };

const TRACKED = new Set<string>(LEAD_TRACKED_PATHS);

export function isTrackedLeadPath(path: string): boolean {
  return TRACKED.has(path) || LEAD_TRACKED_PREFIXES.some((prefix) => path.startsWith(prefix));
}

type Change = { from: unknown; to: unknown };
const MIRRORED_LISTS = [["phones", "phone"], ["emails", "email"]] as const;
const tail = (list: unknown) => JSON.stringify(Array.isArray(list) ? list.slice(1) : []);

/**
 * Leaves out a list's change that only mirrors its primary field's ("phone: 142 → 143" says it;
 * "phones: [142] → [143]" would say it twice). A change to any other entry of the list stays.
 */
export function withoutMirroredLists<C extends Change>(changes: Record<string, C>): Record<string, C> {
  const out = { ...changes };
  for (const [list, primary] of MIRRORED_LISTS) {
    const change = out[list];
    if (change && out[primary] && tail(change.from) === tail(change.to)) delete out[list];
  }
  return out;
}

// The paths of a lead a person edits, compared before and after a change (nested ones one level
// down, so the activity says "address.zip_code", not "address"), plus every custom field. One
// list for the lead's own diff (write/lead-changes.ts) and the activity log (lib/activities).
// `phones` and `emails` are listed beside `phone` and `email` (their first entries): removing or
// re-typing a second number changes only the list, and must still be saved and logged.
export const LEAD_TRACKED_PATHS = [
  "name", "phone", "phones", "email", "emails", "estimated_value", "asking_price", "source", "status", "priority", "assigned_to", "tags", "notes", "next_follow_up",
  "address.street", "address.city", "address.state", "address.zip_code", "address.county",
  "mailing_address.street", "mailing_address.city", "mailing_address.state", "mailing_address.zip_code",
  "property_details.type", "property_details.bedrooms", "property_details.bathrooms", "property_details.square_feet", "property_details.lot_size", "property_details.year_built",
] as const;

const TRACKED = new Set<string>(LEAD_TRACKED_PATHS);

export function isTrackedLeadPath(path: string): boolean {
  return TRACKED.has(path) || path.startsWith("custom_fields.");
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

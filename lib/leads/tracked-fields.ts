// The paths of a lead a person edits, compared before and after a change (nested ones one level
// down, so the activity says "address.zip_code", not "address"), plus every custom field. One
// list for the lead's own diff (write/lead-changes.ts) and the activity log (lib/activities).
// `phones` and `emails` are not listed: their first entry mirrors `phone` and `email`, which are.
export const LEAD_TRACKED_PATHS = [
  "name", "phone", "email", "estimated_value", "asking_price", "source", "status", "priority", "assigned_to", "tags", "notes", "next_follow_up",
  "address.street", "address.city", "address.state", "address.zip_code", "address.county",
  "mailing_address.street", "mailing_address.city", "mailing_address.state", "mailing_address.zip_code",
  "property_details.type", "property_details.bedrooms", "property_details.bathrooms", "property_details.square_feet", "property_details.lot_size", "property_details.year_built",
] as const;

const TRACKED = new Set<string>(LEAD_TRACKED_PATHS);

export function isTrackedLeadPath(path: string): boolean {
  return TRACKED.has(path) || path.startsWith("custom_fields.");
}

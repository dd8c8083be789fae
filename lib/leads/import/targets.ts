// Where a CSV column can go. Client-safe (the mapping screen lists these).
export const IMPORT_TARGETS = [
  { value: "ignore", label: "Don't import" },
  { value: "name", label: "Full name" },
  { value: "first_name", label: "First name" },
  { value: "last_name", label: "Last name" },
  { value: "phone", label: "Phone (every valid number of the mapped columns; the first is the primary)" },
  { value: "phone_type", label: "Phone type (mobile, landline, VoIP) of the phone with the same number" },
  { value: "phone_status", label: "Phone status (do not call, wrong number, disconnected) of the phone with the same number" },
  { value: "email", label: "E-mail (every valid address of the mapped columns; the first is the primary)" },
  { value: "address.street", label: "Street (or whole address on one line)" },
  { value: "address.unit", label: "Unit / apt" },
  { value: "address.city", label: "City" },
  { value: "address.state", label: "State" },
  { value: "address.zip_code", label: "ZIP code" },
  { value: "address.county", label: "County" },
  { value: "mailing_address.street", label: "Mailing street (or whole mailing address on one line)" },
  { value: "mailing_address.city", label: "Mailing city" },
  { value: "mailing_address.state", label: "Mailing state" },
  { value: "mailing_address.zip_code", label: "Mailing ZIP code" },
  { value: "property_details.type", label: "Property type" },
  { value: "property_details.bedrooms", label: "Bedrooms" },
  { value: "property_details.bathrooms", label: "Bathrooms" },
  { value: "property_details.square_feet", label: "Square feet" },
  { value: "property_details.lot_size", label: "Lot size (sq ft)" },
  { value: "lot_acres", label: "Lot size (acres)" },
  { value: "property_details.year_built", label: "Year built" },
  { value: "estimated_value", label: "Estimated value" },
  { value: "asking_price", label: "Asking price" },
  { value: "source", label: "Source" },
  { value: "status", label: "Status" },
  { value: "priority", label: "Priority" },
  { value: "tags", label: "Tags (comma separated)" },
  { value: "notes", label: "Add to notes" },
  { value: "next_follow_up", label: "Next follow-up" },
] as const;

export type ImportTarget = (typeof IMPORT_TARGETS)[number]["value"] | `custom:${string}`;
/** Targets that several columns may share (first valid wins, or all are appended). */
export const MULTI_TARGETS = new Set<string>(["ignore", "phone", "phone_type", "phone_status", "email", "notes", "tags"]);

export type ColumnMapping = { column: number; header: string; target: string };

export function isKnownTarget(target: string, customKeys: readonly string[]): boolean {
  if (target.startsWith("custom:")) return customKeys.includes(target.slice(7));
  return IMPORT_TARGETS.some((t) => t.value === target);
}

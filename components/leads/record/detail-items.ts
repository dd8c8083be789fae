// The lead page's details as label and value (the part of the page that is not editing them).
import type { FormFacet, LeadFieldDef, LeadFormGroup } from "@/lib/leads/fields";
import type { LeadView } from "@/lib/leads/get-lead";
import { label } from "@/components/ui/field";
import { FORM_FIELDS } from "../form/lead-details-fields";

const money = (n: number | null | undefined) => (n === null || n === undefined ? "—" : `$${n.toLocaleString("en-US")}`);

/** Several fields shown as one line; every other field of the form shows on its own. */
export const COMBINED: { label: string; paths: string[]; value: (lead: LeadView) => string | null | undefined }[] = [
  { label: "Address", paths: ["address.street", "address.city", "address.state", "address.zip_code"], value: (lead) => lead.address.full_address },
  {
    label: "Mailing address",
    paths: ["mailing_address.street", "mailing_address.city", "mailing_address.state", "mailing_address.zip_code"],
    value: ({ mailing_address: m }) => [m.street, m.city, [m.state, m.zip_code].filter(Boolean).join(" ")].filter(Boolean).join(", ") || null,
  },
  {
    label: "Property",
    paths: ["property_details.type", "property_details.bedrooms", "property_details.bathrooms", "property_details.square_feet", "property_details.year_built"],
    value: ({ property_details: p }) =>
      [p.type?.replace(/_/g, " "), p.bedrooms !== undefined ? `${p.bedrooms} bd` : null, p.bathrooms !== undefined ? `${p.bathrooms} ba` : null, p.square_feet ? `${p.square_feet.toLocaleString("en-US")} sq ft` : null, p.year_built ? `built ${p.year_built}` : null]
        .filter(Boolean)
        .join(" · ") || null,
  },
];
/** The name heads the page; the notes show below the details. */
const SHOWN_APART = new Set(["name", "notes"]);
/** The form's groups in the order the details show them. */
const SHOWN_GROUPS: LeadFormGroup[] = ["address", "mailing_address", "property", "contact"];

function shownValue(f: LeadFieldDef & { form: FormFacet }, lead: LeadView): string | null {
  const [head, ...rest] = f.path.split(".");
  const top = (lead as unknown as Record<string, unknown>)[head];
  const v = rest.length ? (top as Record<string, unknown> | undefined)?.[rest.join(".")] : top;
  if (f.kind === "money") return money(v as number | null);
  if (v === null || v === undefined || v === "") return null;
  if (f.kind === "number") return `${(v as number).toLocaleString("en-US")}${f.form.unit ? ` ${f.form.unit}` : ""}`;
  if (f.kind === "enum") return f.labels?.[v as string] ?? label(v as string);
  if (f.kind === "date") return String(v).slice(0, 10);
  return f.export?.format === "source" ? label(String(v)) : String(v);
}

/** The details as label and value, in the form's groups: a field added to the registry's form shows here too. */
export function detailItems(lead: LeadView): { label: string; value: string | null | undefined }[] {
  const items: { label: string; value: string | null | undefined }[] = [];
  const done = new Set<string>();
  for (const g of SHOWN_GROUPS) {
    for (const f of FORM_FIELDS[g]) {
      if (SHOWN_APART.has(f.path)) continue;
      const combined = COMBINED.find((c) => c.paths.includes(f.path));
      if (!combined) items.push({ label: f.label, value: shownValue(f, lead) });
      else if (!done.has(combined.label)) {
        done.add(combined.label);
        items.push({ label: combined.label, value: combined.value(lead) });
      }
    }
  }
  return items;
}


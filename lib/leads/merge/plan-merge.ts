// What the kept lead becomes when another lead is merged into it: a pure function of the two
// leads as they were before the merge, so a retried merge applies exactly the same change.

type Obj = Record<string, unknown>;
export type MergeableLead = Obj & {
  _id: unknown;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: Obj | null;
  property_details?: Obj | null;
  tags?: string[] | null;
  notes?: string | null;
  custom_fields?: Obj | null;
  created_at?: Date | string | null;
};

const NOTES_MAX = 20_000;
const FILL_FIELDS = ["email", "estimated_value", "asking_price", "source", "assigned_to", "next_follow_up", "lead_score", "qualification_probability", "ai_summary"] as const;
const DETAIL_FIELDS = ["type", "bedrooms", "bathrooms", "square_feet", "lot_size", "year_built"] as const;

const empty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** The $set for the kept lead: tags united, notes concatenated, empty fields filled from the other. */
export function planMerge(kept: MergeableLead, other: MergeableLead): Obj {
  const patch: Obj = {};
  for (const f of FILL_FIELDS) if (empty(kept[f]) && !empty(other[f])) patch[f] = other[f];

  // An address is one place: take the other's whole address only when the kept lead has none.
  const keptAddress = kept.address ?? {};
  const otherAddress = other.address ?? {};
  if (empty(keptAddress.street) && !empty(otherAddress.street)) patch.address = { ...otherAddress };
  else {
    const filled: Obj = { ...keptAddress };
    let changed = false;
    for (const part of ["city", "state", "zip_code", "county"]) {
      if (empty(filled[part]) && !empty(otherAddress[part]) && sameStreet(keptAddress, otherAddress)) {
        filled[part] = otherAddress[part];
        changed = true;
      }
    }
    if (changed) patch.address = filled;
  }

  const details: Obj = { ...(kept.property_details ?? {}) };
  let detailsChanged = false;
  for (const f of DETAIL_FIELDS) {
    if (empty(details[f]) && !empty(other.property_details?.[f])) {
      details[f] = other.property_details?.[f];
      detailsChanged = true;
    }
  }
  if (detailsChanged) patch.property_details = details;

  const tags = [...new Set([...(kept.tags ?? []), ...(other.tags ?? [])])];
  if (tags.length !== (kept.tags ?? []).length) patch.tags = tags;

  const custom: Obj = { ...(kept.custom_fields ?? {}) };
  let customChanged = false;
  for (const [k, v] of Object.entries(other.custom_fields ?? {})) {
    if (empty(custom[k]) && !empty(v)) {
      custom[k] = v;
      customChanged = true;
    }
  }
  if (customChanged) patch.custom_fields = custom;

  const notes = mergedNotes(kept, other);
  if (notes !== (kept.notes ?? "")) patch.notes = notes;
  return patch;
}

function sameStreet(a: Obj, b: Obj): boolean {
  const norm = (s: unknown) => String(s ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
  return !empty(a.street) && norm(a.street) === norm(b.street);
}

const money = (v: unknown) => (typeof v === "number" ? `$${v.toLocaleString("en-US")}` : String(v));
const shown = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : Array.isArray(v) ? v.join(", ") : String(v));

function addressLine(a: Obj): string {
  const region = [a.state, a.zip_code].filter((p) => !empty(p)).join(" ");
  return [a.street, a.city, region].filter((p) => !empty(p)).join(", ");
}

/**
 * The merged lead's values that the kept lead's own values win over (its other address, price,
 * property details, custom fields), so the notes keep them in words: nothing of either is lost.
 */
function overruledValues(kept: MergeableLead, other: MergeableLead): string[] {
  const lines: string[] = [];
  const differs = (a: unknown, b: unknown) => !empty(a) && !empty(b) && JSON.stringify(a) !== JSON.stringify(b);
  if (!empty(kept.address?.street) && !empty(other.address?.street) && !sameStreet(kept.address ?? {}, other.address ?? {})) {
    lines.push(`Other address: ${addressLine(other.address ?? {})}`);
  }
  if (differs(kept.estimated_value, other.estimated_value)) lines.push(`Other estimated value: ${money(other.estimated_value)}`);
  if (differs(kept.asking_price, other.asking_price)) lines.push(`Other asking price: ${money(other.asking_price)}`);
  for (const f of DETAIL_FIELDS) {
    if (differs(kept.property_details?.[f], other.property_details?.[f])) lines.push(`Other ${f.replace(/_/g, " ")}: ${shown(other.property_details?.[f])}`);
  }
  for (const [k, v] of Object.entries(other.custom_fields ?? {})) {
    if (differs(kept.custom_fields?.[k], v)) lines.push(`Other ${k.replace(/_/g, " ")}: ${shown(v)}`);
  }
  return lines;
}

/** The kept lead's notes, then a dated line naming the merged lead, its other contact details and values, and its notes. */
function mergedNotes(kept: MergeableLead, other: MergeableLead): string {
  const extra: string[] = [];
  if (other.phone && other.phone !== kept.phone) extra.push(`Other phone: ${other.phone}`);
  if (other.email && kept.email && other.email !== kept.email) extra.push(`Other e-mail: ${other.email}`);
  extra.push(...overruledValues(kept, other));
  if (other.notes?.trim()) extra.push(other.notes.trim());
  if (!extra.length) return kept.notes ?? "";
  const header = `— Merged from ${other.name ?? "another lead"} —`;
  const text = [kept.notes?.trim(), [header, ...extra].join("\n")].filter(Boolean).join("\n\n");
  return text.length > NOTES_MAX ? `${text.slice(0, NOTES_MAX - 1)}…` : text;
}

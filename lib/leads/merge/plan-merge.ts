// What the kept lead becomes when another lead is merged into it: a pure function of the two
// leads as they were before the merge and the person's choices, so a retried merge applies exactly
// the same change. Client-safe (the merge dialog shows the same defaults).
import { LEAD_PRIORITIES } from "@/models/lead-enums";
import { LEAD_MERGE_CHOICES, LEAD_MERGE_FILL_EMPTY, type MergeChoiceName } from "../fields";
import { dayOf } from "@/lib/validation/date";
import { uniteEmails, unitePhones } from "../contacts/sync-contacts";

type Obj = Record<string, unknown>;
export type MergeableLead = Obj & {
  _id: unknown;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  phones?: { number?: string | null; type?: string | null; status?: string | null }[] | null;
  emails?: { address?: string | null; type?: string | null; status?: string | null }[] | null;
  address?: Obj | null;
  mailing_address?: Obj | null;
  property_details?: Obj | null;
  tags?: string[] | null;
  notes?: string | null;
  custom_fields?: Obj | null;
  created_at?: Date | string | null;
};

const NOTES_MAX = 20_000;
const MAX_CONTACT_POINTS = 10;

/**
 * The fields a person may decide, one by one, when two leads are merged: "kept" (the surviving
 * lead's value) or "merged" (the other's): the registry's merge choices (lib/leads/fields.ts).
 * Phones, e-mails and tags are always united; notes joined.
 */
export const MERGE_FIELDS = LEAD_MERGE_CHOICES;
export type MergeField = MergeChoiceName;

const DETAILS = "property_details.";
/** The property's details, each chosen on its own ("property_details.bedrooms" → "bedrooms"). */
const DETAIL_FIELDS = MERGE_FIELDS.filter((f) => f.startsWith(DETAILS)).map((f) => f.slice(DETAILS.length));
/** The address (without its county), its county and the primary e-mail are planned below; the rest are taken whole. */
const WHOLE_FIELDS = MERGE_FIELDS.filter((f) => f !== "address" && f !== "county" && f !== "email" && !f.startsWith(DETAILS));
export type MergeChoice = "kept" | "merged";
export type MergeChoices = Partial<Record<MergeField, MergeChoice>>;

// How far along the deal is: a live lead is ahead of a lost one, and under contract ahead of contacted.
const STATUS_RANK: Record<string, number> = { lost: 0, new: 1, contacted: 2, under_contract: 3, closed: 4 };
const PRIORITY_RANK = Object.fromEntries(LEAD_PRIORITIES.map((p, i) => [p, i])) as Record<string, number>;

const empty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && !(v instanceof Date) && !Array.isArray(v) && Object.values(v).every((x) => x === undefined || x === null || x === ""));

/** A field's value on a lead. */
export function mergeFieldValue(lead: MergeableLead, field: MergeField): unknown {
  if (field === "county") return (lead.address as Obj | null | undefined)?.county;
  if (field === "address") {
    const { county: _c, full_address: _f, ...rest } = (lead.address ?? {}) as Obj;
    return rest;
  }
  if (field.startsWith(DETAILS)) return lead.property_details?.[field.slice(DETAILS.length)];
  return lead[field];
}

/**
 * Which value wins when the person has not said: the most advanced status and the highest
 * priority, whichever lead has them; otherwise the kept lead's value, or the other's where the
 * kept lead has none (a county, a price). The county follows the address it belongs to.
 */
export function defaultChoice(kept: MergeableLead, other: MergeableLead, field: MergeField): MergeChoice {
  const a = mergeFieldValue(kept, field);
  const b = mergeFieldValue(other, field);
  if (field === "status") return (STATUS_RANK[String(b)] ?? -1) > (STATUS_RANK[String(a)] ?? -1) ? "merged" : "kept";
  if (field === "priority") return (PRIORITY_RANK[String(b)] ?? -1) > (PRIORITY_RANK[String(a)] ?? -1) ? "merged" : "kept";
  if (field === "county") {
    if (empty(b)) return "kept";
    if (empty(a)) return samePlace(kept, other) || empty(mergeFieldValue(kept, "address")) ? "merged" : "kept";
    return "kept";
  }
  return empty(a) && !empty(b) ? "merged" : "kept";
}

/** The fields on which the two leads differ (both set, or only the other set), for the merge dialog. */
export function differingFields(kept: MergeableLead, other: MergeableLead): MergeField[] {
  return MERGE_FIELDS.filter((f) => {
    const b = mergeFieldValue(other, f);
    return !empty(b) && JSON.stringify(mergeFieldValue(kept, f) ?? null) !== JSON.stringify(b);
  });
}

/**
 * The $set for the kept lead: each field by the person's choice or the default; phones, e-mails and
 * tags united (the chosen primary first); notes concatenated with what the other lead had that lost.
 */
export function planMerge(kept: MergeableLead, other: MergeableLead, choices: MergeChoices = {}): Obj {
  const patch: Obj = {};
  const choice = (f: MergeField) => choices[f] ?? defaultChoice(kept, other, f);
  const take = (f: MergeField) => choice(f) === "merged" && JSON.stringify(mergeFieldValue(kept, f) ?? null) !== JSON.stringify(mergeFieldValue(other, f) ?? null);

  for (const f of WHOLE_FIELDS) {
    if (take(f)) patch[f] = other[f] ?? null;
  }
  for (const f of LEAD_MERGE_FILL_EMPTY) if (empty(kept[f]) && !empty(other[f])) patch[f] = other[f];

  // The address is one place (street, city, state, ZIP); its county is chosen on its own.
  const address: Obj = { ...((kept.address ?? {}) as Obj) };
  let addressChanged = false;
  if (take("address")) {
    Object.assign(address, { street: undefined, city: undefined, state: undefined, zip_code: undefined }, mergeFieldValue(other, "address") as Obj);
    addressChanged = true;
  } else if (choice("address") === "kept" && samePlace(kept, other)) {
    // The same place written twice: its empty parts are filled from the other.
    for (const part of ["city", "state", "zip_code"]) {
      if (empty(address[part]) && !empty(other.address?.[part])) {
        address[part] = other.address?.[part];
        addressChanged = true;
      }
    }
  }
  if (take("county")) {
    address.county = other.address?.county;
    addressChanged = true;
  }
  if (addressChanged) {
    delete address.full_address;
    patch.address = address;
  }

  const details: Obj = { ...(kept.property_details ?? {}) };
  let detailsChanged = false;
  for (const f of DETAIL_FIELDS) {
    if (take(`${DETAILS}${f}` as MergeField)) {
      details[f] = other.property_details?.[f];
      detailsChanged = true;
    }
  }
  if (detailsChanged) patch.property_details = details;

  // Every number and address of both; the chosen e-mail is the primary one.
  // A number both have keeps the type one of them knows and the stronger status (a do-not-call stays).
  const keptPhones = kept.phones?.length ? kept.phones : kept.phone ? [{ number: kept.phone }] : [];
  const phones = unitePhones([...keptPhones, ...(other.phones?.length ? other.phones : other.phone ? [{ number: other.phone }] : [])], MAX_CONTACT_POINTS);
  if (JSON.stringify(phones.map(plainEntry)) !== JSON.stringify(keptPhones.map(plainEntry))) patch.phones = phones.map(plainEntry);
  const keptEmails = kept.emails?.length ? kept.emails : kept.email ? [{ address: kept.email }] : [];
  const otherEmails = other.emails?.length ? other.emails : other.email ? [{ address: other.email }] : [];
  const emails = uniteEmails(take("email") ? [...otherEmails, ...keptEmails] : [...keptEmails, ...otherEmails], MAX_CONTACT_POINTS);
  if (JSON.stringify(emails.map(plainEntry)) !== JSON.stringify(keptEmails.map(plainEntry))) patch.emails = emails.map(plainEntry);

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

  const notes = mergedNotes(kept, other, patch);
  if (notes !== (kept.notes ?? "")) patch.notes = notes;
  return patch;
}

function plainEntry<T extends Obj>(entry: T): Obj {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined && v !== null && v !== ""));
}

/** The same place: the same street (abbreviations and punctuation aside) and, when both have one, ZIP. */
function samePlace(kept: MergeableLead, other: MergeableLead): boolean {
  const a = (kept.address ?? {}) as Obj;
  const b = (other.address ?? {}) as Obj;
  if (!sameStreet(a, b)) return false;
  const zip = (z: unknown) => String(z ?? "").replace(/\D/g, "").slice(0, 5);
  return empty(a.zip_code) || empty(b.zip_code) || zip(a.zip_code) === zip(b.zip_code);
}

const STREET_WORDS: Record<string, string> = {
  street: "st", avenue: "ave", road: "rd", drive: "dr", lane: "ln", boulevard: "blvd", court: "ct",
  place: "pl", terrace: "ter", circle: "cir", highway: "hwy", parkway: "pkwy", north: "n", south: "s", east: "e", west: "w",
};

function sameStreet(a: Obj, b: Obj): boolean {
  const norm = (s: unknown) =>
    String(s ?? "")
      .toLowerCase()
      .replace(/[.,#]/g, " ")
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => STREET_WORDS[w] ?? w)
      .join("");
  return !empty(a.street) && norm(a.street) === norm(b.street);
}

const money = (v: unknown) => (typeof v === "number" ? `$${v.toLocaleString("en-US")}` : String(v));
const shown = (v: unknown) => (v instanceof Date ? dayOf(v) : Array.isArray(v) ? v.join(", ") : String(v));

function addressLine(a: Obj): string {
  const region = [a.state, a.zip_code].filter((p) => !empty(p)).join(" ");
  return [a.street, a.city, region].filter((p) => !empty(p)).join(", ");
}

/**
 * The merged lead's values that the kept lead's own values win over (its other address, price,
 * property details, custom fields), so the notes keep them in words: nothing of either is lost.
 */
function overruledValues(kept: MergeableLead, other: MergeableLead, patch: Obj): string[] {
  const lines: string[] = [];
  // The lead as it will be: a value of the other lead that lost to it is kept in words.
  const result = { ...kept, ...patch } as MergeableLead;
  const differs = (a: unknown, b: unknown) => !empty(a) && !empty(b) && JSON.stringify(a) !== JSON.stringify(b);
  if (!empty(result.address?.street) && !empty(other.address?.street) && !sameStreet(result.address ?? {}, other.address ?? {})) {
    lines.push(`Other address: ${addressLine(other.address ?? {})}`);
  }
  if (differs(result.address?.county, other.address?.county)) lines.push(`Other county: ${shown(other.address?.county)}`);
  const mailing = (lead: MergeableLead) => addressLine((lead.mailing_address ?? {}) as Obj);
  if (mailing(result) && mailing(other) && mailing(result) !== mailing(other)) lines.push(`Other mailing address: ${mailing(other)}`);
  if (differs(result.estimated_value, other.estimated_value)) lines.push(`Other estimated value: ${money(other.estimated_value)}`);
  if (differs(result.asking_price, other.asking_price)) lines.push(`Other asking price: ${money(other.asking_price)}`);
  for (const f of DETAIL_FIELDS) {
    if (differs(result.property_details?.[f], other.property_details?.[f])) lines.push(`Other ${f.replace(/_/g, " ")}: ${shown(other.property_details?.[f])}`);
  }
  for (const [k, v] of Object.entries(other.custom_fields ?? {})) {
    if (differs(kept.custom_fields?.[k], v)) lines.push(`Other ${k.replace(/_/g, " ")}: ${shown(v)}`);
  }
  // Where the other lead's value was picked, the kept lead's own one is kept in words too.
  const before = (label: string, a: unknown, b: unknown, show: (v: unknown) => string = shown) => {
    if (differs(a, b)) lines.push(`This lead's ${label} before the merge: ${show(a)}`);
  };
  before("name", kept.name, result.name);
  before("estimated value", kept.estimated_value, result.estimated_value, money);
  before("asking price", kept.asking_price, result.asking_price, money);
  before("county", kept.address?.county, result.address?.county);
  before("mailing address", mailing(kept) || undefined, mailing(result) || undefined);
  if (!empty(kept.address?.street) && patch.address && !sameStreet(kept.address ?? {}, result.address ?? {})) lines.push(`This lead's address before the merge: ${addressLine(kept.address ?? {})}`);
  return lines;
}

/** The kept lead's notes, then a line naming the merged lead, its values that lost, and its notes. */
function mergedNotes(kept: MergeableLead, other: MergeableLead, patch: Obj): string {
  const extra: string[] = [];
  // Phones and e-mails are all kept in the lists; the header names the other lead.
  extra.push(...overruledValues(kept, other, patch));
  if (other.notes?.trim()) extra.push(other.notes.trim());
  if (!extra.length) return kept.notes ?? "";
  const header = `— Merged from ${other.name ?? "another lead"} —`;
  const text = [kept.notes?.trim(), [header, ...extra].join("\n")].filter(Boolean).join("\n\n");
  return text.length > NOTES_MAX ? `${text.slice(0, NOTES_MAX - 1)}…` : text;
}

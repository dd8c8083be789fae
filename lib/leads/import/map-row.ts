// One CSV row → a lead, or the reason it cannot be one. Client-safe: the preview and the worker
// run the same code, and the server re-validates with the shared lead schema.
import { z } from "zod";
import { parseCustomFieldValue } from "@/lib/custom-fields/validate-values";
import type { CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { leadInputSchema, type LeadInput } from "@/lib/zod/schemas/lead";
import { normalizePhone } from "@/lib/validation/phone";
import { isEmail, normalizeEmail } from "@/lib/validation/email";
import { unescapeFormulaCell } from "./csv/write-csv";
import type { ColumnMapping } from "./targets";

export type MappedRow = { ok: true; lead: LeadInput; custom: Record<string, string | number | Date> } | { ok: false; reason: string };

const EMPTY = /^(n\/?a|null|none|-|--|unknown)$/i;

const PROPERTY_TYPES: [RegExp, string][] = [
  [/condo/i, "condo"],
  [/town ?(house|home)|row ?house/i, "townhouse"],
  [/mobile|manufactured/i, "mobile_home"],
  [/multi|duplex|triplex|fourplex|quadruplex|2-4|apartment/i, "multi_family"],
  [/single|sfr|residential/i, "single_family"],
  [/land|lot|acreage|vacant land|agricultur/i, "land"],
  [/commercial|retail|office|industrial|mixed/i, "commercial"],
];

const STATUSES: [RegExp, string][] = [
  [/^new/i, "new"],
  [/contact|follow|warm|hot|cold|nurtur|negotiat|offer|appointment/i, "contacted"],
  [/contract|\buc\b|pending/i, "under_contract"],
  [/closed|sold|won|purchased/i, "closed"],
  [/lost|dead|not interested|\bdnc\b|do not|junk/i, "lost"],
];

function clean(cell: string | undefined): string {
  if (cell === undefined) return "";
  const text = unescapeFormulaCell(cell.trim());
  return EMPTY.test(text) ? "" : text;
}

/** "123 Main St, Dallas, TX 75201" → parts; null when it does not look like one. */
export function splitFullAddress(text: string): { street: string; city?: string; state?: string; zip_code?: string } | null {
  const m = /^(.+?),\s*([^,]+?),?\s+([A-Za-z]{2})\.?,?\s+(\d{5}(?:-\d{4})?)\s*(?:,\s*(?:usa?|united states))?$/i.exec(text.trim());
  if (!m) return null;
  return { street: m[1].trim(), city: m[2].trim(), state: m[3].toUpperCase(), zip_code: m[4] };
}

export type RowContext = {
  mapping: readonly ColumnMapping[];
  headers: readonly string[];
  customFields: readonly CustomFieldDefinition[];
  source?: string;
  tags?: readonly string[];
};

export function mapRow(cells: readonly string[], ctx: RowContext): MappedRow {
  const single: Record<string, string> = {};
  const phones: string[] = [];
  const emails: string[] = [];
  const notes: string[] = [];
  const tags: string[] = [...(ctx.tags ?? [])];
  const custom: Record<string, string | number | Date> = {};
  const problems: string[] = [];

  for (const { column, target } of ctx.mapping) {
    const value = clean(cells[column]);
    if (!value || target === "ignore") continue;
    const header = ctx.headers[column] ?? `Column ${column + 1}`;
    if (target === "phone") phones.push(value);
    else if (target === "email") emails.push(value);
    else if (target === "notes") notes.push(`${header}: ${value}`);
    else if (target === "tags") tags.push(...value.split(/[,;|]/).map((t) => t.trim()).filter(Boolean));
    else if (target.startsWith("custom:")) {
      const def = ctx.customFields.find((f) => f.key === target.slice(7));
      if (!def) continue;
      const parsed = parseCustomFieldValue(def, value);
      if (parsed && "error" in parsed) problems.push(parsed.error);
      else if (parsed && parsed.value !== null) custom[def.key] = parsed.value;
    } else single[target] = value;
  }

  // The first phone that is a phone wins; the others are kept in the notes.
  const validPhones = phones.map((p) => normalizePhone(p)).filter((p): p is string => Boolean(p));
  const phone = validPhones[0] ?? phones[0];
  const others = [...new Set(validPhones.slice(1))].filter((p) => p !== phone);
  if (others.length) notes.push(`Other phones: ${others.join(", ")}`);
  const email = emails.map(normalizeEmail).find(isEmail) ?? emails[0];

  const name = single.name || [single.first_name, single.last_name].filter(Boolean).join(" ");
  let street = single["address.street"];
  const address: Record<string, string | undefined> = {
    city: single["address.city"],
    state: single["address.state"],
    zip_code: single["address.zip_code"]?.replace(/^(\d{4})$/, "0$1"),
    county: single["address.county"],
  };
  if (street && !address.city && !address.zip_code) {
    const parts = splitFullAddress(street);
    if (parts) {
      street = parts.street;
      Object.assign(address, { city: parts.city, state: parts.state, zip_code: parts.zip_code });
    }
  }
  if (street && single["address.unit"]) street = `${street} ${/^(unit|apt|#|ste|suite)/i.test(single["address.unit"]) ? "" : "Unit "}${single["address.unit"]}`.replace(/\s+/g, " ");

  let type: string | undefined;
  if (single["property_details.type"]) {
    type = PROPERTY_TYPES.find(([re]) => re.test(single["property_details.type"]))?.[1] ?? "other";
  }
  let status: string | undefined;
  if (single.status) {
    status = STATUSES.find(([re]) => re.test(single.status))?.[1];
    if (!status) {
      notes.push(`Status in file: ${single.status}`);
      status = "new";
    }
  }
  const priority = single.priority?.toLowerCase();
  let lotSize = single["property_details.lot_size"];
  if (!lotSize && single.lot_acres) {
    const acres = Number(single.lot_acres.replace(/[,\s]/g, ""));
    lotSize = Number.isFinite(acres) ? String(Math.round(acres * 43_560)) : single.lot_acres;
  }
  const num = (v: string | undefined) => v?.replace(/[$,\s]/g, "").replace(/\.0+$/, "");

  const input = {
    name,
    phone: phone ?? "",
    email,
    address: { street, ...address },
    property_details: {
      type,
      bedrooms: num(single["property_details.bedrooms"]),
      bathrooms: num(single["property_details.bathrooms"]),
      square_feet: num(single["property_details.square_feet"]),
      lot_size: num(lotSize),
      year_built: num(single["property_details.year_built"]),
    },
    estimated_value: single.estimated_value,
    asking_price: single.asking_price,
    source: single.source || ctx.source,
    status,
    priority: priority && ["low", "medium", "high", "urgent"].includes(priority) ? priority : undefined,
    tags: [...new Set(tags.map((t) => t.toLowerCase().replace(/\s+/g, " ")).filter((t) => t.length <= 50))].slice(0, 50),
    notes: notes.length ? notes.join("\n").slice(0, 20_000) : undefined,
    next_follow_up: single.next_follow_up,
  };
  const parsed = leadInputSchema.safeParse(input);
  if (!parsed.success) problems.unshift(...describeIssues(parsed.error, input));
  if (problems.length) return { ok: false, reason: problems.join("; ") };
  return { ok: true, lead: (parsed as { data: LeadInput }).data, custom };
}

const LABELS: Record<string, string> = { name: "Name", phone: "Phone", email: "E-mail" };

function describeIssues(error: z.ZodError, input: { name: string; phone: string }): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    if (path === "name" && !input.name) return "Name is missing (map a name, or first and last name columns)";
    if (path === "phone" && !input.phone) return "Phone is missing (every lead needs a phone number)";
    if (path === "phone") return `Phone "${input.phone}" is not a valid phone number`;
    const label = LABELS[path] ?? path;
    return issue.message.toLowerCase().startsWith(label.toLowerCase().split(".").pop()!) ? issue.message : `${label}: ${issue.message}`;
  });
}

// One CSV row → a lead, or the reason it cannot be one. Client-safe: the preview and the worker
// run the same code, and the server re-validates with the shared lead schema.
import { z } from "zod";
import { parseCustomFieldValue } from "@/lib/custom-fields/validate-values";
import type { CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { leadInputSchema, type LeadInput } from "@/lib/zod/schemas/lead";
import { normalizePhone } from "@/lib/validation/phone";
import { isEmail, normalizeEmail } from "@/lib/validation/email";
import { readDate, readDay } from "@/lib/validation/date";
import { readNumber } from "@/lib/validation/number";
import { parseNumberCell, splitPhoneCell } from "./cell-values";
import type { DateOrders } from "./date-columns";
import { NUMBER_TARGETS, type DecimalMarks } from "./number-columns";
import { unescapeFormulaCell } from "./csv/write-csv";
import type { ColumnMapping } from "./targets";
import { fieldsWith } from "../fields";

/**
 * A row is refused only when it cannot be a lead (no valid name or phone). A bad secondary value
 * (an e-mail, a number, a date, a custom field) is left out and listed in `warnings`: it must not
 * cost the lead.
 */
export type MappedRow = { ok: true; lead: LeadInput; custom: Record<string, string | number | Date>; warnings: string[] } | { ok: false; reason: string };

/** The fields without which a row is not a lead. */
const REQUIRED = new Set(["name", "phone"]);

/** Fields an import target of their own writes. */
const OWN_TARGET_FIELDS = fieldsWith("import").filter((f) => f.import.some((t) => t.value === f.path));

// No value: placeholders, and Excel's accounting format for zero or nothing ("$ -", "- €").
const EMPTY = /^(n\/?a|null|none|-|--|unknown|[$€£]\s*-+|-+\s*[$€£])$/i;

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
  let text = unescapeFormulaCell(cell.trim());
  // ="02134": how exporters keep Excel from reading a value as a number. The value is the text.
  const literal = /^="(.*)"$/s.exec(text);
  if (literal) text = literal[1].replace(/""/g, '"').trim();
  return EMPTY.test(text) ? "" : text;
}

/** A value as a message shows it: quoted, and cut when long. */
/**
 * A unit or second address line after its street: "4B" → "Unit 4B"; "Apt 3", "#12", "Suite 200" as
 * written; a longer line ("PO Box 12", "c/o Jane Roe") after a comma.
 */
export function withUnit<S extends string | undefined>(street: S, unit: string | undefined): S | string {
  if (!street || !unit) return street;
  const line = /^(unit|apt|apartment|#|ste|suite|no\.?|nr\.?)\b|^#/i.test(unit) ? ` ${unit}` : /^[\w-]{1,6}$/.test(unit) ? ` Unit ${unit}` : `, ${unit}`;
  return `${street}${line}`.replace(/\s+/g, " ");
}

function shown(value: string): string {
  return `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
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
  /** column → decimal mark, decided from the whole column (decimalMarksOf). */
  decimalMarks?: DecimalMarks;
  /** column → the order of its numeric dates (dateOrdersOf). */
  dateOrders?: DateOrders;
  /** The company's time zone (the importer's, as the lead pages show dates): a follow-up day without a time is 9:00 there. UTC when unknown. */
  timeZone?: string;
};

export function mapRow(cells: readonly string[], ctx: RowContext): MappedRow {
  const single: Record<string, string> = {};
  // Which column each single value came from, for messages.
  const from: Record<string, string> = {};
  const columnOf: Record<string, number> = {};
  const phones: { header: string; value: string }[] = [];
  // A phone column's type and status, by the number in its header ("Phone 1 Type" → slot "1").
  const phoneTypes = new Map<string, string>();
  const phoneStatuses = new Map<string, { header: string; value: string }>();
  const emails: { header: string; value: string }[] = [];
  const notes: string[] = [];
  const tags: string[] = [...(ctx.tags ?? [])];
  const custom: Record<string, string | number | Date> = {};
  const warnings: string[] = [];

  for (const { column, target } of ctx.mapping) {
    const value = clean(cells[column]);
    if (!value || target === "ignore") continue;
    const header = ctx.headers[column] ?? `Column ${column + 1}`;
    if (target === "phone") phones.push({ header, value });
    else if (target === "phone_type") phoneTypes.set(slotOf(header), value);
    else if (target === "phone_status") phoneStatuses.set(slotOf(header), { header, value });
    else if (target === "email") emails.push({ header, value });
    else if (target === "notes") notes.push(`${header}: ${value}`);
    // Tags separated by , ; | line breaks, bullets or a spaced slash ("Probate / Vacant").
    else if (target === "tags") tags.push(...value.split(/[,;|\r\n\t•·]|\s\/\s/).map((t) => t.trim()).filter(Boolean));
    else if (target.startsWith("custom:")) {
      const def = ctx.customFields.find((f) => f.key === target.slice(7));
      if (!def) continue;
      const n = def.type === "number" ? readNumber(value, { decimal: ctx.decimalMarks?.[column] }) : def.type === "date" ? readDay(value, { order: ctx.dateOrders?.[column] }) : null;
      const parsed = parseCustomFieldValue(def, n ?? value);
      if (parsed && "error" in parsed) warnings.push(`${parsed.error} (${shown(value)} in column "${header}"): left out`);
      else if (parsed && parsed.value !== null) custom[def.key] = parsed.value;
    } else {
      single[target] = value;
      from[target] = header;
      columnOf[target] = column;
    }
  }

  // Every valid number of the phone columns is one of the lead's phones, in the file's order (the
  // first is the primary), with the type and status of its column; an extension and a cell that
  // is not a number are kept in the notes, so nothing the file had is lost.
  const phoneCells = phones.flatMap((p) => splitPhoneCell(p.value, (n) => normalizePhone(n) !== null).map((c) => ({ ...c, header: p.header, e164: normalizePhone(c.number) })));
  const leadPhones: { number: string; type: string; status: string }[] = [];
  for (const c of phoneCells) {
    if (!c.e164) continue;
    if (c.extension) notes.push(leadPhones.length || phoneCells.find((o) => o.e164) !== c ? `Extension of ${c.e164}: ${c.extension}` : `Phone extension: ${c.extension}`);
    if (leadPhones.some((p) => p.number === c.e164)) continue;
    const slot = slotOf(c.header);
    leadPhones.push({ number: c.e164, type: phoneType(phoneTypes.get(slot) ?? "", c.header), status: phoneStatus(phoneStatuses.get(slot)) });
  }
  const chosen = phoneCells.find((c) => c.e164);
  const phone = chosen?.e164 ?? phones[0]?.value;
  if (chosen) for (const c of phoneCells.filter((c) => !c.e164)) notes.push(`${c.header} (not a valid phone number): ${c.number}`);

  // Several addresses in a cell are separated by ; , or spaces ("a@x.com b@y.com"); text with spaces
  // that is not a list of addresses ("ann at example") stays one value.
  // A label before an address ("work: a@x.com", "mailto:a@x.com") is not part of it.
  // An address with a display name ("John Doe <john@x.com>", "Doe, John" <j@x.com>) is the one in brackets.
  const splitEmails = (text: string) => {
    const bracketed = [...text.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => m[1]);
    return bracketed.length ? bracketed : text.split(/[;,]+/).flatMap((part) => {
      const words = part.trim().split(/\s+/).map((w) => w.replace(/^[a-z]+:/i, "")).filter(Boolean);
      return words.every((w) => w.includes("@")) ? words : [part.trim()];
    });
  };
  const emailCells = emails.flatMap((e) => splitEmails(e.value).map((value) => ({ header: e.header, value })).filter((v) => v.value));
  // Every valid e-mail is one of the lead's (the first is the primary); an invalid one is kept in
  // the notes and is a warning (never a reason to lose the lead).
  const validEmails = [...new Set(emailCells.map((e) => normalizeEmail(e.value)).filter(isEmail))];
  const email = validEmails[0];
  for (const e of emailCells.filter((e) => !isEmail(normalizeEmail(e.value)))) {
    notes.push(`${e.header} (not a valid e-mail): ${e.value}`);
    warnings.push(`E-mail ${shown(e.value)} in column "${e.header}" is not a valid e-mail address: left out (kept in the notes)`);
  }

  const name = single.name || [single.first_name, single.last_name].filter(Boolean).join(" ");
  // A street written on two lines ("77 Barton Hills Dr\nAustin, TX 78704") reads as one.
  let street = single["address.street"]?.replace(/\s*[\r\n]+\s*/g, ", ");
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
  if (street && single["address.house_number"] && !street.endsWith(` ${single["address.house_number"]}`)) street = `${street} ${single["address.house_number"]}`;
  street = withUnit(street, single["address.unit"]);
  // A unit or house number without a street has nothing to follow: kept in the notes.
  for (const t of ["address.unit", "address.house_number"]) if (!street && single[t]) notes.push(`${from[t]}: ${single[t]}`);

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
  const num = (target: string, kind = NUMBER_TARGETS[target]) => {
    const v = single[target];
    return v === undefined ? undefined : parseNumberCell(v, { kind, decimal: ctx.decimalMarks?.[columnOf[target]] });
  };
  const acresToSqft = (target: string) => {
    const acres = num(target, "measure");
    return typeof acres === "number" ? Math.round(acres * 43_560) : acres;
  };
  // A lot size in square feet, also when the cell (or its column) is in acres.
  const lotText = single["property_details.lot_size"];
  let lotSize = lotText !== undefined && /\d\s*(acres?|ac)$/i.test(lotText) ? acresToSqft("property_details.lot_size") : num("property_details.lot_size");
  if (lotSize === undefined && single.lot_acres) {
    lotSize = acresToSqft("lot_acres");
    from["property_details.lot_size"] = from.lot_acres;
    single["property_details.lot_size"] = single.lot_acres;
  }

  // The owner's mailing address, on one line or in parts.
  let mailingStreet = single["mailing_address.street"]?.replace(/\s*[\r\n]+\s*/g, ", ");
  const mailing: Record<string, string | undefined> = {
    city: single["mailing_address.city"],
    state: single["mailing_address.state"],
    zip_code: single["mailing_address.zip_code"]?.replace(/^(\d{4})$/, "0$1"),
  };
  if (mailingStreet && !mailing.city && !mailing.zip_code) {
    const parts = splitFullAddress(mailingStreet);
    if (parts) {
      mailingStreet = parts.street;
      Object.assign(mailing, { city: parts.city, state: parts.state, zip_code: parts.zip_code });
    }
  }
  const mailingAddress = { street: withUnit(mailingStreet, single["mailing_address.unit"]), ...mailing };
  if (!mailingStreet && single["mailing_address.unit"]) notes.push(`${from["mailing_address.unit"]}: ${single["mailing_address.unit"]}`);

  // A follow-up as the file writes it ("15.03.2027", "3/15/2027 2:30 PM"); one that is no date is left out.
  let followUp: Date | undefined;
  if (single.next_follow_up !== undefined) {
    followUp = readDate(single.next_follow_up, { order: ctx.dateOrders?.[columnOf.next_follow_up], dayAt: { zone: ctx.timeZone ?? "UTC" } }) ?? undefined;
    if (!followUp) warnings.push(`Next follow-up must be a date (${shown(single.next_follow_up)} in column "${from.next_follow_up}"): left out`);
  }

  const input = {
    name,
    phone: phone ?? "",
    email,
    phones: leadPhones.length ? leadPhones : undefined,
    emails: validEmails.length ? validEmails.map((address) => ({ address })) : undefined,
    mailing_address: Object.values(mailingAddress).some(Boolean) ? mailingAddress : undefined,
    address: { street, ...address },
    property_details: {
      type,
      bedrooms: num("property_details.bedrooms"),
      bathrooms: num("property_details.bathrooms"),
      square_feet: num("property_details.square_feet"),
      lot_size: lotSize,
      year_built: num("property_details.year_built"),
    },
    estimated_value: num("estimated_value"),
    asking_price: num("asking_price"),
    source: single.source || ctx.source,
    status,
    priority: priority && ["low", "medium", "high", "urgent"].includes(priority) ? priority : undefined,
    tags: [...new Set(tags.map((t) => t.toLowerCase().replace(/\s+/g, " ")).filter((t) => t.length <= 50))].slice(0, 50),
    notes: notes.length ? notes.join("\n").slice(0, 20_000) : undefined,
    next_follow_up: followUp,
  };
  // A registry field the lines above do not read (lib/leads/fields.ts): its own target's cell, a number read as one.
  for (const f of OWN_TARGET_FIELDS) {
    if (single[f.path] === undefined) continue;
    const [head, ...rest] = f.path.split(".");
    const at = (rest.length ? ((input as Record<string, unknown>)[head] ??= {}) : input) as Record<string, unknown>;
    const key = rest.length ? rest.join(".") : head;
    if (!(key in at)) at[key] = NUMBER_TARGETS[f.path] ? num(f.path) : single[f.path];
  }
  const source = (path: string) => (from[path] ? { header: from[path], value: single[path] } : undefined);
  // Each pass leaves out the values the schema refused and reads the rest again.
  for (let pass = 0; pass < 3; pass++) {
    const parsed = leadInputSchema.safeParse(input);
    if (parsed.success) {
      // The schema's default priority is not the file's: a new lead gets the model's default, and a
      // duplicate updated from a file without one keeps its own (an urgent lead stayed urgent).
      if (!input.priority) delete (parsed.data as Partial<LeadInput>).priority;
      return { ok: true, lead: parsed.data, custom, warnings };
    }
    const issues = parsed.error.issues;
    const fatal = issues.filter((i) => !i.path.length || REQUIRED.has(String(i.path[0])));
    if (fatal.length) return { ok: false, reason: describeIssues(issues, input, source).join("; ") };
    warnings.push(...describeIssues(issues, input, source).map((m) => `${m}: left out`));
    for (const issue of issues) leaveOut(input, issue.path);
    if (Array.isArray(input.tags)) input.tags = input.tags.filter((t) => t !== undefined);
    if (input.phones) input.phones = input.phones.filter((p) => p?.number);
    if (input.emails) input.emails = input.emails.filter((e) => e?.address);
  }
  return { ok: false, reason: "The row could not be read" };
}

/** The number in a column's header that pairs a phone with its type and status ("Phone 2 Type" → "2"). */
function slotOf(header: string): string {
  return /\d+/.exec(header.replace(/([a-z])(\d)/gi, "$1 $2"))?.[0] ?? "";
}

/** A phone's line type from its type cell, or else from its column's name ("Mobile 2", "Landline 1"). */
export function phoneType(cell: string, header: string): string {
  for (const text of [cell, cell ? "" : header]) {
    if (/mobile|cell|wireless/i.test(text)) return "mobile";
    if (/voip|internet/i.test(text)) return "voip";
    if (/land ?line|landline|home|residential|fixed|wired/i.test(text)) return "landline";
  }
  return "unknown";
}

/** A phone's status from its status cell: a DNC flag, a "connected" flag, or a status in words. */
export function phoneStatus(cell: { header: string; value: string } | undefined): string {
  if (!cell) return "active";
  // "phone_2_do_not_call" (DealMachine) reads as "phone 2 do not call".
  cell = { header: cell.header.replace(/[_\s-]+/g, " "), value: cell.value };
  const yes = /^(y|yes|true|1|x|dnc)$/i.test(cell.value.trim());
  const no = /^(n|no|false|0)$/i.test(cell.value.trim());
  if (/dnc|do ?not ?call/i.test(cell.header) && !/status/i.test(cell.header)) return yes ? "do_not_call" : "active";
  if (/\bconnected/i.test(cell.header) && (yes || no)) return no ? "disconnected" : "active";
  if (/wrong/i.test(cell.value)) return "wrong_number";
  if (/disconn|not (in service|connected)|inactive|invalid|dead/i.test(cell.value)) return "disconnected";
  if (/dnc|do ?not ?call/i.test(cell.value) || (yes && /dnc/i.test(cell.header))) return "do_not_call";
  return "active";
}

/** Removes the value at `path` (an array element becomes undefined, so later indexes stay right). */
function leaveOut(input: Record<string, unknown>, path: readonly PropertyKey[]): void {
  let target = input as Record<PropertyKey, unknown> | undefined;
  for (const key of path.slice(0, -1)) target = target?.[key] as Record<PropertyKey, unknown> | undefined;
  if (!target || typeof target !== "object") return;
  const last = path[path.length - 1];
  if (Array.isArray(target)) target[Number(last)] = undefined;
  else delete target[last];
}

/**
 * The schema's messages already name their field ("Estimated value must be a number"); the row's
 * message adds the value and its column, so the rep can find it in the file.
 */
function describeIssues(issues: readonly z.core.$ZodIssue[], input: { name: string; phone: string; email?: string }, source: (path: string) => { header: string; value: string } | undefined): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    if (path === "name" && !input.name) return "Name is missing (map a name, or first and last name columns)";
    if (path === "phone" && !input.phone) return "Phone is missing (every lead needs a phone number)";
    if (path === "phone") return `Phone ${shown(input.phone)} is not a valid phone number`;
    if (path === "email") return `E-mail ${shown(input.email ?? "")} is not a valid e-mail address`;
    const from = source(path);
    return from ? `${issue.message} (${shown(from.value)} in column "${from.header}")` : issue.message;
  });
}

// Where a buyer CSV column can go, how headers are guessed, and one row → a buyer or the reason it
// cannot be one. Client-safe: the import preview and the worker run the same code.
import { normalizeHeader } from "@/lib/leads/import/auto-map";
import type { ColumnMapping } from "@/lib/leads/import/targets";
import { unescapeFormulaCell } from "@/lib/leads/import/csv/write-csv";
import { isEmail, normalizeEmail } from "@/lib/validation/email";
import { normalizePhone } from "@/lib/validation/phone";
import { readNumber } from "@/lib/validation/number";
import { CREDIT_SCORES, EXPERIENCE_LEVELS, FUNDING_TYPES } from "@/models/buyer-enums";
import type { PropertyType } from "@/models/property-types";
import { findUsState, type UsState } from "@/lib/geo/us-states";
import { parseLocation, splitListCell } from "../locations";

export const BUYER_IMPORT_TARGETS = [
  { value: "ignore", label: "Don't import" },
  { value: "name", label: "Full name" },
  { value: "first_name", label: "First name" },
  { value: "last_name", label: "Last name" },
  { value: "phone", label: "Phone (first valid of the mapped columns)" },
  { value: "email", label: "E-mail (first valid of the mapped columns)" },
  { value: "company", label: "Company" },
  { value: "website", label: "Website" },
  { value: "property_types", label: 'Property types ("SFR/MF", "Single family; Condo")' },
  { value: "price_min", label: "Minimum price" },
  { value: "price_max", label: "Maximum price" },
  { value: "price_range", label: 'Price range ("100k-250k", "up to 300k", "150k+")' },
  { value: "locations", label: 'Locations ("Dallas, TX; 75201; Tarrant County, TX")' },
  { value: "location_state", label: "State of the row's cities and counties (the whole state when the row names none)" },
  { value: "proof_of_funds", label: "Proof of funds on file (kept in the notes; upload the document on the buyer page)" },
  { value: "funding_type", label: "Funding type" },
  { value: "credit_score", label: "Credit band" },
  { value: "experience_level", label: "Experience" },
  { value: "is_active", label: "Active (yes/no)" },
  { value: "is_verified", label: "Verified (yes/no)" },
  { value: "tags", label: "Tags (comma separated)" },
  { value: "investment_criteria", label: "Criteria notes" },
  { value: "notes", label: "Add to notes" },
] as const;

/** Targets several columns may share (first valid wins, or all are added). */
export const BUYER_MULTI_TARGETS = new Set<string>(["ignore", "phone", "email", "notes", "tags", "locations", "location_state", "property_types"]);

export function isBuyerTarget(target: string): boolean {
  return BUYER_IMPORT_TARGETS.some((t) => t.value === target);
}

const RULES: [RegExp, string][] = [
  [/^(import error|import row|import result|row number|error|reason|buyer id|id|deals closed|last contacted|proof of funds expires)$/, "ignore"],
  // "Owner 1 First Name" (PropStream), "Buyer First Name": the name part is what counts.
  [/^(first|(.* )?(first|given) name)$/, "first_name"],
  [/^(last|surname|(.* )?(last|family) name)$/, "last_name"],
  // Proof of funds comes before funding and name rules ("Proof of Funds", "POF", "Proof of Funds on File").
  [/^(pof|(.* )?proof of funds?( .*)?)$/, "proof_of_funds"],
  // What kind of investor they are (flipper, landlord) is not a property type: kept in the notes.
  [/^((buyer|investor|exit) (type|strategy)|strategy|investment strategy|cash buyer|cash)$/, "notes"],
  [/(phone|mobile|cell|telephone)/, "phone"],
  [/e ?mail/, "email"],
  [/(company|entity|llc|business|organization)/, "company"],
  [/(website|web site|url|site)/, "website"],
  [/(min|minimum|low|from).*(price|budget|purchase)|(price|budget) (min|minimum|low|from)/, "price_min"],
  [/(max|maximum|high|to|up to).*(price|budget|purchase)|(price|budget) (max|maximum|high|to)/, "price_max"],
  [/((price|budget)( range)?|(purchase|buying|buy) range)$/, "price_range"],
  [/(property types?|asset types?|types?|product|property|(property|asset) (preferences?|class))$/, "property_types"],
  // A lone state column (beside a city or county column, or the state of a property or mailing
  // address) says which state the row's places are in; plural "States" lists whole states.
  [/^((mailing|property|owner|buyer|target) )?(state|st|state code)$/, "location_state"],
  [/(locations?|markets?|areas?|cities|city|zips?|zip codes?|counties|county|states?|target|buy box|region)/, "locations"],
  [/(funding|financing|payment|cash or)/, "funding_type"],
  [/credit/, "credit_score"],
  [/(experience|level)/, "experience_level"],
  [/^(active|is active|status)$/, "is_active"],
  [/(verified|vetted)/, "is_verified"],
  [/(tags?|labels?|lists?)$/, "tags"],
  [/(criteria|requirements|buy box notes|investment)/, "investment_criteria"],
  [/(notes?|comments?|description)/, "notes"],
  // A name column: one that says "name", or is the person itself ("Buyer", "Investor"). Not any
  // header that mentions a buyer or a contact ("Cash Buyer", "Last Contact" held "Yes" and dates).
  [/^(buyer|investor|contact|owner)$|(^| )name$/, "name"],
];

/** The guessed target of every column: each single-valued target goes to the first column that matches it. */
export function autoMapBuyerColumns(headers: readonly string[]): ColumnMapping[] {
  const used = new Set<string>();
  return headers.map((header, column) => {
    const h = normalizeHeader(header);
    let target = RULES.find(([re]) => re.test(h))?.[1] ?? "ignore";
    if (!BUYER_MULTI_TARGETS.has(target) && used.has(target)) target = "ignore";
    used.add(target);
    return { column, header, target };
  });
}

// Property types as spreadsheets and list providers write them, mapped explicitly (never guessed).
const TYPE_ALIASES: Record<string, PropertyType> = {
  sfr: "single_family", sfh: "single_family", sf: "single_family", "single family": "single_family", "single family home": "single_family", "single family residence": "single_family", house: "single_family", houses: "single_family", residential: "single_family", "single family residential": "single_family",
  mf: "multi_family", mfr: "multi_family", "multi family": "multi_family", multifamily: "multi_family", duplex: "multi_family", triplex: "multi_family", fourplex: "multi_family", quadplex: "multi_family", "2 4 units": "multi_family", "small multi family": "multi_family", apartment: "multi_family", apartments: "multi_family",
  condo: "condo", condos: "condo", condominium: "condo",
  townhouse: "townhouse", townhouses: "townhouse", townhome: "townhouse", townhomes: "townhouse", th: "townhouse",
  mobile: "mobile_home", "mobile home": "mobile_home", "mobile homes": "mobile_home", mh: "mobile_home", manufactured: "mobile_home", "manufactured home": "mobile_home",
  commercial: "commercial", retail: "commercial", office: "commercial", industrial: "commercial",
  land: "land", lot: "land", lots: "land", "vacant land": "land", acreage: "land",
  other: "other",
};

/**
 * A type as lists write it: the alias itself, else without a parenthesis ("Multi-Family (2-4)"),
 * a unit count ("Multifamily 5+") or a trailing "homes"/"properties" ("Single Family Homes").
 */
export function propertyTypeOf(text: string): PropertyType | null {
  const key = text.toLowerCase().replace(/\([^)]*\)/g, " ").replace(/[^a-z0-9]+/g, " ").trim();
  const bare = key.replace(/(\s+\d+)+$/, "").replace(/\s+(homes?|houses?|properties|property|residences?|units?|buildings?)$/, "").trim();
  return TYPE_ALIASES[key] ?? TYPE_ALIASES[bare] ?? TYPE_ALIASES[bare.replace(/\s+(homes?|houses?|properties|property|units?)$/, "").trim()] ?? null;
}

const EMPTY = /^(n\/?a|null|none|-|--|unknown)$/i;
const clean = (cell: string | undefined) => {
  if (cell === undefined) return "";
  let text = unescapeFormulaCell(cell.trim());
  const literal = /^="(.*)"$/s.exec(text);
  if (literal) text = literal[1].replace(/""/g, '"').trim();
  return EMPTY.test(text) ? "" : text;
};
const shown = (v: string) => `"${v.length > 60 ? `${v.slice(0, 60)}…` : v}"`;

export type BuyerImportDoc = {
  name: string;
  phone: string;
  email?: string;
  company?: string;
  website?: string;
  property_types: PropertyType[];
  price_range?: { min?: number; max?: number };
  preferred_locations: string[];
  funding_type?: string;
  credit_score?: string;
  experience_level?: string;
  is_active?: boolean;
  is_verified?: boolean;
  tags: string[];
  investment_criteria?: string;
  notes?: string;
};

export type MappedBuyerRow = { ok: true; buyer: BuyerImportDoc; warnings: string[] } | { ok: false; reason: string };

function readMoney(text: string): number | null {
  const t = text.replace(/^\$/, "").trim();
  const m = /^([\d.,]+)\s*([km])$/i.exec(t);
  if (m) {
    const n = readNumber(m[1], { kind: "amount" });
    return n == null ? null : Math.round(n * (m[2].toLowerCase() === "k" ? 1_000 : 1_000_000));
  }
  return readNumber(text, { kind: "amount" });
}

function enumOf<T extends readonly string[]>(values: T, text: string, aliases: Record<string, T[number]> = {}): T[number] | null {
  const k = text.toLowerCase().replace(/[^a-z]+/g, "_").replace(/^_|_$/g, "");
  if ((values as readonly string[]).includes(k)) return k as T[number];
  return aliases[k] ?? null;
}

const FUNDING_ALIASES: Record<string, (typeof FUNDING_TYPES)[number]> = {
  hard: "hard_money", hml: "hard_money", hard_money_loan: "hard_money", hard_money_lender: "hard_money", hard_money_lending: "hard_money",
  private: "private_money", pml: "private_money", private_lender: "private_money", private_lending: "private_money", private_loan: "private_money", private_money_lender: "private_money", private_funds: "private_money",
  loan: "conventional", bank: "conventional", bank_loan: "conventional", mortgage: "conventional", conventional_loan: "conventional", financing: "conventional", financed: "conventional", dscr: "conventional", dscr_loan: "conventional",
  all_cash: "cash", cash_only: "cash", cash_buyer: "cash", cash_funds: "cash",
};

/** A FICO score's band: 740+ excellent, 670–739 good, 580–669 fair, 300–579 poor. */
function creditBandOf(score: number): (typeof CREDIT_SCORES)[number] | null {
  if (score < 300 || score > 850) return null;
  return score >= 740 ? "excellent" : score >= 670 ? "good" : score >= 580 ? "fair" : "poor";
}

/** Deals done: 0–2 beginner, 3–9 intermediate, 10 or more advanced. */
function experienceOfDeals(deals: number): (typeof EXPERIENCE_LEVELS)[number] {
  return deals >= 10 ? "advanced" : deals >= 3 ? "intermediate" : "beginner";
}

const YES = /^(y|yes|true|1|active|verified|x)$/i;
const NO = /^(n|no|false|0|inactive|not verified)$/i;

/** One row → a buyer; a bad value in a buy-box field refuses the row with a reason naming the field and column. */
export function mapBuyerRow(cells: readonly string[], mapping: readonly ColumnMapping[], headers: readonly string[]): MappedBuyerRow {
  const warnings: string[] = [];
  const col = (i: number) => `column "${headers[i] ?? i + 1}"`;
  const values = (target: string) => mapping.filter((m) => m.target === target).map((m) => ({ text: clean(cells[m.column]), column: m.column })).filter((v) => v.text !== "");
  const one = (target: string) => values(target)[0];

  const first = one("first_name")?.text;
  const last = one("last_name")?.text;
  const name = (one("name")?.text ?? [first, last].filter(Boolean).join(" ")).replace(/\s+/g, " ").trim();
  if (!name) return { ok: false, reason: "Name: missing (map a name column, or first and last name)" };
  if (name.length > 100) return { ok: false, reason: `Name: at most 100 characters (${col(one("name")?.column ?? 0)})` };

  const phones = values("phone");
  const phone = phones.map((p) => normalizePhone(p.text)).find(Boolean);
  if (!phone) return { ok: false, reason: phones.length ? `Phone: ${shown(phones[0].text)} is not a phone number (${col(phones[0].column)})` : "Phone: missing" };

  const buyer: BuyerImportDoc = { name, phone, property_types: [], preferred_locations: [], tags: [] };
  const emails = values("email");
  // A cell may hold several ("a@x.com; b@y.com"): the first valid one is kept.
  const email = emails.flatMap((e) => e.text.split(/[;,\s]+/)).map((e) => normalizeEmail(e)).find((e) => isEmail(e));
  if (email) buyer.email = email;
  else if (emails.length) warnings.push(`E-mail ${shown(emails[0].text)} is not an e-mail address; left out`);

  const company = one("company")?.text;
  if (company) buyer.company = company.slice(0, 100);
  const website = one("website")?.text;
  if (website) buyer.website = website.slice(0, 2000);

  for (const v of values("property_types")) {
    for (const part of v.text.split(/\s*(?:[;,/|&+]|\band\b)\s*/i).filter(Boolean)) {
      const t = propertyTypeOf(part);
      if (!t) return { ok: false, reason: `Property types: ${shown(part)} is not a property type (${col(v.column)}); use single family, multi-family, condo, townhouse, mobile home, commercial, land or other (SFR and MF are understood)` };
      if (!buyer.property_types.includes(t)) buyer.property_types.push(t);
    }
  }

  let min: number | undefined;
  let max: number | undefined;
  const price = (label: string, v: { text: string; column: number } | undefined) => {
    if (!v) return undefined;
    const n = readMoney(v.text);
    if (n == null) throw `${label}: ${shown(v.text)} is not an amount (${col(v.column)})`;
    if (n < 0) throw `${label}: cannot be negative (${col(v.column)})`;
    return n;
  };
  try {
    const range = one("price_range");
    if (range) {
      // "Up to $300k" / "Under 300k": a maximum; "300k+" / "Over 150k" / "150k and up": a minimum.
      const upTo = /^(?:up to|under|below|less than|max(?:imum)?|<=?|≤)\s*(.+)$/i.exec(range.text);
      const from = /^(?:over|above|from|at least|min(?:imum)?|>=?|≥)\s*(.+)$/i.exec(range.text) ?? /^(.+?)\s*(?:\+|and up|or more|and above|plus)$/i.exec(range.text);
      if (upTo) max = price("Price range", { text: upTo[1], column: range.column });
      else if (from) min = price("Price range", { text: from[1], column: range.column });
      else {
        const parts = range.text.split(/\s*(?:-|–|—|\bto\b)\s*/i).filter(Boolean);
        if (parts.length !== 2) throw `Price range: ${shown(range.text)} is not a range such as 100k-250k, "up to 300k" or "150k+" (${col(range.column)})`;
        min = price("Price range", { text: parts[0], column: range.column });
        max = price("Price range", { text: parts[1], column: range.column });
      }
    }
    min = price("Minimum price", one("price_min")) ?? min;
    max = price("Maximum price", one("price_max")) ?? max;
  } catch (reason) {
    return { ok: false, reason: String(reason) };
  }
  if (min != null && max != null && min > max) return { ok: false, reason: `Price range: the minimum (${min.toLocaleString("en-US")}) is above the maximum (${max.toLocaleString("en-US")})` };
  if (min != null || max != null) buyer.price_range = { ...(min != null ? { min } : {}), ...(max != null ? { max } : {}) };

  const states: UsState[] = [];
  for (const v of values("location_state")) {
    for (const entry of splitListCell(v.text)) {
      const state = entry.length <= 40 ? findUsState(entry) : undefined;
      if (!state) return { ok: false, reason: `State: ${shown(entry)} is not a US state (${col(v.column)})` };
      if (!states.includes(state)) states.push(state);
    }
  }
  let placeCount = 0;
  for (const v of values("locations")) {
    if (v.text.length > 10_000) return { ok: false, reason: `Locations: the cell is too long (${col(v.column)})` };
    // A column of counties names them bare ("Tarrant") when a state column says where.
    const countyColumn = /count(y|ies)|parish/.test(normalizeHeader(headers[v.column] ?? ""));
    const entries = splitListCell(v.text);
    // "Dallas/Fort Worth, TX": a place without a state takes the one state the rest of its cell names.
    const cellStates = new Set(entries.map((e) => parseLocation(e)).flatMap((r) => (r.ok && /^(city|county|state):/.test(r.location.key) ? [r.location.key.split(":")[1]] : [])));
    const cellState = cellStates.size === 1 ? [...cellStates][0] : undefined;
    for (const entry of entries) {
      placeCount += 1;
      let parsed = parseLocation(entry);
      if (!parsed.ok && !states.length && cellState && /needs a state/.test(parsed.error)) {
        const inState = parseLocation(`${entry}, ${cellState.toUpperCase()}`);
        if (inState.ok) parsed = inState;
      }
      // "Dallas; Fort Worth" in a city column beside a state column: places of that state.
      if (!parsed.ok && states.length === 1 && /\p{L}/u.test(entry)) {
        const inState = parseLocation(`${entry}${countyColumn && !/\b(county|parish|borough|co\.?)$/i.test(entry) ? " County" : ""}, ${states[0].code}`);
        if (inState.ok) parsed = inState;
      } else if (!parsed.ok && states.length > 1 && /needs a state/.test(parsed.error)) {
        return { ok: false, reason: `Locations: ${shown(entry)} needs a state, and the state column names several (${col(v.column)})` };
      }
      if (!parsed.ok) return { ok: false, reason: `Locations: ${shown(entry)}: ${parsed.error} (${col(v.column)})` };
      if (!buyer.preferred_locations.includes(parsed.location.key)) buyer.preferred_locations.push(parsed.location.key);
    }
  }
  // A state column alone is where they buy: the whole state. Beside places it only said where those are.
  if (!placeCount) for (const state of states) buyer.preferred_locations.push(`state:${state.code.toLowerCase()}`);
  if (buyer.preferred_locations.length > 100) return { ok: false, reason: "Locations: at most 100 per buyer" };

  const enumField = <T extends readonly string[]>(target: string, label: string, allowed: T, aliases: Record<string, T[number]> = {}, fromNumber?: (n: number) => T[number] | null) => {
    const v = one(target);
    if (!v) return undefined;
    // A number where a band is expected ("720", "700+", "5+ deals"): its band, when the field has one.
    const number = fromNumber && /^\D{0,3}(\d{1,4})\s*\+?\s*(deals?|flips?|properties|closed)?$/i.exec(v.text.replace(/,/g, ""));
    const banded = number ? fromNumber!(Number(number[1])) : null;
    if (banded) return banded;
    // "Cash/Hard Money", "Cash or Private": the first that is known is kept, and the row says so.
    const parts = v.text.split(/\s*(?:[\/,;|&+]|\bor\b|\band\b)\s*/i).filter(Boolean);
    const known = parts.map((p) => enumOf(allowed, p, aliases)).filter((e): e is T[number] => e !== null);
    const e = enumOf(allowed, v.text, aliases) ?? enumOf(allowed, v.text.replace(/\([^)]*\)/g, " "), aliases) ?? known[0];
    if (!e) throw `${label}: ${shown(v.text)} is not one of ${allowed.join(", ").replaceAll("_", " ")} (${col(v.column)})`;
    if (new Set(known).size > 1) warnings.push(`${label}: ${shown(v.text)} names several; kept ${e.replaceAll("_", " ")}`);
    return e;
  };
  try {
    buyer.funding_type = enumField("funding_type", "Funding type", FUNDING_TYPES, FUNDING_ALIASES);
    buyer.credit_score = enumField("credit_score", "Credit band", CREDIT_SCORES, { very_good: "excellent", exceptional: "excellent", bad: "poor" }, creditBandOf);
    buyer.experience_level = enumField("experience_level", "Experience", EXPERIENCE_LEVELS, { new: "beginner", novice: "beginner", experienced: "advanced", expert: "advanced", pro: "advanced", some: "intermediate" }, experienceOfDeals);
  } catch (reason) {
    return { ok: false, reason: String(reason) };
  }
  for (const [target, key, label] of [["is_active", "is_active", "Active"], ["is_verified", "is_verified", "Verified"]] as const) {
    const v = one(target);
    if (!v) continue;
    if (YES.test(v.text)) buyer[key] = true;
    else if (NO.test(v.text)) buyer[key] = false;
    else return { ok: false, reason: `${label}: ${shown(v.text)} is not yes or no (${col(v.column)})` };
  }
  for (const v of values("tags")) for (const t of v.text.split(/[,;|]/)) {
    const tag = t.trim().toLowerCase().replace(/\s+/g, " ");
    if (tag && tag.length <= 50 && !buyer.tags.includes(tag)) buyer.tags.push(tag);
  }
  const criteria = one("investment_criteria")?.text;
  if (criteria) buyer.investment_criteria = criteria.slice(0, 5000);
  // A column that is not itself "Notes" (several note columns, "Buyer Type", proof of funds) keeps its header as a label.
  const noteColumns = mapping.filter((m) => m.target === "notes").length;
  const labelled = (v: { text: string; column: number }) => (noteColumns > 1 || !/^(notes?|comments?|description)$/.test(normalizeHeader(headers[v.column] ?? "")) ? `${headers[v.column] ?? "Notes"}: ${v.text}` : v.text);
  const notes = [...values("notes").map(labelled), ...values("proof_of_funds").map((v) => `Proof of funds (${headers[v.column] ?? "import"}): ${v.text}`)];
  if (notes.length) buyer.notes = notes.join("\n").slice(0, 20_000);
  return { ok: true, buyer, warnings };
}

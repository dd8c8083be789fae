// The lead's fields, written once. Each entry is one stored path and says everything the rest of
// the app needs to know about it: how it is labelled, whether the list shows it as a column (and
// sorts by it), whether it is a list filter, how the CSV export writes it, how a merge treats it,
// whether a change to it is tracked in the activity log, which import targets feed it, how a
// person types it (its limits) and where the details form puts it. The list's columns and sort
// keys, its value filters (URL parameters, clauses, the panel's controls and chips), the list rows (page and index) and their
// projections, the export's columns, the merge's choices, the tracked paths, the import targets,
// the create/edit schema (lib/zod/schemas/lead-fields.ts), the details form and the lead page's
// details are derived from it, so adding a
// field is one edit here (and one in models/lead.ts for its storage; docs/data-model.md, "Adding
// a lead field: one edit"). Client-safe: the column picker, the forms, the merge dialog and the
// import wizard read it too.
//
// Paths are stored paths ("address.zip_code", "lead_score"); ids in URLs (column "assigned", sort
// "score") stay as they have always been written, so bookmarked lists keep working.
import { PHONE_STATUS_LABELS, PHONE_TYPE_LABELS } from "./contacts/labels";
import { PRIORITY_LABELS, PROPERTY_TYPE_LABELS, STATUS_LABELS } from "./enum-labels";
import { LEAD_PRIORITIES, LEAD_STATUSES } from "@/models/lead-enums";
import { PROPERTY_TYPES } from "@/models/property-types";

export type LeadFieldKind =
  /** Free text. */
  | "text"
  /** One E.164 number / one e-mail address. */
  | "phone"
  | "email"
  /** Every number / address of the lead (`[{ number | address, type, status }]`). */
  | "phone-list"
  | "email-list"
  /** One of a fixed set of codes (`labels` words them). */
  | "enum"
  /** Whole dollars. */
  | "money"
  | "number"
  | "date"
  /** A member of the team (an ObjectId of users). */
  | "user"
  /** A list of words (tags). */
  | "tags"
  /** The workspace's own fields (`custom_fields.<key>`), defined per tenant. */
  | "custom";

/** How the list shows a field as a column. */
export type ColumnFacet = {
  /** The column's id in URLs and the column cookie. */
  id: string;
  label: string;
  numeric?: boolean;
  /** Shown when a person has not chosen their columns. */
  shown?: boolean;
  /** Always shown (the name: it is the link to the lead). */
  required?: boolean;
  /**
   * The column sorts the list: `key` in URLs, `dir` when first clicked (newest, highest, soonest
   * first). `order`: by the stored value (empty values last), or by the field's codes in the
   * order they are listed (status: the pipeline; priority: low → urgent).
   */
  sort?: { key: string; dir: "asc" | "desc"; order: "value" | "codes" };
};

/** How the CSV export writes a field: its header and, when not the value itself, its format. */
export type ExportFacet = {
  header: string;
  /**
   * "value" (default: text, numbers, dates as they are), "words" (a code in words, by `labels`),
   * "source" (a source code in words), "user" (the member's name), "list" (joined with "; "),
   * "phone-slots" / "email-slots" (one column per number or address, then the rest in one cell).
   */
  format?: "value" | "words" | "source" | "user" | "list" | "phone-slots" | "email-slots";
};

/**
 * How the list filters by a field (lib/leads/list/field-filters.ts reads the URL parameters, and
 * lib/leads/list/criteria.ts turns them into clauses for both the database and the list index).
 * The list state's property is the parameter in camelCase (`created_from` → `createdFrom`) unless
 * `key` names it. The list's filter panel gives an "any of" filter a checkbox per value and a
 * range From and To inputs, under the field's label; an active-filter chip names it by `chip`
 * when not its label ("Tag: vacant", "Contacted 2026-01-01 – …").
 */
export type FilterFacet =
  /**
   * Leads whose value (a list: any of its values) is one of the chosen ones: `param` holds them
   * comma-separated, or once per value when `repeat` (values that may hold a comma: tags). A value
   * is read by the field's kind: an enum's code, a user id, a tag, a text as typed (in lower case
   * when its input is).
   */
  | { kind: "any"; param: string; key?: string; repeat?: true; chip?: string }
  /**
   * Leads whose value lies between `from` and `to` (either may be left out), both included: a
   * date field's days (YYYY-MM-DD, in the person's time zone), a number's or money's values.
   */
  | { kind: "range"; from: string; to: string; chip?: string }
  /** Filters whose meaning is more than a value test ("me", "due today", "has a phone"): written by hand in criteria.ts. */
  | { kind: "own" };

/** What a merge does with a field (lib/leads/merge/plan-merge.ts). */
export type MergeFacet =
  /** The person chooses whose value wins, under this name (several paths may share one: the address). */
  | { choice: string }
  /** The kept lead's value, or the merged lead's when the kept lead has none (nobody chooses). */
  | { fillEmpty: true };

/**
 * A field a person types (creating a lead, the lead page's details form), with its limits: the
 * zod schema of these fields is built from them (lib/zod/schemas/lead-fields.ts), messages
 * included ("Street must be at most 200 characters"). Without it a field is not edited there.
 */
export type InputFacet = {
  /** Text: most characters; a number: its largest value. */
  max?: number;
  /** A number's smallest value (default 0, "cannot be negative"). */
  min?: number;
  /** A number read as a measure: "2,5" bathrooms is 2.5 (otherwise a mark before three digits groups thousands). */
  measure?: true;
  /** A whole calendar year ("must be 1700 or later"). */
  year?: true;
  /** A US ZIP code: 5 digits or ZIP+4. */
  zip?: true;
  /** A code kept in lower case (source). */
  lowercase?: true;
};

/** Where the details form (components/leads/form/lead-details-fields.tsx) puts a typed field. */
export type FormFacet = {
  group: LeadFormGroup;
  /** When not the field's label (a money field adds " ($)", a unit " (sq ft)"). */
  label?: string;
  hint?: string;
  /** The keyboard a phone shows (numbers and money: "numeric"). */
  inputMode?: "numeric" | "decimal";
  /** Columns of the group's grid it spans. */
  span?: number;
  /** A text area of this many rows. */
  rows?: number;
  /** After the group's other fields (the form's order differs from the registry's here). */
  last?: true;
  autoComplete?: "off";
  /** Shown after a number ("3,000 sq ft") and in the form's label. */
  unit?: string;
};

/** The details form's groups, in the form's order. */
export const LEAD_FORM_GROUPS = ["contact", "address", "mailing_address", "property", "notes"] as const;
export type LeadFormGroup = (typeof LEAD_FORM_GROUPS)[number];

/** An import target: where a CSV column can go. `multi`: several columns may share it. */
export type ImportTargetDef = { value: string; label: string; multi?: boolean };

export type LeadFieldDef = {
  path: string;
  label: string;
  kind: LeadFieldKind;
  /** An enum's codes, in their order (a status sort reads the pipeline in this order), and their words. */
  codes?: readonly string[];
  labels?: Readonly<Record<string, string>>;
  /** Every lead has a value (the list sorts those first without an "empty" group). */
  required?: boolean;
  column?: ColumnFacet;
  /** The list filters by it (see FilterFacet). */
  filter?: FilterFacet;
  export?: ExportFacet;
  merge?: MergeFacet;
  /** A person's change to it is compared and written to the activity log. */
  tracked?: true;
  /** The import targets that write it: its own path, and helpers that feed it (first + last name). */
  import?: readonly ImportTargetDef[];
  /**
   * The list row holds it (lib/leads/list/index/index-row.ts, lib/leads/list/lead-row.ts) under
   * this key. Fields with a column or a filter are held anyway, under their path (or this key).
   */
  rowKey?: string;
  input?: InputFacet;
  form?: FormFacet;
};

export const LEAD_FIELDS = [
  {
    path: "name", label: "Name", kind: "text", required: true,
    column: { id: "name", label: "Name", shown: true, required: true, sort: { key: "name", dir: "asc", order: "value" } },
    export: { header: "Name" }, merge: { choice: "name" }, tracked: true,
    input: { max: 100 }, form: { group: "contact", autoComplete: "off" },
    import: [
      { value: "name", label: "Full name" },
      { value: "first_name", label: "First name" },
      { value: "last_name", label: "Last name" },
    ],
  },
  {
    path: "phone", label: "Phone", kind: "phone", required: true,
    column: { id: "phone", label: "Phone", shown: true }, filter: { kind: "own" }, tracked: true,
    import: [
      { value: "phone", label: "Phone (every valid number of the mapped columns; the first is the primary)", multi: true },
      { value: "phone_type", label: "Phone type (mobile, landline, VoIP) of the phone with the same number", multi: true },
      { value: "phone_status", label: "Phone status (do not call, wrong number, disconnected) of the phone with the same number", multi: true },
    ],
  },
  // The export writes `phone` as the first of these columns.
  { path: "phones", label: "Phones", kind: "phone-list", export: { header: "Phone", format: "phone-slots" }, tracked: true },
  {
    path: "email", label: "E-mail", kind: "email",
    column: { id: "email", label: "E-mail" }, filter: { kind: "own" }, merge: { choice: "email" }, tracked: true,
    import: [{ value: "email", label: "E-mail (every valid address of the mapped columns; the first is the primary)", multi: true }],
  },
  { path: "emails", label: "E-mails", kind: "email-list", export: { header: "Email", format: "email-slots" }, tracked: true },
  {
    path: "address.street", label: "Street", kind: "text",
    // The list's "Property" column shows street, city and state.
    column: { id: "address", label: "Property" }, rowKey: "street",
    export: { header: "Street" }, merge: { choice: "address" }, tracked: true,
    input: { max: 200 }, form: { group: "address", span: 6 },
    import: [
      { value: "address.street", label: "Street (or whole address on one line)" },
      { value: "address.unit", label: "Unit / apt (after the street)" },
      { value: "address.house_number", label: "House number (after the street, as German addresses write it)" },
    ],
  },
  {
    path: "address.city", label: "City", kind: "text", rowKey: "city", export: { header: "City" }, merge: { choice: "address" }, tracked: true, import: [{ value: "address.city", label: "City" }],
    input: { max: 100 }, form: { group: "address", span: 2 },
  },
  {
    path: "address.state", label: "State", kind: "text", rowKey: "state", export: { header: "State" }, merge: { choice: "address" }, tracked: true, import: [{ value: "address.state", label: "State" }],
    input: { max: 50 }, form: { group: "address", span: 1 },
  },
  {
    path: "address.zip_code", label: "ZIP code", kind: "text", export: { header: "Zip" }, merge: { choice: "address" }, tracked: true, import: [{ value: "address.zip_code", label: "ZIP code" }],
    input: { zip: true }, form: { group: "address", span: 1, inputMode: "numeric" },
  },
  // Chosen on its own in a merge: two spellings of one address may differ only in the county.
  {
    path: "address.county", label: "County", kind: "text", export: { header: "County" }, merge: { choice: "county" }, tracked: true, import: [{ value: "address.county", label: "County" }],
    input: { max: 100 }, form: { group: "address", span: 2 },
  },
  {
    path: "mailing_address.street", label: "Mailing street", kind: "text", export: { header: "Mailing address" }, merge: { choice: "mailing_address" }, tracked: true,
    import: [
      { value: "mailing_address.street", label: "Mailing street (or whole mailing address on one line)" },
      { value: "mailing_address.unit", label: "Mailing unit / address line 2 (after the mailing street)" },
    ],
    input: { max: 200 }, form: { group: "mailing_address", span: 6, hint: "Leave empty when the owner gets mail at the property" },
  },
  {
    path: "mailing_address.city", label: "Mailing city", kind: "text", export: { header: "Mailing city" }, merge: { choice: "mailing_address" }, tracked: true, import: [{ value: "mailing_address.city", label: "Mailing city" }],
    input: { max: 100 }, form: { group: "mailing_address", span: 3 },
  },
  {
    path: "mailing_address.state", label: "Mailing state", kind: "text", export: { header: "Mailing state" }, merge: { choice: "mailing_address" }, tracked: true, import: [{ value: "mailing_address.state", label: "Mailing state" }],
    input: { max: 50 }, form: { group: "mailing_address", span: 1 },
  },
  {
    path: "mailing_address.zip_code", label: "Mailing ZIP code", kind: "text", export: { header: "Mailing zip" }, merge: { choice: "mailing_address" }, tracked: true, import: [{ value: "mailing_address.zip_code", label: "Mailing ZIP code" }],
    input: { zip: true }, form: { group: "mailing_address", span: 2, inputMode: "numeric" },
  },
  {
    path: "property_details.type", label: "Property type", kind: "enum", codes: PROPERTY_TYPES, labels: PROPERTY_TYPE_LABELS,
    export: { header: "Property type", format: "words" }, merge: { choice: "property_details.type" }, tracked: true, import: [{ value: "property_details.type", label: "Property type" }],
    input: {}, form: { group: "property" },
  },
  {
    path: "property_details.bedrooms", label: "Bedrooms", kind: "number", export: { header: "Bedrooms" }, merge: { choice: "property_details.bedrooms" }, tracked: true, import: [{ value: "property_details.bedrooms", label: "Bedrooms" }],
    input: { max: 100 }, form: { group: "property", inputMode: "decimal" },
  },
  {
    path: "property_details.bathrooms", label: "Bathrooms", kind: "number", export: { header: "Bathrooms" }, merge: { choice: "property_details.bathrooms" }, tracked: true, import: [{ value: "property_details.bathrooms", label: "Bathrooms" }],
    input: { max: 100, measure: true }, form: { group: "property", inputMode: "decimal" },
  },
  {
    path: "property_details.square_feet", label: "Square feet", kind: "number", export: { header: "Square feet" }, merge: { choice: "property_details.square_feet" }, tracked: true, import: [{ value: "property_details.square_feet", label: "Square feet" }],
    input: { max: 1_000_000 }, form: { group: "property" },
  },
  {
    path: "property_details.lot_size", label: "Lot size", kind: "number", export: { header: "Lot size" }, merge: { choice: "property_details.lot_size" }, tracked: true,
    input: { max: 1e9 }, form: { group: "property", unit: "sq ft" },
    import: [
      { value: "property_details.lot_size", label: "Lot size (sq ft)" },
      { value: "lot_acres", label: "Lot size (acres)" },
    ],
  },
  {
    path: "property_details.year_built", label: "Year built", kind: "number", export: { header: "Year built" }, merge: { choice: "property_details.year_built" }, tracked: true, import: [{ value: "property_details.year_built", label: "Year built" }],
    input: { min: 1700, max: 2100, year: true }, form: { group: "property" },
  },
  {
    path: "status", label: "Status", kind: "enum", codes: LEAD_STATUSES, labels: STATUS_LABELS, required: true,
    column: { id: "status", label: "Status", shown: true, sort: { key: "status", dir: "asc", order: "codes" } },
    filter: { kind: "any", param: "status" }, export: { header: "Status", format: "words" }, merge: { choice: "status" }, tracked: true, import: [{ value: "status", label: "Status" }],
  },
  {
    path: "priority", label: "Priority", kind: "enum", codes: LEAD_PRIORITIES, labels: PRIORITY_LABELS,
    column: { id: "priority", label: "Priority", shown: true, sort: { key: "priority", dir: "desc", order: "codes" } },
    filter: { kind: "any", param: "priority" }, export: { header: "Priority", format: "words" }, merge: { choice: "priority" }, tracked: true, import: [{ value: "priority", label: "Priority" }],
  },
  {
    path: "source", label: "Source", kind: "text",
    column: { id: "source", label: "Source" }, filter: { kind: "any", param: "source" }, export: { header: "Source", format: "source" }, merge: { choice: "source" }, tracked: true,
    import: [{ value: "source", label: "Source" }],
    input: { max: 50, lowercase: true }, form: { group: "contact", hint: "website, referral, cold_call, driving_for_dollars…" },
  },
  {
    path: "assigned_to", label: "Assigned to", kind: "user",
    column: { id: "assigned", label: "Assigned to", shown: true }, filter: { kind: "own" }, export: { header: "Assigned to", format: "user" }, merge: { choice: "assigned_to" }, tracked: true,
  },
  {
    path: "tags", label: "Tags", kind: "tags",
    column: { id: "tags", label: "Tags", shown: true }, filter: { kind: "any", param: "tag", key: "tags", repeat: true, chip: "Tag" }, export: { header: "Tags", format: "list" }, tracked: true,
    import: [{ value: "tags", label: "Tags (comma separated)", multi: true }],
  },
  {
    path: "next_follow_up", label: "Next follow-up", kind: "date",
    column: { id: "next_follow_up", label: "Next follow-up", shown: true, sort: { key: "next_follow_up", dir: "asc", order: "value" } },
    filter: { kind: "own" }, export: { header: "Next follow-up" }, merge: { choice: "next_follow_up" }, tracked: true, import: [{ value: "next_follow_up", label: "Next follow-up" }],
  },
  // Kept by the messages themselves (not a person's edit): not tracked.
  {
    path: "last_contacted", label: "Last contacted", kind: "date",
    column: { id: "last_contacted", label: "Last contacted", shown: true, sort: { key: "last_contacted", dir: "desc", order: "value" } },
    // Also "contacted=never|ever", written by hand in criteria.ts.
    filter: { kind: "range", from: "contacted_from", to: "contacted_to", chip: "Contacted" }, export: { header: "Last contacted" },
  },
  {
    path: "created_at", label: "Created", kind: "date", required: true,
    column: { id: "created", label: "Created", shown: true, sort: { key: "created", dir: "desc", order: "value" } },
    filter: { kind: "range", from: "created_from", to: "created_to" }, export: { header: "Created" },
  },
  {
    path: "asking_price", label: "Asking price", kind: "money",
    column: { id: "asking_price", label: "Asking price", numeric: true, sort: { key: "asking_price", dir: "desc", order: "value" } },
    export: { header: "Asking price" }, merge: { choice: "asking_price" }, tracked: true, import: [{ value: "asking_price", label: "Asking price" }],
    input: {}, form: { group: "property", last: true },
  },
  {
    path: "estimated_value", label: "Estimated value", kind: "money",
    column: { id: "estimated_value", label: "Est. value", numeric: true, sort: { key: "estimated_value", dir: "desc", order: "value" } },
    export: { header: "Estimated value" }, merge: { choice: "estimated_value" }, tracked: true, import: [{ value: "estimated_value", label: "Estimated value" }],
    input: {}, form: { group: "property" },
  },
  // Computed by scoring, not edited by a person: not tracked.
  {
    path: "lead_score", label: "Score", kind: "number",
    column: { id: "score", label: "Score", numeric: true, sort: { key: "score", dir: "desc", order: "value" } },
    export: { header: "Score" }, merge: { choice: "lead_score" },
  },
  {
    path: "notes", label: "Notes", kind: "text", export: { header: "Notes" }, tracked: true,
    input: { max: 20_000 }, form: { group: "notes", label: "Background notes", rows: 3 },
    // A merge joins both leads' notes (plan-merge.ts); an import appends every column mapped here.
    import: [{ value: "notes", label: "Add to notes", multi: true }],
  },
  // One export column and one import target per definition of the workspace (export-leads.ts, imports).
  { path: "custom_fields", label: "Custom fields", kind: "custom", tracked: true },
  { path: "communication_count", label: "Messages", kind: "number" },
  { path: "qualification_probability", label: "Qualification probability", kind: "number", merge: { fillEmpty: true } },
  { path: "ai_summary", label: "AI summary", kind: "text", merge: { fillEmpty: true } },
  { path: "ai_tags", label: "AI tags", kind: "tags" },
] as const satisfies readonly LeadFieldDef[];

/**
 * Stored paths that are not a lead's fields: kept by the data layer (tenant, revision, stamps),
 * derived on save (search keys, address key, full address), owned by automations, or the contact
 * counters' bookkeeping (lib/contact-counters).
 */
export const LEAD_INTERNAL_PATHS = [
  "_id", "tenant_id", "rev", "updated_at", "search_keys", "address_key", "address.full_address",
  "automation_data.workflow_id", "automation_data.last_automation_step", "automation_data.automation_history",
  "counters_state.applied_floor", "counters_state.applied", "counters_state.max_sent", "counters_state.newest_created", "counters_state.newest_share", "counters_state.version",
] as const;

export type Entry = (typeof LEAD_FIELDS)[number];
export type LeadFieldPath = Entry["path"];

type WithColumn = Extract<Entry, { column: ColumnFacet }>;
type WithSort = Extract<WithColumn, { column: { sort: object } }>;
export type ColumnId = WithColumn["column"]["id"];
export type SortKey = WithSort["column"]["sort"]["key"];
/** The stored field a value sort reads. */
export type SortField = Extract<WithSort, { column: { sort: { order: "value" } } }>["path"];
/** The stored field a by-code sort reads (status, priority). */
export type SortCodeField = Extract<WithSort, { column: { sort: { order: "codes" } } }>["path"];
export type FilterPath = Extract<Entry, { filter: FilterFacet }>["path"];
export type MergeChoiceName = Extract<Entry, { merge: { choice: string } }>["merge"]["choice"];
export type FieldImportTarget = Extract<Entry, { import: readonly ImportTargetDef[] }>["import"][number]["value"];

/** The fields a list row holds (lib/leads/list/lead-row.ts, lib/leads/list/index/index-row.ts). */
export type RowEntry = Extract<Entry, { column: ColumnFacet } | { filter: FilterFacet } | { rowKey: string }>;
/** The key a row holds a field under: its `rowKey`, or its path. */
export type RowKeyOf<E> = E extends { rowKey: infer K extends string } ? K : E extends { path: infer P extends string } ? P : never;
/** Present in every row: every lead has one (required text, code or date), or an empty list (tags). */
type AlwaysHeld<E> = E extends { required: true; kind: "text" | "enum" | "date" } | { kind: "tags" } ? true : false;
/** A row's fields, typed by kind through `V` (the index keeps dates as epoch milliseconds, the page as ISO strings). */
export type RowValues<V extends Partial<Record<LeadFieldKind, unknown>>> = {
  [E in RowEntry as AlwaysHeld<E> extends true ? RowKeyOf<E> : never]: V[E["kind"]];
} & {
  [E in RowEntry as AlwaysHeld<E> extends true ? never : RowKeyOf<E>]?: V[E["kind"]];
};

/** `created_from` → `createdFrom`: a filter parameter's property in the list state. */
export type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;
type AnyFilterEntry = Extract<Entry, { filter: { kind: "any" } }>;
type RangeFilterEntry = Extract<Entry, { filter: { kind: "range" } }>;
type AnyFilterKey<E> = E extends { filter: { key: infer K extends string } } ? K : E extends { filter: { param: infer P extends string } } ? CamelCase<P> : never;
type AnyFilterValue<E> = E extends { codes: readonly (infer C)[] } ? C : string;
/** A range's bound: a day (YYYY-MM-DD) for a date, else a number. */
type RangeBound<E> = E extends { kind: "date" } ? string : number;
/** The list state's properties of the filters derived from the registry (lib/leads/list/list-query.ts). */
export type FieldFilterValues = {
  [E in AnyFilterEntry as AnyFilterKey<E>]: AnyFilterValue<E>[];
} & {
  [E in RangeFilterEntry as CamelCase<E["filter"]["from"]>]?: RangeBound<E>;
} & {
  [E in RangeFilterEntry as CamelCase<E["filter"]["to"]>]?: RangeBound<E>;
};

/** The fields a person types (an `input` facet): top-level ones, and nested ones (address.street) under their object. */
export type InputEntry = Extract<Entry, { input: InputFacet }>;
type TopInputEntry = Exclude<InputEntry, { path: `${string}.${string}` }>;
type NestedInputEntry = Extract<InputEntry, { path: `${string}.${string}` }>;
type Head<P> = P extends `${infer H}.${string}` ? H : never;
type Tail<P> = P extends `${string}.${infer T}` ? T : never;
/** The typed fields as an object, a value of each kind typed by `V`; a top-level field the lead lacks is `Empty`, a nested one left out. */
export type InputFields<V extends Partial<Record<LeadFieldKind, unknown>>, Empty> = {
  [E in TopInputEntry as E["path"]]: E extends { required: true } ? V[E["kind"]] : V[E["kind"]] | Empty;
} & {
  [H in Head<NestedInputEntry["path"]>]: { [E in Extract<NestedInputEntry, { path: `${H}.${string}` }> as Tail<E["path"]>]?: V[E["kind"]] };
};

/** The entries with a given facet, in the registry's order. */
export function fieldsWith<F extends keyof LeadFieldDef>(facet: F): (LeadFieldDef & Required<Pick<LeadFieldDef, F>>)[] {
  return (LEAD_FIELDS as readonly LeadFieldDef[]).filter((f) => f[facet] !== undefined) as (LeadFieldDef & Required<Pick<LeadFieldDef, F>>)[];
}

export function leadField(path: string): LeadFieldDef | undefined {
  return (LEAD_FIELDS as readonly LeadFieldDef[]).find((f) => f.path === path);
}

const unique = <T,>(items: T[]): T[] => [...new Set(items)];

/** The first part of a path ("address.street" → "address"): what a projection names. */
export const topLevel = (path: string) => path.split(".")[0];

// ---- Derived lists -------------------------------------------------------------------------

/** Paths whose change is the person's, compared and logged (custom fields by prefix, see isTrackedLeadPath). */
export const LEAD_TRACKED_PATHS = fieldsWith("tracked").filter((f) => f.kind !== "custom").map((f) => f.path) as readonly LeadFieldPath[];
/** Tracked fields whose every key is tracked on its own (`custom_fields.<key>`). */
export const LEAD_TRACKED_PREFIXES = fieldsWith("tracked").filter((f) => f.kind === "custom").map((f) => `${f.path}.`);

/** The merge's choices, in the registry's order. */
export const LEAD_MERGE_CHOICES = unique(fieldsWith("merge").flatMap((f) => ("choice" in f.merge ? [f.merge.choice] : []))) as unknown as readonly [MergeChoiceName, ...MergeChoiceName[]];
/** Fields a merge fills from the merged lead when the kept lead has none. */
export const LEAD_MERGE_FILL_EMPTY = fieldsWith("merge").filter((f) => "fillEmpty" in f.merge).map((f) => f.path);

/** Import targets that write a field (the import adds "Don't import" and the workspace's custom fields). */
export const LEAD_FIELD_IMPORT_TARGETS: readonly ImportTargetDef[] = fieldsWith("import").flatMap((f) => f.import);

/** The paths the list filters on. */
export const LEAD_FILTER_PATHS = fieldsWith("filter").map((f) => f.path) as FilterPath[];

/** The fields a list row holds: every column and filter, and what a column shows besides its own field (the address's city and state). */
export const LEAD_ROW_FIELDS = (LEAD_FIELDS as readonly LeadFieldDef[]).filter((f) => f.column || f.filter || f.rowKey);
export const rowKeyOf = (f: LeadFieldDef): string => f.rowKey ?? f.path;

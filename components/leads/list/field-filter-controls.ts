// The lead list's controls, chips and count for the filters the field registry declares (a field's
// `filter` facet; lib/leads/list/field-filters.ts): an "any of" filter is a group of checkboxes
// (an enum's codes in their words, in their order; a free-form field's known values), a range is
// From and To (days for a date field, numbers otherwise); a chip per chosen value, one per range.
// filter-panel.tsx and active-filters.tsx render these and place the hand-written ("own") filters
// among them, so a filter added to the registry gets its control and chips with nothing written
// here. Client-safe, no JSX: unit-tested in field-filter-controls.test.ts.
import { sourceLabel } from "@/lib/leads/enum-labels";
import { FIELD_FILTERS, type FieldFilter } from "@/lib/leads/list/field-filters";
import type { LeadListQuery } from "@/lib/leads/list/list-query";
import { formatMoney, numberFormat } from "./format";

type State = Readonly<Record<string, unknown>>;
/** A change to the list state (a derived filter's property, named by the registry). */
type Change = Partial<LeadListQuery>;

/**
 * What the list knows of values that are not codes: the values a free-form "any of" filter offers,
 * by field path (the lead's sources, the tag catalogue; list-options.ts), and the members' names.
 */
export type FilterChoices = { values: Readonly<Record<string, readonly string[]>>; userNames: ReadonlyMap<string, string> };

export type AnyControl = {
  kind: "any";
  path: string;
  legend: string;
  values: readonly string[];
  selected: readonly string[];
  /** A free-form field's values may be many: the group scrolls. */
  scroll: boolean;
  words: (value: string) => string;
  toggle: (value: string) => Change;
};

export type RangeControl = {
  kind: "range";
  path: string;
  legend: string;
  type: "date" | "number";
  /** The inputs' values ("" when the end is open). */
  from: string;
  to: string;
  set: (end: "from" | "to", input: string) => Change;
};

export type FilterControl = AnyControl | RangeControl;

export type Chip = { key: string; label: string; remove: Change };

const selectedOf = (f: Extract<FieldFilter, { kind: "any" }>, q: LeadListQuery) => ((q as unknown as State)[f.key] as string[] | undefined) ?? [];
const boundOf = (q: LeadListQuery, key: string) => (q as unknown as State)[key] as string | number | undefined;

/** A chosen value in words: an enum's label, a member's name, a source in words, else the value. */
export function valueWords(f: FieldFilter, value: string, userNames: ReadonlyMap<string, string>): string {
  const field = f.field;
  if (field.labels) return field.labels[value] ?? value;
  if (field.kind === "user") return userNames.get(value) ?? "Unknown member";
  if (field.export?.format === "source") return sourceLabel(value);
  return value;
}

/** The panel's heading: the field's label; a list (tags) lists leads with any of the chosen values, and says so. */
export function filterLegend(f: FieldFilter): string {
  return f.kind === "any" && f.field.kind === "tags" ? `${f.field.label} (any of)` : f.field.label;
}

/** What a chip calls the filter: the facet's `chip`, or the field's label. */
export function chipName(f: FieldFilter): string {
  const facet = f.field.filter;
  return (facet && facet.kind !== "own" && facet.chip) || f.field.label;
}

/** The values an "any of" filter offers: an enum's codes, the members, or what `choices` knows of the field; undefined when nothing does. */
function valuesOf(f: Extract<FieldFilter, { kind: "any" }>, choices: FilterChoices): readonly string[] | undefined {
  if (f.field.kind === "enum") return f.field.codes ?? [];
  if (f.field.kind === "user") return [...choices.userNames.keys()];
  return choices.values[f.path];
}

/**
 * The panel's control of a derived filter in a list state; null for an "any of" filter whose
 * values nothing offers (a free-form field not in `choices`: its chips still show and remove it).
 */
export function filterControl(f: FieldFilter, query: LeadListQuery, choices: FilterChoices): FilterControl | null {
  if (f.kind === "any") {
    const values = valuesOf(f, choices);
    if (!values) return null;
    const selected = selectedOf(f, query);
    return {
      kind: "any",
      path: f.path,
      legend: filterLegend(f),
      values,
      selected,
      scroll: f.field.kind !== "enum",
      words: (v) => valueWords(f, v, choices.userNames),
      toggle: (v) => ({ [f.key]: selected.includes(v) ? selected.filter((x) => x !== v) : [...selected, v] }) as Change,
    };
  }
  const show = (key: string) => String(boundOf(query, key) ?? "");
  return {
    kind: "range",
    path: f.path,
    legend: filterLegend(f),
    type: f.days ? "date" : "number",
    from: show(f.from.key),
    to: show(f.to.key),
    set: (end, input) => {
      const key = (end === "from" ? f.from : f.to).key;
      if (f.days || input === "") return { [key]: input || undefined } as Change;
      const n = Number(input);
      return { [key]: Number.isFinite(n) ? n : undefined } as Change;
    },
  };
}

/** A range's end on a chip: a day or a year as written, money in dollars, a number grouped; "…" when open. */
function boundWords(f: Extract<FieldFilter, { kind: "range" }>, value: string | number | undefined): string {
  if (value === undefined) return "…";
  if (f.days || typeof value !== "number" || f.field.input?.year) return String(value);
  return f.field.kind === "money" ? formatMoney(value) : numberFormat.format(value);
}

/** The chips of a derived filter in a list state: one per chosen value ("Status: New"), one per range ("Created 2026-01-01 – …"), each with the change that removes it. */
export function filterChips(f: FieldFilter, query: LeadListQuery, userNames: ReadonlyMap<string, string>): Chip[] {
  const name = chipName(f);
  if (f.kind === "any") {
    const selected = selectedOf(f, query);
    return selected.map((v) => ({ key: `${f.param}-${v}`, label: `${name}: ${valueWords(f, v, userNames)}`, remove: { [f.key]: selected.filter((x) => x !== v) } as Change }));
  }
  const from = boundOf(query, f.from.key);
  const to = boundOf(query, f.to.key);
  if (from === undefined && to === undefined) return [];
  return [{ key: f.from.param, label: `${name} ${boundWords(f, from)} – ${boundWords(f, to)}`, remove: { [f.from.key]: undefined, [f.to.key]: undefined } as Change }];
}

/** What a derived filter adds to the Filters button's count: each chosen value, or 1 for a range with an end set. */
export function filterCount(f: FieldFilter, query: LeadListQuery): number {
  if (f.kind === "any") return selectedOf(f, query).length;
  return boundOf(query, f.from.key) !== undefined || boundOf(query, f.to.key) !== undefined ? 1 : 0;
}

/**
 * Where the filters sit, by their field's path: `order` first (the derived filters and the
 * hand-written ones as the list has always placed them), then the registry's other derived
 * filters in its order: a filter added to the registry comes after the ones there are.
 */
export function inOrder(order: readonly string[], filters: readonly FieldFilter[] = FIELD_FILTERS): string[] {
  return [...order, ...filters.map((f) => f.path).filter((p) => !order.includes(p))];
}

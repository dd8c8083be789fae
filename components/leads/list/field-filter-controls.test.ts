// The filter panel's controls, the active-filter chips and the Filters count come from a field's
// filter facet: a made-up field with one gets them with nothing written in components/, and the
// registry's own filters keep the words the list has always shown.
import { describe, expect, it } from "vitest";
import type { LeadFieldDef } from "@/lib/leads/fields";
import { FIELD_FILTERS, fieldFilters, type FieldFilter } from "@/lib/leads/list/field-filters";
import { listQueryToSearch, parseListQuery, type LeadListQuery } from "@/lib/leads/list/list-query";
import { filterChips, filterControl, filterCount, inOrder, type AnyControl, type FilterChoices, type RangeControl } from "./field-filter-controls";

const MADE_UP: LeadFieldDef[] = [
  {
    path: "occupancy", label: "Occupancy", kind: "enum", codes: ["vacant", "tenant", "owner"], labels: { vacant: "Vacant", tenant: "Tenant occupied", owner: "Owner occupied" },
    filter: { kind: "any", param: "occupancy" },
  },
  { path: "year_renovated", label: "Year renovated", kind: "number", input: { min: 1800, max: 2100, year: true }, filter: { kind: "range", from: "renovated_from", to: "renovated_to", chip: "Renovated" } },
  { path: "units", label: "Units", kind: "number", filter: { kind: "range", from: "units_from", to: "units_to" } },
  { path: "repair_estimate", label: "Repair estimate", kind: "money", filter: { kind: "range", from: "repairs_from", to: "repairs_to" } },
  { path: "listed_on", label: "Listed", kind: "date", filter: { kind: "range", from: "listed_from", to: "listed_to" } },
  { path: "lender", label: "Lender", kind: "text", filter: { kind: "any", param: "lender", repeat: true } },
];
const filters = fieldFilters(MADE_UP);
const byPath = (path: string, list: readonly FieldFilter[] = filters) => list.find((f) => f.path === path)!;
const noChoices: FilterChoices = { values: {}, userNames: new Map() };
const parse = (search: string, list: readonly FieldFilter[] = filters) => {
  const { query, problems } = parseListQuery(new URLSearchParams(search), list);
  expect(problems).toEqual([]);
  return query;
};
const apply = (q: LeadListQuery, change: Partial<LeadListQuery>) => ({ ...q, ...change });

describe("a made-up field's filter in the panel and the chips", () => {
  it("an enum's 'any of' filter is a checkbox per code, in words, and a removable chip per chosen code", () => {
    const f = byPath("occupancy");
    const q = parse("occupancy=vacant,owner");
    const c = filterControl(f, q, noChoices) as AnyControl;
    expect(c).toMatchObject({ kind: "any", legend: "Occupancy", values: ["vacant", "tenant", "owner"], selected: ["vacant", "owner"], scroll: false });
    expect(c.values.map(c.words)).toEqual(["Vacant", "Tenant occupied", "Owner occupied"]);
    // Ticking a box lands in the URL; unticking one takes it out.
    expect(listQueryToSearch(apply(q, c.toggle("tenant")), [], filters)).toBe("?occupancy=vacant%2Cowner%2Ctenant");
    expect(listQueryToSearch(apply(q, c.toggle("vacant")), [], filters)).toBe("?occupancy=owner");

    const chips = filterChips(f, q, new Map());
    expect(chips.map((x) => x.label)).toEqual(["Occupancy: Vacant", "Occupancy: Owner occupied"]);
    expect(listQueryToSearch(apply(q, chips[1].remove), [], filters)).toBe("?occupancy=vacant");
    expect(filterCount(f, q)).toBe(2);
  });

  it("a number range is From and To numbers; one chip, named by the facet, removes both ends", () => {
    const f = byPath("year_renovated");
    const q = parse("renovated_from=1990");
    const c = filterControl(f, q, noChoices) as RangeControl;
    expect(c).toMatchObject({ kind: "range", legend: "Year renovated", type: "number", from: "1990", to: "" });
    const wider = apply(q, c.set("to", "2005"));
    expect(listQueryToSearch(wider, [], filters)).toBe("?renovated_from=1990&renovated_to=2005");
    // Emptying an input opens that end.
    expect(listQueryToSearch(apply(wider, c.set("from", "")), [], filters)).toBe("?renovated_to=2005");

    const chips = filterChips(f, wider, new Map());
    expect(chips.map((x) => x.label)).toEqual(["Renovated 1990 – 2005"]);
    expect(listQueryToSearch(apply(wider, chips[0].remove), [], filters)).toBe("");
    expect(filterCount(f, wider)).toBe(1);
    expect(filterCount(f, parse(""))).toBe(0);
    expect(filterChips(f, parse(""), new Map())).toEqual([]);
  });

  it("a money range's chip shows dollars, a number's grouped; a date range is From and To days", () => {
    expect(filterChips(byPath("units"), parse("units_from=1200"), new Map()).map((x) => x.label)).toEqual(["Units 1,200 – …"]);
    expect(filterChips(byPath("repair_estimate"), parse("repairs_to=25000"), new Map()).map((x) => x.label)).toEqual(["Repair estimate … – $25,000"]);
    const days = parse("listed_from=2026-01-05&listed_to=2026-02-01");
    expect(filterControl(byPath("listed_on"), days, noChoices)).toMatchObject({ type: "date", legend: "Listed", from: "2026-01-05", to: "2026-02-01" });
    expect(filterChips(byPath("listed_on"), days, new Map()).map((x) => x.label)).toEqual(["Listed 2026-01-05 – 2026-02-01"]);
  });

  it("a free-form field offers the values the list knows of it, and without them still shows and removes its chips", () => {
    const f = byPath("lender");
    const q = parse("lender=First+Bank&lender=Cash%2C+private");
    expect(filterControl(f, q, noChoices)).toBeNull();
    expect(filterChips(f, q, new Map()).map((x) => x.label)).toEqual(["Lender: First Bank", "Lender: Cash, private"]);
    const c = filterControl(f, q, { values: { lender: ["Cash, private", "First Bank", "Hard money"] }, userNames: new Map() }) as AnyControl;
    expect(c).toMatchObject({ legend: "Lender", values: ["Cash, private", "First Bank", "Hard money"], scroll: true });
    expect(listQueryToSearch(apply(q, c.toggle("First Bank")), [], filters)).toBe("?lender=Cash%2C+private");
  });

  it("comes after the filters the panel already places", () => {
    expect(inOrder(["status", "assigned_to"], filters)).toEqual(["status", "assigned_to", "occupancy", "year_renovated", "units", "repair_estimate", "listed_on", "lender"]);
  });
});

describe("the registry's filters keep the panel's and the chips' words", () => {
  const q = parse("status=new&priority=urgent&source=cold_call&tag=hot+lead&created_from=2026-01-01&contacted_to=2026-02-01", FIELD_FILTERS);
  const choices: FilterChoices = { values: { source: ["cold_call", "ppc"], tags: ["hot lead"] }, userNames: new Map() };

  it("legends, values in words, and chips", () => {
    const controls = FIELD_FILTERS.map((f) => filterControl(f, q, choices)!);
    expect(Object.fromEntries(controls.map((c) => [c.path, c.legend]))).toEqual({
      status: "Status", priority: "Priority", source: "Source", tags: "Tags (any of)", last_contacted: "Last contacted", created_at: "Created",
    });
    const source = controls.find((c) => c.path === "source") as AnyControl;
    expect(source.values.map(source.words)).toEqual(["Cold call", "PPC"]);
    expect(controls.filter((c) => c.kind === "range").map((c) => c.type)).toEqual(["date", "date"]);

    const chips = Object.fromEntries(FIELD_FILTERS.map((f) => [f.path, filterChips(f, q, new Map()).map((c) => c.label)]));
    expect(chips).toEqual({
      status: ["Status: New"], priority: ["Priority: Urgent"], source: ["Source: Cold call"], tags: ["Tag: hot lead"],
      last_contacted: ["Contacted … – 2026-02-01"], created_at: ["Created 2026-01-01 – …"],
    });
    expect(FIELD_FILTERS.reduce((n, f) => n + filterCount(f, q), 0)).toBe(6);
  });
});

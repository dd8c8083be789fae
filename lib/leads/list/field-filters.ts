// The list filters a field's `filter` facet declares (lib/leads/fields.ts): their URL parameters,
// how a value of each is read, and how the list state holds them. list-query.ts reads and writes
// them beside the hand-written ones; criteria.ts turns them into clauses. Adding a filterable field
// is its facet: nothing here names a field. Shared by the server and the browser: no server imports.
import { z } from "zod";
import { LEAD_FIELDS, type LeadFieldDef } from "../fields";

/** One end of a range: its URL parameter and the list state's property. */
export type RangeBound = { param: string; key: string };

export type FieldFilter =
  | { kind: "any"; field: LeadFieldDef; path: string; param: string; key: string; repeat: boolean; schema: z.ZodType<string[]> }
  | { kind: "range"; field: LeadFieldDef; path: string; from: RangeBound; to: RangeBound; days: boolean; schema: z.ZodType<string | number> };

/** At most this many values of a free-form field (a source, a tag) in one filter. */
const MAX_VALUES = 20;

export const camelCase = (param: string) => param.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const plural = (label: string) => (label.toLowerCase().endsWith("s") ? label.toLowerCase() : `${label.toLowerCase()}s`);

// A day that exists: Date.parse rolls 2026-02-30 over to 2 March instead of refusing it.
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "must be a real date");
export const userIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, "must be a user id");
const numberSchema = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a number").transform(Number);

/** How one chosen value of a field is read, by its kind. */
function valueSchema(f: LeadFieldDef): z.ZodType<string> {
  switch (f.kind) {
    case "enum":
      return z.enum(f.codes as [string, ...string[]], { error: `must be one of ${f.codes!.join(", ")}` });
    case "user":
      return userIdSchema.transform((id) => id.toLowerCase());
    case "tags":
      return z.string().transform((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).pipe(z.string().min(1).max(50, "must be at most 50 characters"));
    default: {
      const max = f.input?.max ?? 50;
      // A field kept in lower case (source) is chosen by its plain name.
      if (f.input?.lowercase) return z.string().trim().toLowerCase().min(1).max(max, `must be at most ${max} characters`).regex(/^[a-z0-9 _-]+$/, `must be a plain ${f.label.toLowerCase()} name`);
      return z.string().trim().min(1).max(max, `must be at most ${max} characters`);
    }
  }
}

/** The filters the fields' facets declare, in the registry's order. */
export function fieldFilters(fields: readonly LeadFieldDef[]): FieldFilter[] {
  return fields.flatMap((field): FieldFilter[] => {
    const facet = field.filter;
    if (facet?.kind === "any") {
      const one = valueSchema(field);
      // A field of codes has so few values that a list of them needs no bound.
      const schema = field.kind === "enum" ? z.array(one) : z.array(one).max(MAX_VALUES, `at most ${MAX_VALUES} ${plural(field.label)}`);
      return [{ kind: "any", field, path: field.path, param: facet.param, key: facet.key ?? camelCase(facet.param), repeat: !!facet.repeat, schema }];
    }
    if (facet?.kind === "range") {
      const days = field.kind === "date";
      return [{
        kind: "range", field, path: field.path, days,
        from: { param: facet.from, key: camelCase(facet.from) },
        to: { param: facet.to, key: camelCase(facet.to) },
        schema: days ? daySchema : numberSchema,
      }];
    }
    return [];
  });
}

export const FIELD_FILTERS = fieldFilters(LEAD_FIELDS as readonly LeadFieldDef[]);

type State = Record<string, unknown>;

/** A URL parameter of a derived filter: its schema, and whether it holds several values (comma-separated, or repeated). */
export type FilterParam = { name: string; schema: z.ZodType; list?: "comma" | "repeat" };

export function filterParams(filters: readonly FieldFilter[]): FilterParam[] {
  return filters.flatMap((f): FilterParam[] =>
    f.kind === "any"
      ? [{ name: f.param, schema: f.schema, list: f.repeat ? "repeat" : "comma" }]
      : [{ name: f.from.param, schema: f.schema }, { name: f.to.param, schema: f.schema }],
  );
}

/** The empty state of the derived filters: every "any of" holds no value. */
export function emptyFilterValues(filters: readonly FieldFilter[]): State {
  return Object.fromEntries(filters.flatMap((f) => (f.kind === "any" ? [[f.key, []]] : [])));
}

/**
 * Puts the parsed parameters into the list state (duplicates dropped) and returns the problems of
 * reversed ranges.
 */
export function readFilterValues(filters: readonly FieldFilter[], values: Readonly<Record<string, unknown>>, state: State): { param: string; message: string }[] {
  const problems: { param: string; message: string }[] = [];
  for (const f of filters) {
    if (f.kind === "any") state[f.key] = [...new Set((values[f.param] as string[] | undefined) ?? [])];
    else {
      const from = values[f.from.param] as string | number | undefined;
      const to = values[f.to.param] as string | number | undefined;
      state[f.from.key] = from;
      state[f.to.key] = to;
      if (from !== undefined && to !== undefined && from > to) problems.push({ param: f.to.param, message: `${f.to.param} is before ${f.from.param}` });
    }
  }
  return problems;
}

/** The derived filters' URL parameters of a list state, as [name, value] pairs. */
export function filterParamValues(filters: readonly FieldFilter[], state: Readonly<State>): [string, string][] {
  return filters.flatMap((f): [string, string][] => {
    if (f.kind === "any") {
      const values = (state[f.key] as string[] | undefined) ?? [];
      if (!values.length) return [];
      return f.repeat ? values.map((v) => [f.param, v]) : [[f.param, values.join(",")]];
    }
    const out: [string, string][] = [];
    for (const b of [f.from, f.to]) if (state[b.key] !== undefined) out.push([b.param, String(state[b.key])]);
    return out;
  });
}

/** True when the state sets any derived filter. */
export function hasFilterValues(filters: readonly FieldFilter[], state: Readonly<State>): boolean {
  return filters.some((f) => (f.kind === "any" ? ((state[f.key] as unknown[] | undefined)?.length ?? 0) > 0 : state[f.from.key] !== undefined || state[f.to.key] !== undefined));
}

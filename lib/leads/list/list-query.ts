// The lead list's state as it lives in the URL, so a view can be shared and bookmarked.
// Every parameter is read by name and validated with zod as a plain string: a key like
// `status[$ne]` is simply unknown, and a value never becomes a query operator.
// Shared by the server and the browser: no server imports here.
import { z } from "zod";
import type { FieldFilterValues } from "@/lib/leads/fields";
import { COLUMN_IDS, DEFAULT_DIRECTION, normalizeColumns, SORT_KEYS, type ColumnId, type SortKey } from "./columns";
import { emptyFilterValues, FIELD_FILTERS, filterParams, filterParamValues, hasFilterValues, readFilterValues, userIdSchema, type FieldFilter, type FilterParam } from "./field-filters";

export const FOLLOW_UP_FILTERS = ["overdue", "today", "due", "upcoming", "none"] as const;
export type FollowUpFilter = (typeof FOLLOW_UP_FILTERS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_SEARCH_LENGTH = 100;

/**
 * The filters the field registry declares (status, priority, source, tags: any of the chosen
 * values; createdFrom/To, contactedFrom/To: days, both included; see field-filters.ts), and these.
 */
export type LeadListQuery = FieldFilterValues & {
  q?: string;
  /** User ids, "me" (the signed-in user) or "none" (unassigned). */
  assigned: string[];
  followUp?: FollowUpFilter;
  contacted?: "never" | "ever";
  hasPhone?: boolean;
  hasEmail?: boolean;
  sort: SortKey;
  dir: "asc" | "desc";
  after?: string;
  before?: string;
  size: number;
  /** Columns chosen for this view; undefined means "the user's own choice". */
  cols?: ColumnId[];
  /** The saved view this state came from, for highlighting it. */
  view?: string;
};

export const DEFAULT_SORT: SortKey = "created";

/** `filters`: the registry's (a test passes those of made-up fields). */
export function emptyListQuery(filters: readonly FieldFilter[] = FIELD_FILTERS): LeadListQuery {
  return { ...emptyFilterValues(filters), assigned: [], sort: DEFAULT_SORT, dir: DEFAULT_DIRECTION[DEFAULT_SORT], size: DEFAULT_PAGE_SIZE } as unknown as LeadListQuery;
}

const yesNo = z.enum(["yes", "no"], { error: "must be yes or no" });
const cursor = z.string().max(400, "is too long").regex(/^[A-Za-z0-9_-]+$/, "is not a page cursor");

// The parameters written here, one schema each; the registry's filters add theirs (field-filters.ts).
const OWN_PARAMS = {
  q: z.string().trim().max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`),
  assigned: z.array(z.union([z.literal("me"), z.literal("none"), userIdSchema], { error: 'must be a user id, "me" or "none"' })).max(50),
  follow_up: z.enum(FOLLOW_UP_FILTERS, { error: `must be one of ${FOLLOW_UP_FILTERS.join(", ")}` }),
  contacted: z.enum(["never", "ever"], { error: "must be never or ever" }),
  has_phone: yesNo,
  has_email: yesNo,
  sort: z.enum(SORT_KEYS, { error: `must be one of ${SORT_KEYS.join(", ")}` }),
  dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }),
  after: cursor,
  before: cursor,
  size: z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>], { error: `must be one of ${PAGE_SIZES.join(", ")}` })),
  cols: z.array(z.enum(COLUMN_IDS, { error: "unknown column" })),
  view: z.string().regex(/^([0-9a-f]{24}|builtin:[a-z-]+)$/i, "is not a view id"),
} as const;
type OwnParam = keyof typeof OWN_PARAMS;
type OwnValues = { [K in OwnParam]?: z.infer<(typeof OWN_PARAMS)[K]> };
// List parameters are comma-separated.
const OWN_LISTS = new Set<string>(["assigned", "cols"]);

// The order the URL has always been written in, so equal states give equal URLs and bookmarked
// ones read back the same; a filter added to the registry comes after these, in its order.
const URL_ORDER = ["view", "q", "status", "priority", "source", "assigned", "tag", "follow_up", "created_from", "created_to", "contacted", "contacted_from", "contacted_to", "has_phone", "has_email"];
const rank = (name: string) => (URL_ORDER.includes(name) ? URL_ORDER.indexOf(name) : URL_ORDER.length);
const inUrlOrder = <T,>(items: T[], name: (t: T) => string) => items.map((t, i) => ({ t, i })).sort((a, b) => rank(name(a.t)) - rank(name(b.t)) || a.i - b.i).map(({ t }) => t);

function paramsOf(filters: readonly FieldFilter[]): FilterParam[] {
  const own = (Object.keys(OWN_PARAMS) as OwnParam[]).map((name): FilterParam => ({ name, schema: OWN_PARAMS[name], list: OWN_LISTS.has(name) ? "comma" : undefined }));
  return inUrlOrder([...own, ...filterParams(filters)], (p) => p.name);
}
const PARAMS = paramsOf(FIELD_FILTERS);

export type ListQueryProblem = { param: string; message: string };
export type ParsedListQuery = { query: LeadListQuery; problems: ListQueryProblem[] };

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(params: ParamSource, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const v = params[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

function readParam(params: ParamSource, { name, list }: FilterParam): unknown {
  const raw = getAll(params, name);
  if (!raw.length) return undefined;
  // Values that may hold a comma (tags) repeat the key instead.
  if (list === "repeat") return raw.filter((v) => v.trim() !== "");
  if (list === "comma") return raw.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  // A single-valued parameter given twice is ambiguous: the first one counts.
  return raw[0];
}

/**
 * Reads the list state from URL parameters. Parameters it does not know are ignored; a known
 * parameter with an invalid value is dropped and reported in `problems`, so the page can say so
 * and the API can answer 400. `filters`: the registry's (a test passes those of made-up fields).
 */
export function parseListQuery(params: ParamSource, filters: readonly FieldFilter[] = FIELD_FILTERS): ParsedListQuery {
  const query = emptyListQuery(filters);
  const problems: ListQueryProblem[] = [];
  const parsed: Record<string, unknown> = {};
  for (const param of filters === FIELD_FILTERS ? PARAMS : paramsOf(filters)) {
    const raw = readParam(params, param);
    if (raw === undefined || raw === "") continue;
    const result = param.schema.safeParse(raw);
    if (result.success) parsed[param.name] = result.data;
    else problems.push({ param: param.name, message: `${param.name} ${result.error.issues[0]?.message ?? "is invalid"}` });
  }
  const values = parsed as OwnValues;

  const uniq = <T,>(xs: T[] | undefined) => [...new Set(xs ?? [])];
  if (values.q) query.q = values.q;
  query.assigned = uniq(values.assigned).map((a) => (a === "me" || a === "none" ? a : a.toLowerCase()));
  query.followUp = values.follow_up;
  query.contacted = values.contacted;
  if (values.has_phone) query.hasPhone = values.has_phone === "yes";
  if (values.has_email) query.hasEmail = values.has_email === "yes";
  if (values.sort) query.sort = values.sort;
  query.dir = values.dir ?? DEFAULT_DIRECTION[query.sort];
  if (values.after && values.before) problems.push({ param: "before", message: "after and before cannot be used together" });
  else {
    query.after = values.after;
    query.before = values.before;
  }
  if (values.size) query.size = values.size;
  if (values.cols) query.cols = normalizeColumns(values.cols);
  if (values.view) query.view = values.view;
  // The registry's filters, and their reversed ranges ("created_to is before created_from").
  problems.push(...readFilterValues(filters, parsed, query as unknown as Record<string, unknown>));
  return { query, problems };
}

/**
 * The URL parameters of a list state, in a stable order and without defaults, so equal states
 * give equal URLs. `omit` drops parts (for example the cursor when a filter changes).
 */
export function listQueryToParams(query: LeadListQuery, omit: ("cursor" | "view" | "cols")[] = [], filters: readonly FieldFilter[] = FIELD_FILTERS): URLSearchParams {
  const pairs: [string, string][] = [];
  if (query.view && !omit.includes("view")) pairs.push(["view", query.view]);
  if (query.q) pairs.push(["q", query.q]);
  pairs.push(...filterParamValues(filters, query as unknown as Record<string, unknown>));
  if (query.assigned.length) pairs.push(["assigned", query.assigned.join(",")]);
  if (query.followUp) pairs.push(["follow_up", query.followUp]);
  if (query.contacted) pairs.push(["contacted", query.contacted]);
  if (query.hasPhone !== undefined) pairs.push(["has_phone", query.hasPhone ? "yes" : "no"]);
  if (query.hasEmail !== undefined) pairs.push(["has_email", query.hasEmail ? "yes" : "no"]);
  const p = new URLSearchParams(inUrlOrder(pairs, ([name]) => name));
  setViewParams(p, query, { sort: DEFAULT_SORT, dir: DEFAULT_DIRECTION[DEFAULT_SORT], size: DEFAULT_PAGE_SIZE }, omit);
  return p;
}

type ViewState = { sort: string; dir: string; size: number; cols?: readonly string[] | null; after?: string | null; before?: string | null };

/**
 * The part of a list's URL every list shares (leads, buyers): sort and direction unless they are
 * the default, page size unless the default, chosen columns and the page cursor.
 */
export function setViewParams(p: URLSearchParams, query: ViewState, defaults: { sort: string; dir: string; size: number }, omit: readonly ("cursor" | "view" | "cols")[]): void {
  if (query.sort !== defaults.sort || query.dir !== defaults.dir) {
    p.set("sort", query.sort);
    p.set("dir", query.dir);
  }
  if (query.size !== defaults.size) p.set("size", String(query.size));
  if (query.cols && !omit.includes("cols")) p.set("cols", query.cols.join(","));
  if (!omit.includes("cursor")) {
    if (query.after) p.set("after", query.after);
    if (query.before) p.set("before", query.before);
  }
}

/** The URL search string of a state ("" or "?..."). */
export function listQueryToSearch(query: LeadListQuery, omit: ("cursor" | "view" | "cols")[] = [], filters: readonly FieldFilter[] = FIELD_FILTERS): string {
  const s = listQueryToParams(query, omit, filters).toString();
  return s ? `?${s}` : "";
}

/** True when the state filters the list (anything beyond sort, size, columns and paging). */
export function hasFilters(q: LeadListQuery, filters: readonly FieldFilter[] = FIELD_FILTERS): boolean {
  return Boolean(q.q || q.assigned.length || q.followUp || q.contacted || q.hasPhone !== undefined || q.hasEmail !== undefined) || hasFilterValues(filters, q as unknown as Record<string, unknown>);
}

/** The filter part of a state only: what bulk actions and exports re-evaluate on the server. */
export function filterPart(q: LeadListQuery): LeadListQuery {
  return { ...q, after: undefined, before: undefined, cols: undefined, view: undefined };
}

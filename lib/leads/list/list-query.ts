// The lead list's state as it lives in the URL, so a view can be shared and bookmarked.
// Every parameter is read by name and validated with zod as a plain string: a key like
// `status[$ne]` is simply unknown, and a value never becomes a query operator.
// Shared by the server and the browser: no server imports here.
import { z } from "zod";
import { LEAD_PRIORITIES, LEAD_STATUSES, type LeadPriority, type LeadStatus } from "@/models/lead-enums";
import { COLUMN_IDS, DEFAULT_DIRECTION, normalizeColumns, SORT_KEYS, type ColumnId, type SortKey } from "./columns";

export const FOLLOW_UP_FILTERS = ["overdue", "today", "due", "upcoming", "none"] as const;
export type FollowUpFilter = (typeof FOLLOW_UP_FILTERS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_SEARCH_LENGTH = 100;

export type LeadListQuery = {
  q?: string;
  status: LeadStatus[];
  priority: LeadPriority[];
  source: string[];
  /** User ids, "me" (the signed-in user) or "none" (unassigned). */
  assigned: string[];
  /** Leads carrying any of these tags. */
  tags: string[];
  followUp?: FollowUpFilter;
  createdFrom?: string;
  createdTo?: string;
  contactedFrom?: string;
  contactedTo?: string;
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

export function emptyListQuery(): LeadListQuery {
  return { status: [], priority: [], source: [], assigned: [], tags: [], sort: DEFAULT_SORT, dir: DEFAULT_DIRECTION[DEFAULT_SORT], size: DEFAULT_PAGE_SIZE };
}

// A day that exists: Date.parse rolls 2026-02-30 over to 2 March instead of refusing it.
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "must be a real date");
const objectId = z.string().regex(/^[0-9a-f]{24}$/i, "must be a user id");
const yesNo = z.enum(["yes", "no"], { error: "must be yes or no" });
const cursor = z.string().max(400, "is too long").regex(/^[A-Za-z0-9_-]+$/, "is not a page cursor");
const source = z.string().trim().toLowerCase().min(1).max(50, "must be at most 50 characters").regex(/^[a-z0-9 _-]+$/, "must be a plain source name");
const tag = z.string().transform((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).pipe(z.string().min(1).max(50, "must be at most 50 characters"));

// One schema per URL parameter; list parameters are comma-separated (tags repeat the key instead,
// since a tag name may contain a comma).
const PARAMS = {
  q: z.string().trim().max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`),
  status: z.array(z.enum(LEAD_STATUSES, { error: `must be one of ${LEAD_STATUSES.join(", ")}` })),
  priority: z.array(z.enum(LEAD_PRIORITIES, { error: `must be one of ${LEAD_PRIORITIES.join(", ")}` })),
  source: z.array(source).max(20, "at most 20 sources"),
  assigned: z.array(z.union([z.literal("me"), z.literal("none"), objectId], { error: 'must be a user id, "me" or "none"' })).max(50),
  tag: z.array(tag).max(20, "at most 20 tags"),
  follow_up: z.enum(FOLLOW_UP_FILTERS, { error: `must be one of ${FOLLOW_UP_FILTERS.join(", ")}` }),
  created_from: day,
  created_to: day,
  contacted_from: day,
  contacted_to: day,
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

type ParamName = keyof typeof PARAMS;
const LIST_PARAMS = new Set<ParamName>(["status", "priority", "source", "assigned", "cols"]);
const REPEATED_PARAMS = new Set<ParamName>(["tag"]);

export type ListQueryProblem = { param: string; message: string };
export type ParsedListQuery = { query: LeadListQuery; problems: ListQueryProblem[] };

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(params: ParamSource, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const v = params[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

function readParam(params: ParamSource, name: ParamName): unknown {
  const raw = getAll(params, name);
  if (!raw.length) return undefined;
  if (REPEATED_PARAMS.has(name)) return raw.filter((v) => v.trim() !== "");
  if (LIST_PARAMS.has(name)) return raw.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  // A single-valued parameter given twice is ambiguous: the first one counts.
  return raw[0];
}

/**
 * Reads the list state from URL parameters. Parameters it does not know are ignored; a known
 * parameter with an invalid value is dropped and reported in `problems`, so the page can say so
 * and the API can answer 400.
 */
export function parseListQuery(params: ParamSource): ParsedListQuery {
  const query = emptyListQuery();
  const problems: ListQueryProblem[] = [];
  const values: Partial<Record<ParamName, unknown>> = {};
  for (const name of Object.keys(PARAMS) as ParamName[]) {
    const raw = readParam(params, name);
    if (raw === undefined || raw === "") continue;
    const result = (PARAMS[name] as z.ZodType).safeParse(raw);
    if (result.success) values[name] = result.data;
    else problems.push({ param: name, message: `${name} ${result.error.issues[0]?.message ?? "is invalid"}` });
  }

  const uniq = <T,>(xs: T[] | undefined) => [...new Set(xs ?? [])];
  if (values.q) query.q = values.q as string;
  query.status = uniq(values.status as LeadStatus[]);
  query.priority = uniq(values.priority as LeadPriority[]);
  query.source = uniq(values.source as string[]);
  query.assigned = uniq(values.assigned as string[]).map((a) => (a === "me" || a === "none" ? a : a.toLowerCase()));
  query.tags = uniq(values.tag as string[]);
  query.followUp = values.follow_up as FollowUpFilter | undefined;
  query.createdFrom = values.created_from as string | undefined;
  query.createdTo = values.created_to as string | undefined;
  query.contactedFrom = values.contacted_from as string | undefined;
  query.contactedTo = values.contacted_to as string | undefined;
  query.contacted = values.contacted as "never" | "ever" | undefined;
  if (values.has_phone) query.hasPhone = values.has_phone === "yes";
  if (values.has_email) query.hasEmail = values.has_email === "yes";
  if (values.sort) query.sort = values.sort as SortKey;
  query.dir = (values.dir as "asc" | "desc" | undefined) ?? DEFAULT_DIRECTION[query.sort];
  if (values.after && values.before) problems.push({ param: "before", message: "after and before cannot be used together" });
  else {
    query.after = values.after as string | undefined;
    query.before = values.before as string | undefined;
  }
  if (values.size) query.size = values.size as number;
  if (values.cols) query.cols = normalizeColumns(values.cols as string[]);
  if (values.view) query.view = values.view as string;
  if (query.createdFrom && query.createdTo && query.createdFrom > query.createdTo) {
    problems.push({ param: "created_to", message: "created_to is before created_from" });
  }
  if (query.contactedFrom && query.contactedTo && query.contactedFrom > query.contactedTo) {
    problems.push({ param: "contacted_to", message: "contacted_to is before contacted_from" });
  }
  return { query, problems };
}

/**
 * The URL parameters of a list state, in a stable order and without defaults, so equal states
 * give equal URLs. `omit` drops parts (for example the cursor when a filter changes).
 */
export function listQueryToParams(query: LeadListQuery, omit: ("cursor" | "view" | "cols")[] = []): URLSearchParams {
  const p = new URLSearchParams();
  if (query.view && !omit.includes("view")) p.set("view", query.view);
  if (query.q) p.set("q", query.q);
  if (query.status.length) p.set("status", query.status.join(","));
  if (query.priority.length) p.set("priority", query.priority.join(","));
  if (query.source.length) p.set("source", query.source.join(","));
  if (query.assigned.length) p.set("assigned", query.assigned.join(","));
  for (const t of query.tags) p.append("tag", t);
  if (query.followUp) p.set("follow_up", query.followUp);
  if (query.createdFrom) p.set("created_from", query.createdFrom);
  if (query.createdTo) p.set("created_to", query.createdTo);
  if (query.contacted) p.set("contacted", query.contacted);
  if (query.contactedFrom) p.set("contacted_from", query.contactedFrom);
  if (query.contactedTo) p.set("contacted_to", query.contactedTo);
  if (query.hasPhone !== undefined) p.set("has_phone", query.hasPhone ? "yes" : "no");
  if (query.hasEmail !== undefined) p.set("has_email", query.hasEmail ? "yes" : "no");
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
export function listQueryToSearch(query: LeadListQuery, omit: ("cursor" | "view" | "cols")[] = []): string {
  const s = listQueryToParams(query, omit).toString();
  return s ? `?${s}` : "";
}

/** True when the state filters the list (anything beyond sort, size, columns and paging). */
export function hasFilters(q: LeadListQuery): boolean {
  return Boolean(
    q.q || q.status.length || q.priority.length || q.source.length || q.assigned.length || q.tags.length || q.followUp ||
      q.createdFrom || q.createdTo || q.contactedFrom || q.contactedTo || q.contacted || q.hasPhone !== undefined || q.hasEmail !== undefined,
  );
}

/** The filter part of a state only: what bulk actions and exports re-evaluate on the server. */
export function filterPart(q: LeadListQuery): LeadListQuery {
  return { ...q, after: undefined, before: undefined, cols: undefined, view: undefined };
}

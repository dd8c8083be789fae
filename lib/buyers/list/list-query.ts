// The buyer list's state as it lives in the URL (shareable, bookmarkable, saved as views).
// Every parameter is read by name and validated as a plain string, like the lead list's
// (lib/leads/list/list-query.ts): an unknown key is ignored, an invalid value is dropped and
// reported, and no value ever becomes a query operator.
// Shared by the server and the browser: no server imports here.
import { z } from "zod";
import { CREDIT_SCORES, EXPERIENCE_LEVELS, FUNDING_TYPES } from "@/models/buyer-enums";
import { PROPERTY_TYPES, type PropertyType } from "@/models/property-types";
import { setViewParams } from "@/lib/leads/list/list-query";
import { isLocationKey } from "../locations";

export const BUYER_SORT_KEYS = ["name", "created", "last_contacted", "price_min", "price_max", "deals"] as const;
export type BuyerSortKey = (typeof BUYER_SORT_KEYS)[number];
export const BUYER_DEFAULT_DIRECTION: Record<BuyerSortKey, "asc" | "desc"> = {
  name: "asc",
  created: "desc",
  last_contacted: "desc",
  price_min: "asc",
  price_max: "desc",
  deals: "desc",
};

export const BUYER_COLUMN_IDS = ["company", "phone", "email", "types", "price", "locations", "funding", "experience", "credit", "pof", "status", "tags", "deals", "last_contacted", "created"] as const;
export type BuyerColumnId = (typeof BUYER_COLUMN_IDS)[number];
export const BUYER_DEFAULT_COLUMNS: BuyerColumnId[] = ["company", "phone", "types", "price", "locations", "funding", "status", "deals", "last_contacted"];

export const CONTACTED_FILTERS = ["7d", "30d", "over_30d", "never"] as const;
export type ContactedFilter = (typeof CONTACTED_FILTERS)[number];
export const POF_FILTERS = ["valid", "expired", "none"] as const;
export type PofFilter = (typeof POF_FILTERS)[number];

export const BUYER_PAGE_SIZES = [25, 50, 100] as const;
export const BUYER_DEFAULT_PAGE_SIZE = 50;
export const BUYER_MAX_SEARCH_LENGTH = 100;
export const MAX_FILTER_PRICE = 1_000_000_000;


export type BuyerListQuery = {
  q?: string;
  types: PropertyType[];
  /** A price that must fall inside the buyer's range (a missing bound is open). */
  price?: number;
  /** Location keys: buyers who want any of them (or the whole state it is in). */
  loc: string[];
  funding: (typeof FUNDING_TYPES)[number][];
  experience: (typeof EXPERIENCE_LEVELS)[number][];
  credit: (typeof CREDIT_SCORES)[number][];
  active?: boolean;
  verified?: boolean;
  /** Proof of funds on file and still valid, expired, or none. */
  pof?: PofFilter;
  tags: string[];
  contacted?: ContactedFilter;
  /** Has closed at least one deal with us (true) or none (false). */
  closed?: boolean;
  sort: BuyerSortKey;
  dir: "asc" | "desc";
  after?: string;
  before?: string;
  size: number;
  cols?: BuyerColumnId[];
  view?: string;
};

export const BUYER_DEFAULT_SORT: BuyerSortKey = "name";

export function emptyBuyerQuery(): BuyerListQuery {
  return { types: [], loc: [], funding: [], experience: [], credit: [], tags: [], sort: BUYER_DEFAULT_SORT, dir: BUYER_DEFAULT_DIRECTION[BUYER_DEFAULT_SORT], size: BUYER_DEFAULT_PAGE_SIZE };
}

const yesNo = z.enum(["yes", "no"], { error: "must be yes or no" });
const cursor = z.string().max(400, "is too long").regex(/^[A-Za-z0-9_-]+$/, "is not a page cursor");
const tag = z.string().transform((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).pipe(z.string().min(1).max(50, "must be at most 50 characters"));
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(", ")}` });

const PARAMS = {
  q: z.string().trim().max(BUYER_MAX_SEARCH_LENGTH, `must be at most ${BUYER_MAX_SEARCH_LENGTH} characters`),
  type: z.array(oneOf(PROPERTY_TYPES)),
  price: z.string().regex(/^\d{1,10}$/, "must be a whole number of dollars, 0 or more").transform(Number).pipe(z.number().max(MAX_FILTER_PRICE, "is too large")),
  loc: z.array(z.string().max(200, "is too long").transform((l) => l.toLowerCase()).refine(isLocationKey, "is not a location (a ZIP, city, county or state)")).max(20, "at most 20 locations"),
  funding: z.array(oneOf(FUNDING_TYPES)),
  experience: z.array(oneOf(EXPERIENCE_LEVELS)),
  credit: z.array(oneOf(CREDIT_SCORES)),
  active: yesNo,
  verified: yesNo,
  pof: oneOf(POF_FILTERS),
  tag: z.array(tag).max(20, "at most 20 tags"),
  contacted: oneOf(CONTACTED_FILTERS),
  closed: yesNo,
  sort: oneOf(BUYER_SORT_KEYS),
  dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }),
  after: cursor,
  before: cursor,
  size: z.coerce.number().refine((n) => (BUYER_PAGE_SIZES as readonly number[]).includes(n), `must be one of ${BUYER_PAGE_SIZES.join(", ")}`),
  cols: z.array(oneOf(BUYER_COLUMN_IDS)),
  view: z.string().regex(/^([0-9a-f]{24}|builtin:[a-z-]+)$/i, "is not a view id"),
} as const;

type ParamName = keyof typeof PARAMS;
const LIST_PARAMS = new Set<ParamName>(["type", "funding", "experience", "credit", "cols"]);
// Repeated keys: a tag or a city name may contain a comma.
const REPEATED_PARAMS = new Set<ParamName>(["tag", "loc"]);

export type BuyerQueryProblem = { param: string; message: string };
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
  if (REPEATED_PARAMS.has(name)) return raw.map((v) => v.trim()).filter(Boolean);
  if (LIST_PARAMS.has(name)) return raw.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return raw[0];
}

/** Reads the buyer list state from URL parameters; invalid values are dropped and reported. */
export function parseBuyerQuery(params: ParamSource): { query: BuyerListQuery; problems: BuyerQueryProblem[] } {
  const query = emptyBuyerQuery();
  const problems: BuyerQueryProblem[] = [];
  const values: Partial<Record<ParamName, unknown>> = {};
  for (const name of Object.keys(PARAMS) as ParamName[]) {
    const raw = readParam(params, name);
    if (raw === undefined || raw === "") continue;
    const result = (PARAMS[name] as z.ZodType).safeParse(raw);
    if (result.success) values[name] = result.data;
    else problems.push({ param: name, message: `${name} ${result.error.issues[0]?.message ?? "is invalid"}` });
  }
  const uniq = <T,>(xs: unknown) => [...new Set((xs as T[] | undefined) ?? [])];
  if (values.q) query.q = values.q as string;
  query.types = uniq(values.type);
  if (values.price !== undefined) query.price = values.price as number;
  query.loc = uniq<string>(values.loc).map((l) => l.toLowerCase());
  query.funding = uniq(values.funding);
  query.experience = uniq(values.experience);
  query.credit = uniq(values.credit);
  if (values.active) query.active = values.active === "yes";
  if (values.verified) query.verified = values.verified === "yes";
  query.pof = values.pof as PofFilter | undefined;
  query.tags = uniq(values.tag);
  query.contacted = values.contacted as ContactedFilter | undefined;
  if (values.closed) query.closed = values.closed === "yes";
  if (values.sort) query.sort = values.sort as BuyerSortKey;
  query.dir = (values.dir as "asc" | "desc" | undefined) ?? BUYER_DEFAULT_DIRECTION[query.sort];
  if (values.after && values.before) problems.push({ param: "before", message: "after and before cannot be used together" });
  else {
    query.after = values.after as string | undefined;
    query.before = values.before as string | undefined;
  }
  if (values.size) query.size = values.size as number;
  if (values.cols) query.cols = BUYER_COLUMN_IDS.filter((c) => (values.cols as string[]).includes(c));
  if (values.view) query.view = values.view as string;
  return { query, problems };
}

/** The URL parameters of a state, stable and without defaults, so equal states give equal URLs. */
export function buyerQueryToParams(query: BuyerListQuery, omit: ("cursor" | "view" | "cols")[] = []): URLSearchParams {
  const p = new URLSearchParams();
  if (query.view && !omit.includes("view")) p.set("view", query.view);
  if (query.q) p.set("q", query.q);
  if (query.types.length) p.set("type", query.types.join(","));
  if (query.price !== undefined) p.set("price", String(query.price));
  for (const l of query.loc) p.append("loc", l);
  if (query.funding.length) p.set("funding", query.funding.join(","));
  if (query.experience.length) p.set("experience", query.experience.join(","));
  if (query.credit.length) p.set("credit", query.credit.join(","));
  if (query.active !== undefined) p.set("active", query.active ? "yes" : "no");
  if (query.verified !== undefined) p.set("verified", query.verified ? "yes" : "no");
  if (query.pof) p.set("pof", query.pof);
  for (const t of query.tags) p.append("tag", t);
  if (query.contacted) p.set("contacted", query.contacted);
  if (query.closed !== undefined) p.set("closed", query.closed ? "yes" : "no");
  setViewParams(p, query, { sort: BUYER_DEFAULT_SORT, dir: BUYER_DEFAULT_DIRECTION[BUYER_DEFAULT_SORT], size: BUYER_DEFAULT_PAGE_SIZE }, omit);
  return p;
}

export function buyerQueryToSearch(query: BuyerListQuery, omit: ("cursor" | "view" | "cols")[] = []): string {
  const s = buyerQueryToParams(query, omit).toString();
  return s ? `?${s}` : "";
}

export function buyerFilterCount(q: BuyerListQuery): number {
  return (
    q.types.length + q.loc.length + q.funding.length + q.experience.length + q.credit.length + q.tags.length +
    [q.price !== undefined, q.active !== undefined, q.verified !== undefined, q.pof, q.contacted, q.closed !== undefined].filter(Boolean).length
  );
}

export function buyerHasFilters(q: BuyerListQuery): boolean {
  return Boolean(q.q) || buyerFilterCount(q) > 0;
}

/** The filter part of a state: what bulk actions and exports re-evaluate on the server. */
export function buyerFilterPart(q: BuyerListQuery): BuyerListQuery {
  return { ...q, after: undefined, before: undefined, cols: undefined, view: undefined };
}

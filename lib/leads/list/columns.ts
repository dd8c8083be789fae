// The lead list's columns and sort keys. Shared by the server (projection, sorting, export) and
// the browser (column picker, headers), so no server imports here.

export const SORT_KEYS = [
  "name",
  "created",
  "last_contacted",
  "next_follow_up",
  "status",
  "priority",
  "asking_price",
  "estimated_value",
  "score",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const COLUMN_IDS = [
  "name",
  "phone",
  "email",
  "address",
  "status",
  "priority",
  "source",
  "assigned",
  "tags",
  "next_follow_up",
  "last_contacted",
  "created",
  "asking_price",
  "estimated_value",
  "score",
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export type ColumnDef = { id: ColumnId; label: string; sort?: SortKey; numeric?: boolean };

export const COLUMNS: readonly ColumnDef[] = [
  { id: "name", label: "Name", sort: "name" },
  { id: "phone", label: "Phone" },
  { id: "email", label: "E-mail" },
  { id: "address", label: "Property" },
  { id: "status", label: "Status", sort: "status" },
  { id: "priority", label: "Priority", sort: "priority" },
  { id: "source", label: "Source" },
  { id: "assigned", label: "Assigned to" },
  { id: "tags", label: "Tags" },
  { id: "next_follow_up", label: "Next follow-up", sort: "next_follow_up" },
  { id: "last_contacted", label: "Last contacted", sort: "last_contacted" },
  { id: "created", label: "Created", sort: "created" },
  { id: "asking_price", label: "Asking price", sort: "asking_price", numeric: true },
  { id: "estimated_value", label: "Est. value", sort: "estimated_value", numeric: true },
  { id: "score", label: "Score", sort: "score", numeric: true },
];

/** The name column is always shown: it is the link to the lead. */
export const REQUIRED_COLUMNS: readonly ColumnId[] = ["name"];

export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  "name",
  "phone",
  "status",
  "priority",
  "assigned",
  "tags",
  "next_follow_up",
  "last_contacted",
  "created",
];

export const SORT_LABELS: Record<SortKey, string> = {
  name: "Name",
  created: "Created",
  last_contacted: "Last contacted",
  next_follow_up: "Next follow-up",
  status: "Status",
  priority: "Priority",
  asking_price: "Asking price",
  estimated_value: "Estimated value",
  score: "Score",
};

/** The direction a column sorts in when first clicked: newest, highest, soonest first. */
export const DEFAULT_DIRECTION: Record<SortKey, "asc" | "desc"> = {
  name: "asc",
  created: "desc",
  last_contacted: "desc",
  next_follow_up: "asc",
  status: "asc",
  priority: "desc",
  asking_price: "desc",
  estimated_value: "desc",
  score: "desc",
};

/** The cookie that keeps a person's chosen columns (read by the server for the first render). */
export const COLUMNS_COOKIE = "dc_lead_cols";

/** Keeps known, unique column ids in the catalogue's order, always including the required ones. */
export function normalizeColumns(ids: readonly string[]): ColumnId[] {
  const wanted = new Set(ids);
  for (const id of REQUIRED_COLUMNS) wanted.add(id);
  return COLUMN_IDS.filter((id) => wanted.has(id));
}

// The lead list's columns and sort keys, derived from the lead's field registry (lib/leads/fields.ts):
// a field with a `column` facet is a column, one whose column has a `sort` is a sort key. Shared by
// the server (projection, sorting, export) and the browser (column picker, headers), so no server
// imports here.
import { fieldsWith, type ColumnId, type SortKey } from "../fields";

export type { ColumnId, SortKey };

export type ColumnDef = { id: ColumnId; label: string; sort?: SortKey; numeric?: boolean };

const columnFields = fieldsWith("column");
const sortFields = columnFields.filter((f) => f.column.sort);

export const COLUMNS: readonly ColumnDef[] = columnFields.map(({ column }) => ({
  id: column.id as ColumnId,
  label: column.label,
  ...(column.sort ? { sort: column.sort.key as SortKey } : {}),
  ...(column.numeric ? { numeric: true } : {}),
}));

export const COLUMN_IDS = COLUMNS.map((c) => c.id) as unknown as readonly [ColumnId, ...ColumnId[]];

export const SORT_KEYS = sortFields.map((f) => f.column.sort!.key) as unknown as readonly [SortKey, ...SortKey[]];

/** The name column is always shown: it is the link to the lead. */
export const REQUIRED_COLUMNS: readonly ColumnId[] = columnFields.filter((f) => f.column.required).map((f) => f.column.id as ColumnId);

export const DEFAULT_COLUMNS: readonly ColumnId[] = columnFields.filter((f) => f.column.shown).map((f) => f.column.id as ColumnId);

/** The direction a column sorts in when first clicked: newest, highest, soonest first. */
export const DEFAULT_DIRECTION = Object.fromEntries(sortFields.map((f) => [f.column.sort!.key, f.column.sort!.dir])) as Record<SortKey, "asc" | "desc">;

/** The cookie that keeps a person's chosen columns (read by the server for the first render). */
export const COLUMNS_COOKIE = "dc_lead_cols";

/** Keeps known, unique column ids in the catalogue's order, always including the required ones. */
export function normalizeColumns(ids: readonly string[]): ColumnId[] {
  const wanted = new Set(ids);
  for (const id of REQUIRED_COLUMNS) wanted.add(id);
  return COLUMN_IDS.filter((id) => wanted.has(id));
}

// The dates of an import read a column at a time, like its numbers (number-columns.ts): "03/04/2027"
// is the 3rd of April in a column that also holds "15/03/2027", and the 4th of March in one that
// holds "3/15/2027". A column whose values do not tell follows the file: a ";" file comes from a
// spreadsheet in a locale that writes the day first (German, French, Spanish, Italian, Dutch
// Excel all save ";" with day-first dates). Client-safe.
import { dateOrderOf, type DateOrder } from "@/lib/validation/date";
import type { ColumnMapping } from "./targets";

/** Targets whose cells are dates (custom date fields are told by their definition). */
export const DATE_TARGETS = new Set(["next_follow_up"]);

export type DateOrders = Readonly<Record<number, DateOrder>>;

/** column → the order of its numeric dates, for the date and custom columns. */
export function dateOrdersOf(mapping: readonly ColumnMapping[], rows: readonly { cells: readonly string[] }[], delimiter: string): DateOrders {
  const orders: Record<number, DateOrder> = {};
  for (const { column, target } of mapping) {
    if (!DATE_TARGETS.has(target) && !target.startsWith("custom:")) continue;
    const order = dateOrderOf(rows.map((r) => r.cells[column] ?? "")) ?? (delimiter === ";" ? "dmy" : undefined);
    if (order) orders[column] = order;
  }
  return orders;
}

import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { DATE_TARGETS } from "./date-columns";
import { NUMBER_TARGETS } from "./number-columns";
import { importRows, openImportFile } from "./read-file";
import type { ColumnMapping } from "./targets";

/**
 * The cells of a file's number and date columns, every row, read in one streaming pass: what
 * decimalMarksOf, dateOrdersOf and checkNumberColumns decide each column's reading from, without holding the
 * file's other cells (a row keeps only its number columns; MAX_IMPORT_ROWS bounds the rows).
 */
export async function readNumberColumnCells(ctx: TenantContext, imp: Parameters<typeof openImportFile>[1], mapping: readonly ColumnMapping[]): Promise<{ cells: string[] }[]> {
  const columns = mapping.filter((m) => NUMBER_TARGETS[m.target] || DATE_TARGETS.has(m.target) || m.target.startsWith("custom:")).map((m) => m.column);
  if (!columns.length) return [];
  const file = await openImportFile(ctx, imp);
  const rows: { cells: string[] }[] = [];
  for await (const { record } of importRows(file)) {
    const cells: string[] = [];
    for (const c of columns) cells[c] = record.cells[c] ?? "";
    rows.push({ cells });
  }
  return rows;
}

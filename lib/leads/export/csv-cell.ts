// CSV cells that spreadsheets will not run: a cell starting with = + - @, a tab or a carriage
// return is a formula to Excel, Sheets and LibreOffice (CSV injection), so it gets a leading '.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One value as a CSV cell: neutralised if it could be a formula, quoted when it must be. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

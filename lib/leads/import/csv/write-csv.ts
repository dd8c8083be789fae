// CSV output for reports people open in a spreadsheet. A cell starting with = + - @ tab or CR
// would be run as a formula by Excel or Sheets (CSV injection), so it gets a leading apostrophe;
// the importer drops that apostrophe again, so a corrected report imports cleanly.

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: unknown, delimiter = ","): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /["\n\r]/.test(text) || text.includes(delimiter) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[], delimiter = ","): string {
  return `${cells.map((c) => escapeCsvCell(c, delimiter)).join(delimiter)}\r\n`;
}

/** The value a report cell stood for: `'=SUM(A1)` → `=SUM(A1)` (only before a formula character). */
export function unescapeFormulaCell(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

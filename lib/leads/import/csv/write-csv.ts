// CSV output for files people open in a spreadsheet (lead exports, import reports). A cell
// starting with = + - @ tab or CR would be run as a formula by Excel or Sheets (CSV injection),
// so it gets a leading apostrophe; the importer drops that apostrophe again, so a corrected
// report imports cleanly. A plain signed number (an E.164 phone such as +15551234567, -5) is left
// as it is: no spreadsheet can run it, and a dialer reading the export needs it clean.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

function needsDefusing(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

export function escapeCsvCell(value: unknown, delimiter = ","): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (needsDefusing(text)) text = `'${text}`;
  return /["\n\r]/.test(text) || text.includes(delimiter) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[], delimiter = ","): string {
  return `${cells.map((c) => escapeCsvCell(c, delimiter)).join(delimiter)}\r\n`;
}

/** The value a report cell stood for: `'=SUM(A1)` → `=SUM(A1)` (only before what would be defused). */
export function unescapeFormulaCell(text: string): string {
  return text.length > 1 && text[0] === "'" && needsDefusing(text.slice(1)) ? text.slice(1) : text;
}

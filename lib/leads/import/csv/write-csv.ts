// CSV output for files people open in a spreadsheet (lead exports, import reports, and every
// future CSV the app writes: use csvLine, never a hand-made join). A cell starting with = + - @
// tab or CR (or fullwidth ＝ ＋ － ＠) would be run as a formula by Excel or Sheets (CSV injection), so it gets a leading
// apostrophe; the importer drops that apostrophe again, so a corrected report imports cleanly. A
// plain signed number (an E.164 phone such as +15551234567, -5) is left as it is: no spreadsheet
// can run it, and a dialer reading the export needs it clean.
//
// A spreadsheet does not always split on the separator we wrote: Excel in a decimal-comma locale
// splits a comma file on ";", an "import text" dialog may split on tab or "|". Under such a split
// a value like `called;=cmd|'/C calc'!A0` becomes a cell starting with "=", and our quotes do not
// protect it (a quote in the middle of a field is literal text). So every place where any of these
// separators or a line break is followed (after blanks of any kind or quotes) by a formula character gets an apostrophe right
// after the separator, whatever separator the file uses, and the cell is quoted.

// The characters that start a formula: = + - @ tab CR, and their fullwidth forms ＝ ＋ － ＠, which
// Excel in an East Asian locale reads as the ASCII ones (＝1+1 is computed).
const FORMULA_CHAR = "[=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20]";
// What a spreadsheet may skip or trim before reading a cell: quotes and any blank, a no-break or
// ideographic space included (JavaScript's \s; an import's "trim spaces" option trims them).
const FORMULA_START = new RegExp(`^[\\s"]*${FORMULA_CHAR}`);
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
// A separator (or a line break: a split that ignores our quotes starts a row there), then what a
// spreadsheet skips or unquotes before reading the cell, then a formula character.
const SPLIT_FORMULA = new RegExp(`([,;\\t|\\r\\n])(?=[\\s"]*${FORMULA_CHAR})`, "g");
const DEFUSED_SPLIT = new RegExp(`([,;\\t|\\r\\n])'(?=[\\s"]*${FORMULA_CHAR})`, "g");

function needsDefusing(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

export function escapeCsvCell(value: unknown, delimiter = ","): string {
  const raw = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  const split = raw.replace(SPLIT_FORMULA, "$1'");
  const text = needsDefusing(split) ? `'${split}` : split;
  // A decimal comma ("1,5" in a ";" file) stays bare; a cell defused after a separator is quoted.
  const quote = split !== raw || /["\n\r]/.test(text) || text.includes(delimiter) || text !== text.trim();
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[], delimiter = ","): string {
  return `${cells.map((c) => escapeCsvCell(c, delimiter)).join(delimiter)}\r\n`;
}

/**
 * The value a report cell stood for: `'=SUM(A1)` → `=SUM(A1)`, `called;'=cmd` → `called;=cmd`
 * (only the apostrophes escapeCsvCell adds: before what it would defuse).
 */
export function unescapeFormulaCell(text: string): string {
  const inner = text.length > 1 && text[0] === "'" && needsDefusing(text.slice(1)) ? text.slice(1) : text;
  return inner.replace(DEFUSED_SPLIT, "$1");
}

type RowCursor = { next(): Promise<unknown>; close(): Promise<unknown> };

/**
 * A database cursor as a CSV download: a BOM for Excel, the header line, then one line per
 * document, 200 at a time as the reader asks; `done(count)` runs once the last line is sent.
 */
export function csvStreamOf<T>(cursor: RowCursor, header: readonly string[], line: (row: T) => readonly unknown[], done: (count: number) => Promise<unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let count = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
    },
    async pull(controller) {
      try {
        let chunk = "";
        for (let i = 0; i < 200; i++) {
          const row = (await cursor.next()) as T | null;
          if (!row) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            await done(count);
            controller.close();
            return;
          }
          count += 1;
          chunk += csvLine(line(row));
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (err) {
        await cursor.close().catch(() => {});
        controller.error(err);
      }
    },
    async cancel() {
      await cursor.close();
    },
  });
}

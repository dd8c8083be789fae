// A careful CSV reader (RFC 4180 plus what spreadsheets really write): quoted cells with
// doubled quotes and line breaks, CRLF/LF/CR line ends, a quote inside an unquoted cell taken
// literally. What it adds over a general-purpose parser is recovery and limits: a quote that is
// never closed spoils one record (reported with its line) instead of swallowing the rest of the
// file, and a huge cell is measured and cut, never copied whole.

export type CsvRecord = {
  cells: string[];
  /** 1-based line number where the record starts. */
  line: number;
  /** Set when a cell was longer than maxCell: that cell is cut to maxCell characters. */
  tooLong?: { column: number; length: number };
  /** Set when a quote opened on this line is never properly closed; cells hold the line as read. */
  unterminatedQuote?: boolean;
};

export type ParseOptions = { delimiter?: string; maxCell?: number };

export const DEFAULT_MAX_CELL = 10_000;

/** The delimiter of the first line: the most frequent of , ; tab | outside quotes (comma when none). */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0, "|": 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch] += 1;
  }
  let best = ",";
  for (const d of Object.keys(counts)) if (counts[d] > counts[best]) best = d;
  return best;
}

function isLineEnd(ch: string | undefined): boolean {
  return ch === "\n" || ch === "\r";
}

export function* parseCsv(text: string, options: ParseOptions = {}): Generator<CsvRecord> {
  for (const scanned of scanCsv(text, options)) if (!scanned.blank) yield scanned.record;
}

/**
 * A record with where it lies in the text: what the streaming reader (stream-csv.ts) needs to
 * tell a record cut by the end of a window from a complete one. Blank records are reported too,
 * since one cut short may not be blank once the rest of its line arrives.
 */
export type ScannedRecord = { record: CsvRecord; start: number; end: number; blank: boolean };

export function* scanCsv(text: string, { delimiter = ",", maxCell = DEFAULT_MAX_CELL, line: firstLine = 1 }: ParseOptions & { line?: number } = {}): Generator<ScannedRecord> {
  const len = text.length;
  let pos = 0;
  let line = firstLine;

  const endOfLine = (from: number) => {
    let i = from;
    while (i < len && !isLineEnd(text[i])) i++;
    return i;
  };
  const skipLineEnd = (i: number) => (text[i] === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1);
  const countLines = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) {
      if (text[i] === "\n") n++;
      else if (text[i] === "\r" && text[i + 1] !== "\n") n++;
    }
    return n;
  };

  while (pos < len) {
    const recordStart = pos;
    const recordLine = line;
    const cells: string[] = [];
    let tooLong: CsvRecord["tooLong"];
    let broken = false;

    const keep = (cell: string, rawLength: number) => {
      if (rawLength > maxCell) {
        tooLong ??= { column: cells.length, length: rawLength };
        cells.push(cell.slice(0, maxCell));
      } else cells.push(cell);
    };

    for (;;) {
      if (text[pos] === '"') {
        // Quoted cell: runs to the next quote that is not doubled.
        const open = pos;
        let i = pos + 1;
        const parts: string[] = [];
        let size = 0;
        let closed = false;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) break;
          if (size <= maxCell) parts.push(text.slice(i, q));
          size += q - i;
          if (text[q + 1] === '"') {
            if (size <= maxCell) parts.push('"');
            size += 1;
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        const spansLines = closed && countLines(open, i) > 0;
        const next = text[i];
        // Not closed, or "closed" by a quote that is followed by more text after spanning lines:
        // the opening quote was a stray one. Spoil this line only.
        if (!closed || (spansLines && next !== undefined && next !== delimiter && !isLineEnd(next))) {
          broken = true;
          break;
        }
        let cell = parts.join("");
        // Text after the closing quote ("abc"def) is kept, as spreadsheets do.
        let j = i;
        while (j < len && text[j] !== delimiter && !isLineEnd(text[j])) j++;
        if (j > i) cell += text.slice(i, Math.min(j, i + maxCell));
        size += j - i;
        line += countLines(open, i);
        keep(cell, size);
        pos = j;
      } else {
        let j = pos;
        while (j < len && text[j] !== delimiter && !isLineEnd(text[j])) j++;
        keep(text.slice(pos, Math.min(j, pos + maxCell + 1)), j - pos);
        pos = j;
      }
      if (pos >= len) break;
      if (text[pos] === delimiter) {
        pos += 1;
        if (pos >= len) {
          cells.push("");
          break;
        }
        continue;
      }
      pos = skipLineEnd(pos);
      line += 1;
      break;
    }

    if (broken) {
      const eol = endOfLine(recordStart);
      const raw = text.slice(recordStart, eol);
      pos = eol < len ? skipLineEnd(eol) : len;
      line = recordLine + 1;
      yield { record: { cells: raw.split(delimiter).map((c) => c.slice(0, maxCell)), line: recordLine, unterminatedQuote: true }, start: recordStart, end: pos, blank: false };
      continue;
    }
    // Blank lines are not records, nor are rows of empty cells (",,,,": what a spreadsheet saves
    // for formatted but empty rows below the data).
    const blank = cells.every((c) => c.trim() === "");
    yield { record: tooLong ? { cells, line: recordLine, tooLong } : { cells, line: recordLine }, start: recordStart, end: pos, blank };
  }
}

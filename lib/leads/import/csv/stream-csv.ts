// CSV records from a file that arrives piece by piece (the stored chunks of an upload), without
// ever holding the whole file or all its records: each piece is decoded and parsed as a window,
// and a record the window cuts short is carried into the next one. The reader hands the event
// loop back every few milliseconds, so a big file parsed in the web process never stalls the
// other requests of every company.
import { setImmediate as nextTick } from "node:timers/promises";
import { scanCsv, type CsvRecord, type ParseOptions } from "./parse-csv";

/**
 * A quote not closed within this many characters is taken as never closed (the line is spoiled
 * and reported, as parseCsv does for a quote closed nowhere), so that a stray quote cannot make
 * the reader carry the rest of the file from window to window.
 */
export const MAX_QUOTED_SPAN = 1 << 20;

/** How long the reader may run before it lets other work in (the responsiveness budget). */
export const SLICE_MS = 10;

/** Resolves at once when the slice still has time; otherwise after the event loop has had a turn. */
export function eventLoopSlicer(budgetMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  let calls = 0;
  return () => {
    if ((++calls & 63) !== 0 || performance.now() - sliceStart < budgetMs) return undefined;
    return nextTick().then(() => {
      sliceStart = performance.now();
    });
  };
}

/** Text is parsed this many characters at a time (a stored piece of 4 MB is cut into windows). */
export const WINDOW_CHARS = 256 * 1024;

/**
 * The longest record (row) read: one of 500 columns of 10,000 characters fits several times over.
 * A longer one makes the file unreadable as a whole, rather than making the reader re-read an
 * ever longer record (in the worst case a 50 MB file without a line break) in one go.
 */
export const MAX_RECORD_CHARS = 1 << 20;

export class RecordTooLongError extends Error {
  constructor(readonly line: number) {
    super(`The row on line ${line.toLocaleString("en-US")} is longer than ${(MAX_RECORD_CHARS / (1 << 20)).toFixed(0)} million characters.`);
    this.name = "RecordTooLongError";
  }
}

/** The pieces cut into windows of at most WINDOW_CHARS, the last one marked. */
async function* windows(pieces: AsyncIterable<string>): AsyncGenerator<{ text: string; final: boolean }> {
  const iterator = pieces[Symbol.asyncIterator]();
  let current = await iterator.next();
  while (!current.done) {
    const following = await iterator.next();
    const piece = current.value;
    for (let at = 0; at < piece.length || at === 0; at += WINDOW_CHARS) {
      yield { text: piece.slice(at, at + WINDOW_CHARS), final: following.done === true && at + WINDOW_CHARS >= piece.length };
    }
    current = following;
  }
}

/** The records of text that arrives in pieces (as parseCsv would read their concatenation, blank rows left out). */
export async function* parseCsvStream(pieces: AsyncIterable<string>, options: ParseOptions = {}): AsyncGenerator<CsvRecord> {
  const pause = eventLoopSlicer();
  let carry = "";
  let line = 1;
  for await (const window of windows(pieces)) {
    const text = carry + window.text;
    // The concatenation is a rope; reading it character by character is several times slower than
    // reading a flat string. Number() flattens it once (and stops at its first non-digit).
    void Number(text);
    carry = "";
    for (const { record, start, end, blank } of scanCsv(text, { ...options, line })) {
      // Running to the end of a window that is not the last, the record may go on in the next one.
      if (!window.final && (end >= text.length || (record.unterminatedQuote && text.length - start < MAX_QUOTED_SPAN))) {
        if (text.length - start > MAX_RECORD_CHARS) throw new RecordTooLongError(record.line);
        carry = text.slice(start);
        line = record.line;
        break;
      }
      if (!blank) yield record;
      const wait = pause();
      if (wait) await wait;
    }
    const wait = pause();
    if (wait) await wait;
  }
}

// The CSV files the app writes (lead export, import report, buyer export), opened the way a
// spreadsheet may open them: split on "," ";" tab or "|" whatever separator the file was written
// with (Excel in a decimal-comma locale splits on ";", text-import dialogs on tab or "|"), with
// RFC 4180 quotes honoured, and with quotes ignored. No cell may then start with a character that
// makes a spreadsheet run it as a formula, unless the cell is a plain number.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBuyersCsv } from "@/lib/buyers/export";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Buyer } from "@/models/buyer";
import { Lead } from "@/models/lead";
import { Setting } from "@/models/setting";
import { analyzeImport, createImport, rejectedRowsCsv, startImport, storeImportChunk } from "../import/imports";
import { processLeadImport } from "../import/process-import";
import { closeLeadImportQueue } from "../import/queue";
import { parseListQuery } from "../list/list-query";
import { createWorkspace } from "../write/test-helpers";
import { exportLeadsCsv } from "./export-leads";

process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;
afterAll(closeLeadImportQueue);

const SEPARATORS = [",", ";", "\t", "|"] as const;
// Fullwidth ＝ ＋ － ＠ too: Excel in an East Asian locale reads them as = + - @.
const FORMULA_CHARS = ["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"];

/** Every formula character behind every separator, a line break, blanks and quotes, and the probe's own note. */
const PAYLOADS = [
  "called;=cmd|'/C calc'!A0;@SUM(1+1)",
  ...SEPARATORS.flatMap((sep) => FORMULA_CHARS.flatMap((f) => [`note${sep}${f}cmd|' /C calc'!A0`, `x${sep} ${f}1`, `x${sep}\u00a0${f}1`, `x${sep}"${f}1"`, `${f}y${sep}${f}z`, `x${sep}${sep}${f}2`])),
  ...FORMULA_CHARS.flatMap((f) => [`line\n${f}1`, `line\r\n${f}1`, `${f}alone`, `\u00a0${f}alone`, `\u3000${f}alone`]),
];

/**
 * A spreadsheet's reading of `text` split on `sep`: RFC 4180 (a cell starting with a quote runs to
 * the closing quote, "" is a quote; text after the closing quote is kept, as Excel does; a quote
 * elsewhere is literal; CRLF, LF or CR end a row outside quotes).
 */
function spreadsheetCells(text: string, sep: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let cell = "";
    if (text[i] === '"') {
      i += 1;
      for (; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') (cell += '"'), i++;
        else if (text[i] === '"') break;
        else cell += text[i];
      }
      i += 1;
    }
    while (i < text.length && text[i] !== sep && text[i] !== "\n" && text[i] !== "\r") cell += text[i++];
    cells.push(cell);
    if (text[i] === "\r" && text[i + 1] === "\n") i += 1;
    i += 1;
  }
  return cells;
}

/** The same file split with quotes ignored (an import dialog whose text qualifier is "none"). */
const unquotedCells = (text: string, sep: string) => text.split(/\r\n|\n|\r/).flatMap((line) => line.split(sep));

const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** The cells a spreadsheet would run as formulas, however it splits the file. */
function formulaCells(text: string): { sep: string; cell: string }[] {
  const found: { sep: string; cell: string }[] = [];
  for (const sep of SEPARATORS) {
    for (const cell of [...spreadsheetCells(text, sep), ...unquotedCells(text, sep)]) {
      // Blanks (a no-break space too) and quotes before the character are skipped by some
      // spreadsheets, or trimmed by an import option: stricter than the bare cell.
      for (const seen of [cell, cell.replace(/^[\s"]+/, "")]) {
        if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(seen) && !PLAIN_NUMBER.test(seen)) found.push({ sep: JSON.stringify(sep), cell: seen });
      }
    }
  }
  return found;
}

async function read(stream: ReadableStream<Uint8Array> | AsyncIterable<string>): Promise<string> {
  if (stream instanceof ReadableStream) return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer()).replace(/^\ufeff/, "");
  let text = "";
  for await (const part of stream) text += part;
  return text.replace(/^\ufeff/, "");
}

describe("the strict spreadsheet reading used here", () => {
  it("finds a formula a naive writer lets through under another separator, and honours quotes", () => {
    expect(formulaCells('Lead,called;=cmd|A0\r\n')).toContainEqual({ sep: '";"', cell: "=cmd|A0" });
    expect(spreadsheetCells('"a,""b""",c\r\n"x\ny"', ",")).toEqual(['a,"b"', "c", "x\ny"]);
    expect(formulaCells("n,+15551234567,-5\r\n")).toEqual([]);
    expect(formulaCells("n,\uFF1D1+1\r\n")).toContainEqual({ sep: '","', cell: "\uFF1D1+1" });
  });
});

describe("CSV files opened by a spreadsheet that splits on another separator", () => {
  let admin: TenantContext;
  beforeAll(async () => {
    admin = (await createWorkspace()).admin;
    // A custom field whose label (a header) and values carry the payloads too.
    await scoped(admin, Setting).create({ category: "custom_fields", key: "leads", value: { fields: [{ key: "motive", label: "Motive;=HYPERLINK(1)", type: "text", options: [] }], removed: [] } });
    await scoped(admin, Lead).insertMany(
      PAYLOADS.map((p, i) =>
        leadInput({
          name: `Lead ${i} ${p}`.slice(0, 100),
          notes: p,
          source: p.slice(0, 50),
          address: { street: p, city: p.slice(0, 100) },
          mailing_address: { street: p },
          custom_fields: { motive: p },
        }),
      ),
    );
    await scoped(admin, Buyer).insertMany(PAYLOADS.map((p, i) => ({ name: `Buyer ${i} ${p}`.slice(0, 100), phone: `+1214555${String(1000 + i)}`, company: p, notes: p, investment_criteria: p, property_types: ["single_family"] })));
  });

  it("the lead export", async () => {
    const text = await read(await exportLeadsCsv(admin, { query: parseListQuery(new URLSearchParams("")).query }));
    expect(text).toContain("Motive;'=HYPERLINK(1)");
    expect(text.match(/Lead \d+ /g)?.length).toBeGreaterThanOrEqual(PAYLOADS.length);
    expect(formulaCells(text)).toEqual([]);
  });

  it("the buyer export", async () => {
    const text = await read(await exportBuyersCsv(admin, { mode: "all", query: "" }));
    expect(text.match(/Buyer \d+ /g)?.length).toBeGreaterThanOrEqual(PAYLOADS.length);
    expect(formulaCells(text)).toEqual([]);
  });

  it.each([",", ";", "\t"])("the import report of a file written with %j", async (delimiter) => {
    const ws = await createWorkspace();
    const header = ["Name", "Phone", "Notes", `Tags${delimiter === "," ? ";" : ","}=cmd`].join(delimiter);
    const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
    // Every other row has no phone: it is refused, and its cells and reason are written to the report.
    const rows = PAYLOADS.map((p, i) => [quote(`Row ${i} ${p}`), i % 2 ? quote(p) : "", quote(p), quote(p)].join(delimiter));
    const bytes = Buffer.from([header, ...rows].join("\r\n") + "\r\n");
    const { id, chunkSize } = await createImport(ws.admin, { file_name: "payloads.csv", file_size: bytes.length });
    let seq = 0;
    for (let at = 0; at < bytes.length; at += chunkSize) await storeImportChunk(ws.admin, id, seq++, bytes.subarray(at, at + chunkSize));
    const preview = await analyzeImport(ws.admin, id, seq);
    await startImport(ws.admin, { import_id: id, mapping: preview.import.mapping.map((m) => (m.column === 1 ? { ...m, target: "phone" } : m)), dedupe: "skip", tags: [] });
    await processLeadImport(ws.admin.tenantId, id);
    const text = await read(rejectedRowsCsv(ws.admin, id));
    expect(text.match(/Row \d+ /g)?.length).toBeGreaterThanOrEqual(PAYLOADS.length / 2);
    expect(formulaCells(text)).toEqual([]);
  });
});

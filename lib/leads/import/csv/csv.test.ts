import { describe, expect, it } from "vitest";
import { decodeCsvBytes } from "./decode";
import { detectDelimiter, parseCsv } from "./parse-csv";
import { csvLine, escapeCsvCell, unescapeFormulaCell } from "./write-csv";

const rows = (text: string, opts = {}) => [...parseCsv(text, opts)];

describe("parseCsv", () => {
  it("reads quoted cells with commas, doubled quotes and line breaks, CRLF and LF", () => {
    const out = rows('Name,Notes\r\n"Lopez, Maria","said ""call me""\nafter 5"\r\nBob,5" pipe\n');
    expect(out.map((r) => r.cells)).toEqual([["Name", "Notes"], ["Lopez, Maria", 'said "call me"\nafter 5'], ["Bob", '5" pipe']]);
    expect(out.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("skips blank lines and keeps a trailing empty cell", () => {
    expect(rows("a,b\n\n1,\n").map((r) => r.cells)).toEqual([["a", "b"], ["1", ""]]);
  });

  it("skips rows of empty cells, as a spreadsheet saves formatted rows below the data", () => {
    expect(rows("a,b,c\n1,2,3\n,,\n , ,\n\"\",,\n4,,\n").map((r) => r.cells)).toEqual([["a", "b", "c"], ["1", "2", "3"], ["4", "", ""]]);
  });

  it("spoils only the line of a quote that is never closed", () => {
    const out = rows('Name,City\nAnn,"Dallas\nBob,Austin\nCy,"El Paso"\n');
    expect(out[1]).toMatchObject({ line: 2, unterminatedQuote: true });
    expect(out.slice(2).map((r) => r.cells)).toEqual([["Bob", "Austin"], ["Cy", "El Paso"]]);
  });

  it("spoils only the line of a stray quote later 'closed' by another row's quote", () => {
    const out = rows('Name,City\nAnn,"Dallas\nBob,"Austin",TX\n');
    expect(out[1]).toMatchObject({ line: 2, unterminatedQuote: true });
    expect(out[2].cells).toEqual(["Bob", "Austin", "TX"]);
  });

  it("measures and cuts huge cells without keeping them", () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const out = rows(`a,b\n1,${huge}\n"${huge}",2\n3,4\n`, { maxCell: 100 });
    expect(out[1].tooLong).toEqual({ column: 1, length: huge.length });
    expect(out[1].cells[1].length).toBe(100);
    expect(out[2].tooLong).toEqual({ column: 0, length: huge.length });
    expect(out[3].cells).toEqual(["3", "4"]);
  });

  it("detects the delimiter", () => {
    expect(detectDelimiter("a;b;c\n1;2;3")).toBe(";");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter('"x,y";b;c')).toBe(";");
    expect(detectDelimiter("single")).toBe(",");
  });
});

describe("decodeCsvBytes", () => {
  const text = "Name,City\nJosé Núñez,Bogotá\n";
  it.each([
    ["UTF-8", Buffer.from(text, "utf8"), "utf-8"],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]), "utf-8-bom"],
    ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), "utf-16le"],
    ["UTF-16 LE without BOM", Buffer.from(text, "utf16le"), "utf-16le"],
    ["UTF-16 BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]), "utf-16be"],
    ["Windows-1252", Buffer.from(text, "latin1"), "windows-1252"],
  ])("decodes %s", (_label, bytes, encoding) => {
    expect(decodeCsvBytes(new Uint8Array(bytes))).toEqual({ text, encoding });
  });

  it("decodes Windows-1252 punctuation (curly quotes, euro)", () => {
    expect(decodeCsvBytes(new Uint8Array([0x93, 0x68, 0x69, 0x94, 0x80]))).toEqual({ text: "\u201chi\u201d\u20ac", encoding: "windows-1252" });
  });

  it("explains empty files, workbooks and binary data", () => {
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ problem: expect.stringMatching(/empty/) });
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toEqual({ problem: expect.stringMatching(/Excel workbook/) });
    expect(decodeCsvBytes(new Uint8Array([1, 2, 3, 0, 5, 6, 7, 8, 0, 1, 2, 200, 201]))).toEqual({ problem: expect.stringMatching(/binary/) });
  });
});

describe("CSV output", () => {
  it("defuses formula cells and restores them on re-import", () => {
    for (const cell of ["=HYPERLINK(\"http://x\")", "+1 call", "-5-5", "@SUM(A1)", "\tx", "\rx", "\uFF1D1+1", "\uFF0Bcmd", "\uFF0D2+3", "\uFF20SUM(A1)"]) {
      expect(escapeCsvCell(cell).replace(/^"|"$/g, "").replace(/""/g, '"').startsWith("'")).toBe(true);
      const [parsed] = [...parseCsv(csvLine([cell]))];
      expect(unescapeFormulaCell(parsed.cells[0])).toBe(cell);
    }
    // Plain signed numbers (E.164 phones) stay as they are, and read back the same.
    for (const cell of ["+15551234567", "-5", "+2.5"]) {
      expect(escapeCsvCell(cell)).toBe(cell);
      expect(unescapeFormulaCell(cell)).toBe(cell);
    }
    expect(escapeCsvCell("plain")).toBe("plain");
    expect(csvLine(["a;b", "1,5", "=1"], ";")).toBe(`"a;b";1,5;'=1\r\n`);
    expect(unescapeFormulaCell("'plain")).toBe("'plain");
  });

  // What a spreadsheet sees when it splits our file on another separator than the one we wrote
  // (Excel in a decimal-comma locale splits on ";", import dialogs on tab or "|"): with quotes
  // honoured where a field starts with one (parseCsv, as spreadsheets read), and with no quotes at all.
  const SEPARATORS = [",", ";", "\t", "|"];
  const payloads = [
    "called;=cmd|'/C calc'!A0;@SUM(1+1)",
    ...SEPARATORS.flatMap((sep) =>
      ["=", "+", "-", "@"].flatMap((f) => [`note${sep}${f}cmd|' /C calc'!A0`, `a${sep} ${f}1+1`, `a${sep}"${f}1"`, `${f}x${sep}${f}y`, `line\n${f}1${sep}2`, `a${sep}${sep}${f}2`]),
    ),
  ];
  const formulaCells = (text: string, sep: string) => {
    const quoted = [...parseCsv(text, { delimiter: sep })].flatMap((r) => r.cells);
    const naive = text.split(/\r\n|\n|\r/).flatMap((l) => l.split(sep));
    return [...quoted, ...naive].map((c) => c.replace(/^[\s"]+/, "")).filter((c) => /^[=+\-@]/.test(c));
  };

  it.each([",", ";"])("leaves no cell starting with a formula however a spreadsheet splits a file written with %j", (delimiter) => {
    const text = payloads.map((p) => csvLine(["Lead", p, "+15551234567"], delimiter)).join("");
    for (const sep of SEPARATORS) expect(formulaCells(text, sep).filter((c) => c !== "+15551234567"), `split on ${JSON.stringify(sep)}`).toEqual([]);
  });

  it("quotes every cell defused after a separator, and restores defused values on re-import", () => {
    for (const p of payloads) {
      const [record] = [...parseCsv(csvLine([p]))];
      expect(unescapeFormulaCell(record.cells[0])).toBe(p);
    }
    expect(csvLine(["called;=cmd|'/C calc'!A0;@SUM(1+1)"])).toBe(`"called;'=cmd|'/C calc'!A0;'@SUM(1+1)"\r\n`);
    expect(csvLine(["a|-b", "c\t@d", "e;f", "1,5"], ";")).toBe(`"a|'-b";"c\t'@d";"e;f";1,5\r\n`);
  });
});

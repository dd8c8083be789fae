// The numbers of an import read a column at a time: each column's decimal mark is decided by all
// of its values (a "2,5" in the baths column says that column writes decimal commas; a price
// column of "214,000" and "95,500" groups thousands), and the preview shows how each number column
// reads, with a warning when the values are implausible for their field. Client-safe.
import { decimalMarkOf, readNumber, type DecimalMark, type NumberKind } from "@/lib/validation/number";
import { fieldsWith } from "../fields";
import { IMPORT_TARGETS, type ColumnMapping } from "./targets";

/** The targets read as numbers: the registry's money and number fields (lib/leads/fields.ts), and lot acres. */
export const NUMBER_TARGETS: Readonly<Record<string, NumberKind>> = {
  ...Object.fromEntries(
    fieldsWith("import")
      .filter((f) => (f.kind === "money" || f.kind === "number") && f.import.some((t) => t.value === f.path))
      .map((f) => [f.path, f.kind === "money" ? "amount" : f.input?.measure ? "measure" : "count"]),
  ),
  lot_acres: "measure",
};

export type DecimalMarks = Readonly<Record<number, DecimalMark>>;

/** column → its decimal mark, for the number columns whose values show one. */
export function decimalMarksOf(mapping: readonly ColumnMapping[], rows: readonly { cells: readonly string[] }[]): DecimalMarks {
  const marks: Record<number, DecimalMark> = {};
  for (const { column, target } of mapping) {
    if (!NUMBER_TARGETS[target] && !target.startsWith("custom:")) continue;
    const mark = decimalMarkOf(rows.map((r) => r.cells[column] ?? ""));
    if (mark) marks[column] = mark;
  }
  return marks;
}

// What a property's values usually are: the median of a column outside these is a misread file
// (prices in thousands, acres in a square-feet column), said before anything is imported.
const PLAUSIBLE: Record<string, { min: number; max: number; low: string; high: string }> = {
  asking_price: { min: 1_000, max: 100_000_000, low: "prices this low are unusual for a property; check that the column holds whole dollars", high: "check the column's number format" },
  estimated_value: { min: 1_000, max: 100_000_000, low: "values this low are unusual for a property; check that the column holds whole dollars", high: "check the column's number format" },
  "property_details.bedrooms": { min: 0, max: 20, low: "", high: "check that the column holds bedrooms" },
  "property_details.bathrooms": { min: 0, max: 20, low: "", high: "check that the column holds bathrooms and how it writes decimals" },
  "property_details.square_feet": { min: 100, max: 100_000, low: "check the column's number format", high: "check the column's number format" },
  "property_details.lot_size": { min: 100, max: 100_000_000, low: "this looks like acres: map the column to Lot size (acres)", high: "check the column's number format" },
  lot_acres: { min: 0, max: 10_000, low: "", high: "this looks like square feet: map the column to Lot size (sq ft)" },
  "property_details.year_built": { min: 1700, max: 2100, low: "check the column's number format", high: "check the column's number format" },
};

/** A lot size column whose header does not say its unit ("LOT SIZE", "Lot Size"). */
export const unitlessLotSize = (m: ColumnMapping) => m.target === "property_details.lot_size" && !/sq|square|ft|feet|acre/i.test(m.header);

/**
 * The mapping with each unitless lot size column read by its values: a median under 100 is acres
 * (ListSource writes "0.21"; no lot is 0.21 square feet), so the column goes to Lot size (acres).
 */
export function lotSizeByValues(mapping: readonly ColumnMapping[], rows: readonly { cells: readonly string[] }[]): ColumnMapping[] {
  const marks = decimalMarksOf(mapping, rows);
  return mapping.map((m) => {
    if (!unitlessLotSize(m)) return m;
    const values = rows.map((r) => readNumber(r.cells[m.column] ?? "", { kind: "measure", decimal: marks[m.column] })).filter((n): n is number => n !== null && n > 0);
    const mid = median(values);
    return mid !== null && mid < PLAUSIBLE["property_details.lot_size"].min ? { ...m, target: "lot_acres" } : m;
  });
}

export type NumberColumnCheck = { column: number; header: string; target: string; sample: string; readAs: string; median: number | null; warning: string | null };

function formatValue(target: string, n: number): string {
  const text = n.toLocaleString("en-US", { maximumFractionDigits: 2, useGrouping: target !== "property_details.year_built" });
  return NUMBER_TARGETS[target] === "amount" ? `$${text}` : text;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** How each mapped number column reads: a sample as typed and as read, its median, and a warning when implausible. */
export function checkNumberColumns(mapping: readonly ColumnMapping[], rows: readonly { cells: readonly string[] }[], marks: DecimalMarks): NumberColumnCheck[] {
  const checks: NumberColumnCheck[] = [];
  for (const { column, header, target } of mapping) {
    const kind = NUMBER_TARGETS[target];
    if (!kind) continue;
    const values: number[] = [];
    let sample = "";
    let readAs = "";
    for (const r of rows) {
      const cell = (r.cells[column] ?? "").trim();
      if (!cell) continue;
      const n = readNumber(cell, { kind, decimal: marks[column] });
      if (n === null) continue;
      // Lot sizes written in acres in a square-feet column are converted, not misread.
      if (target === "property_details.lot_size" && /\d\s*(acres?|ac)$/i.test(cell)) continue;
      values.push(n);
      if (!sample) [sample, readAs] = [cell, formatValue(target, n)];
    }
    const mid = median(values);
    const range = PLAUSIBLE[target];
    const label = IMPORT_TARGETS.find((t) => t.value === target)?.label ?? target;
    let warning: string | null = null;
    if (mid !== null && range && (mid < range.min || mid > range.max)) {
      warning = `The median ${label.toLowerCase()} in "${header}" reads as ${formatValue(target, mid)}: ${mid < range.min ? range.low : range.high}.`;
    }
    checks.push({ column, header, target, sample, readAs, median: mid, warning });
  }
  return checks;
}

/**
 * A lead's money, numbers and follow-up as the preview shows them, written so no locale can misread
 * them: "Asking $214,000 · Value $250,000 · 3 bd · 2.5 ba · 1,450 sq ft · follow-up Mar 15, 2027".
 */
export function describeNumbers(lead: { asking_price?: number; estimated_value?: number; next_follow_up?: Date; property_details?: { bedrooms?: number; bathrooms?: number; square_feet?: number; lot_size?: number; year_built?: number } }, timeZone = "UTC"): string | null {
  const p = lead.property_details ?? {};
  const f = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
  const parts = [
    lead.asking_price !== undefined && `Asking $${f(lead.asking_price)}`,
    lead.estimated_value !== undefined && `Value $${f(lead.estimated_value)}`,
    p.bedrooms !== undefined && `${f(p.bedrooms)} bd`,
    p.bathrooms !== undefined && `${f(p.bathrooms)} ba`,
    p.square_feet !== undefined && `${f(p.square_feet)} sq ft`,
    p.lot_size !== undefined && `lot ${f(p.lot_size)} sq ft`,
    p.year_built !== undefined && `built ${p.year_built}`,
    lead.next_follow_up && `follow-up ${describeDate(lead.next_follow_up, timeZone)}`,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

/**
 * "Mar 15, 2027" in `timeZone` (a day without a time is 9:00 there), or "Mar 15, 2027 14:30" when
 * the time there is another (the file gave one; times are read as UTC).
 */
function describeDate(d: Date, timeZone: string): string {
  const day = d.toLocaleDateString("en-US", { timeZone, month: "short", day: "numeric", year: "numeric" });
  const time = d.toLocaleTimeString("en-US", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" });
  return time === "09:00" ? day : `${day} ${time}`;
}

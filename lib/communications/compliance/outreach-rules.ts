// The calling and texting hours the law allows, as data (the only place they are written down).
// Sources: the federal rule 47 CFR 64.1200(c)(1) (8 am to 9 pm, the recipient's local time) and
// the state tables published by telemarketing-compliance vendors (2025), collected in
// /work/shared/facts/outreach-rules.md. They change: edit this table, with its source. Not legal advice.

/** An allowed window in local hours, [from, to): 8–20 allows 8:00 up to 19:59. null: not at all. */
export type Window = readonly [number, number] | null;

export type HoursRule = {
  /** Two-letter state, or "US" for the federal floor every state adds to. */
  where: string;
  name: string;
  weekday: Window;
  saturday: Window;
  sunday: Window;
  /** On a state holiday; the federal floor allows them. */
  holiday: Window;
  source: string;
};

const STATE_TABLE = "State telemarketing hours tables published by compliance vendors, 2025";

const rule = (where: string, name: string, weekday: Window, saturday: Window, sunday: Window, holiday: Window): HoursRule => ({
  where,
  name,
  weekday,
  saturday,
  sunday,
  holiday,
  source: STATE_TABLE,
});

export const FEDERAL_RULE: HoursRule = {
  where: "US",
  name: "Federal (TCPA)",
  weekday: [8, 21],
  saturday: [8, 21],
  sunday: [8, 21],
  holiday: [8, 21],
  source: "47 CFR 64.1200(c)(1)",
};

export const STATE_RULES: Record<string, HoursRule> = Object.fromEntries(
  [
    rule("AL", "Alabama", [8, 20], [8, 20], null, null),
    rule("CT", "Connecticut", [9, 20], [9, 20], [9, 20], [9, 20]),
    rule("FL", "Florida", [8, 20], [8, 20], [8, 20], [8, 20]),
    rule("KY", "Kentucky", [10, 21], [10, 21], [10, 21], [10, 21]),
    rule("LA", "Louisiana", [8, 20], [8, 20], null, null),
    rule("MD", "Maryland", [8, 20], [8, 20], [8, 20], [8, 20]),
    rule("MA", "Massachusetts", [8, 20], [8, 20], [8, 20], [8, 20]),
    rule("MI", "Michigan", [9, 21], [9, 21], [9, 21], [9, 21]),
    rule("MN", "Minnesota", [9, 21], [9, 21], [9, 21], [9, 21]),
    rule("MS", "Mississippi", [8, 20], [8, 20], null, [8, 20]),
    rule("NV", "Nevada", [9, 20], [9, 20], [9, 20], [9, 20]),
    rule("NJ", "New Jersey", [8, 20], [8, 20], [8, 20], [8, 20]),
    rule("NM", "New Mexico", [9, 21], [9, 21], [9, 21], [9, 21]),
    rule("OK", "Oklahoma", [8, 20], [8, 20], [8, 20], [8, 20]),
    rule("RI", "Rhode Island", [9, 18], [10, 17], null, null),
    rule("TX", "Texas", [9, 21], [9, 21], [12, 21], [9, 21]),
  ].map((r) => [r.where, r]),
);

/** States that allow at most this many solicitation texts or calls to one person per rolling 24 hours. */
export const FREQUENCY_CAPS: Record<string, { max: number; windowHours: number; source: string }> = {
  FL: { max: 3, windowHours: 24, source: "Florida Telephone Solicitation Act, as tabulated in 2025" },
  OK: { max: 3, windowHours: 24, source: "Oklahoma Telephone Solicitation Act, as tabulated in 2025" },
};

/**
 * Holidays on which the states with a holiday rule restrict outreach. The states' own calendars
 * differ in details; we use the federal holidays (observed dates), a superset of most.
 */
export function isHoliday(year: number, month: number, day: number): boolean {
  const date = `${month}-${day}`;
  const fixed = [[1, 1], [6, 19], [7, 4], [11, 11], [12, 25]].some(([m, d]) => observed(year, m, d) === date);
  if (fixed) return true;
  const nth = (m: number, weekday: number, n: number) => `${m}-${nthWeekday(year, m, weekday, n)}`;
  return [nth(1, 1, 3), nth(2, 1, 3), lastWeekday(year, 5, 1), nth(9, 1, 1), nth(10, 1, 2), nth(11, 4, 4)].includes(date);
}

// A fixed holiday on a Saturday is observed on the Friday, on a Sunday on the Monday.
function observed(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  const wd = d.getUTCDay();
  if (wd === 6) d.setUTCDate(day - 1);
  if (wd === 0) d.setUTCDate(day + 1);
  return `${d.getUTCMonth() + 1}-${d.getUTCDate()}`;
}

function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(year: number, month: number, weekday: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  const day = last.getUTCDate() - ((last.getUTCDay() - weekday + 7) % 7);
  return `${month}-${day}`;
}

// A company's own outreach hours, stricter than the law (e.g. 9 am to 7 pm, no Sundays). Pure: the
// shape an admin saves, its validation and the hours rule the gate applies next to the federal and
// state rules. The gate applies every rule at once, so the stricter of the company's and the law's
// always wins: a company window cannot make anything looser.
import { FEDERAL_RULE, type HoursRule, type Window } from "./outreach-rules";

/** Whole local hours [from, to): 9–19 allows 9:00 up to 18:59. null: no texts or calls that day. */
export type CompanyHours = {
  weekday: readonly [number, number];
  saturday: Window;
  sunday: Window;
  /** Whether the weekday hours also apply on (federal) holidays; false: nothing on holidays. */
  holidays: boolean;
};

export const COMPANY_RULE = "company";

/** The hours rule the gate adds to the law's; named in the reason when it holds a message back. */
export function companyHoursRule(hours: CompanyHours): HoursRule {
  return {
    where: COMPANY_RULE,
    name: "Your company's policy",
    weekday: hours.weekday,
    saturday: hours.saturday,
    sunday: hours.sunday,
    // Holidays fall on weekdays (fixed ones are observed on the Friday or Monday).
    holiday: hours.holidays ? hours.weekday : null,
    source: "Set by an admin in Settings → Compliance",
  };
}

export type CompanyHoursInput = {
  weekday: { from: number; to: number };
  saturday: { from: number; to: number } | null;
  sunday: { from: number; to: number } | null;
  holidays: boolean;
};

export type CompanyHoursCheck = { ok: true; hours: CompanyHours } | { ok: false; fieldErrors: Record<string, string[]> };

const FEDERAL: [number, number] = [FEDERAL_RULE.weekday![0], FEDERAL_RULE.weekday![1]];

/**
 * Whole hours, the end after the start, and at least one hour inside the federal 8 am–9 pm on each
 * day it allows (outside it nothing may go anyway, so a window wholly outside it would hold every
 * text of that day). Weekdays must allow some hours: a company that texts on no day has the
 * switch in Settings → Workspace for that. Every error comes back, per field.
 */
export function validateCompanyHours(input: CompanyHoursInput): CompanyHoursCheck {
  const fieldErrors: Record<string, string[]> = {};
  const check = (day: "weekday" | "saturday" | "sunday", w: { from: number; to: number } | null): readonly [number, number] | null => {
    if (!w) return null;
    const problems: string[] = [];
    if (!Number.isInteger(w.from) || w.from < 0 || w.from > 23) problems.push("Start at a whole hour, midnight to 11 pm");
    if (!Number.isInteger(w.to) || w.to < 1 || w.to > 24) problems.push("End at a whole hour, 1 am to midnight");
    if (!problems.length && w.to <= w.from) problems.push("The end must be after the start");
    if (!problems.length && Math.min(w.to, FEDERAL[1]) - Math.max(w.from, FEDERAL[0]) < 1) problems.push("Allow at least one hour between 8 am and 9 pm (the federal window)");
    if (problems.length) {
      fieldErrors[`${day}From`] = problems;
      return null;
    }
    return [w.from, w.to] as const;
  };
  const weekday = check("weekday", input.weekday);
  const saturday = check("saturday", input.saturday);
  const sunday = check("sunday", input.sunday);
  if (Object.keys(fieldErrors).length || !weekday) return { ok: false, fieldErrors };
  return { ok: true, hours: { weekday, saturday, sunday, holidays: input.holidays } };
}

/** The hours as a setting value (plain JSON) and back; anything malformed reads as "none set". */
export function parseStoredCompanyHours(value: unknown): CompanyHours | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const win = (w: unknown) => (Array.isArray(w) && w.length === 2 && w.every((n) => typeof n === "number") ? { from: w[0] as number, to: w[1] as number } : null);
  const weekday = win(v.weekday);
  if (!weekday) return null;
  const checked = validateCompanyHours({ weekday, saturday: win(v.saturday), sunday: win(v.sunday), holidays: v.holidays === true });
  return checked.ok ? checked.hours : null;
}

const hourWords = (h: number) => (h === 0 || h === 24 ? "midnight" : h === 12 ? "noon" : h < 12 ? `${h} am` : `${h - 12} pm`);
const windowWords = (w: Window) => (w ? `${hourWords(w[0])} to ${hourWords(w[1])}` : "none");

/** "Mon–Fri 9 am to 7 pm · Sat 10 am to 2 pm · Sun none · holidays none", for the settings page. */
export function describeCompanyHours(h: CompanyHours): string {
  return `Mon–Fri ${windowWords(h.weekday)} · Sat ${windowWords(h.saturday)} · Sun ${windowWords(h.sunday)} · holidays ${h.holidays ? "as weekdays" : "none"}`;
}

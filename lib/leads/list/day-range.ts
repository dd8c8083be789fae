// Calendar days in the person's own time zone: "due today" means today where the rep sits.

export const DEFAULT_TIME_ZONE = "UTC";

export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || tz.length > 64 || !/^[A-Za-z_+\-/0-9]+$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock parts of an instant in a time zone. */
function wallParts(instant: Date, tz: string) {
  const parts = Object.fromEntries(formatter(tz).formatToParts(instant).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), min: Number(parts.minute), s: Number(parts.second) };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(instant: Date, tz: string): number {
  const p = wallParts(instant, tz);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a calendar day (y, m, d) begins in a time zone. */
export function startOfDayIn(y: number, m: number, d: number, tz: string): Date {
  const guess = Date.UTC(y, m - 1, d);
  let at = guess - offsetAt(new Date(guess), tz);
  // Across a daylight-saving change the offset at midnight differs from the guess's.
  const again = guess - offsetAt(new Date(at), tz);
  if (again !== at) at = again;
  return new Date(at);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dayKey(instant: Date, tz: string): string {
  const p = wallParts(instant, tz);
  return `${p.y}-${String(p.m).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
}

/** [start, end) of the calendar day `YYYY-MM-DD` in a time zone. */
export function dayRange(day: string, tz: string): { start: Date; end: Date } {
  const [y, m, d] = day.split("-").map(Number);
  const start = startOfDayIn(y, m, d, tz);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const end = startOfDayIn(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), tz);
  return { start, end };
}

/** [start, end) of the day that contains `now` in a time zone. */
export function todayRange(now: Date, tz: string): { start: Date; end: Date } {
  return dayRange(dayKey(now, tz), tz);
}

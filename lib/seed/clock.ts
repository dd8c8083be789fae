// Demo dates are offsets from the start of the current UTC day: the data looks recent whenever it
// is seeded, and a second run on the same day gives the same dates. Past events stay before that
// instant, so nothing "happened" later than now.
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function seedBaseDate(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

/** The UTC day (00:00) a date falls in: the bucket of the daily analytics roll-ups. */
export function utcDay(date: Date): Date {
  return seedBaseDate(date);
}

export function maxDate(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/**
 * The instant itself when it falls between 8:00 and 21:00 at the recipient's UTC offset,
 * otherwise the next morning between 8:00 and 9:30: nobody is texted or called at night (the
 * workflows respect quiet hours too).
 */
export function duringWorkingHours(at: Date, utcOffsetHours: number): Date {
  const local = at.getTime() + utcOffsetHours * HOUR;
  const hour = Math.floor((local % DAY) / HOUR);
  if (hour >= 8 && hour < 21) return at;
  const nextMorning = Math.floor(local / DAY) * DAY + (hour >= 21 ? DAY : 0) + 8 * HOUR;
  const spread = (Math.floor(at.getTime() / 1000) % 5400) * 1000;
  return new Date(nextMorning + spread - utcOffsetHours * HOUR);
}

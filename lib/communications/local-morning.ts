// "Send at the lead's 9 am": the next 9:00 in the contact's own time zone. Pure.
import { zonedInstant } from "@/lib/validation/date";

/** The next `hour`:00 (default 9) in `zone` strictly after `now`. */
export function nextLocalHour(zone: string, now: Date, hour = 9): Date {
  const local = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const [y, m, d] = local.split("-").map(Number);
  const today = zonedInstant(y, m, d, hour, zone);
  if (today.getTime() > now.getTime()) return today;
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1));
  return zonedInstant(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, tomorrow.getUTCDate(), hour, zone);
}

const localHourIn = (at: Date, zone: string) => Number(new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", hour: "numeric" }).format(at)) % 24;

/**
 * "The lead's 9 am" when the lead may be in several zones (a Texas house owned from Arizona, a
 * state on two zones, an unknown place): the first `hour`:00 after `now` in one of the zones at
 * which it is `hour`:00 or later in all of them, the stricter reading; with the zone it is
 * `hour`:00 in. Follows each zone's daylight saving time (Arizona keeps none).
 */
export function nextLocalHourEverywhere(zones: string[], now: Date, hour = 9): { at: Date; zone: string } {
  const unique = [...new Set(zones)];
  if (!unique.length) return { at: nextLocalHour("America/New_York", now, hour), zone: "America/New_York" };
  const candidates: { at: Date; zone: string }[] = [];
  for (const zone of unique) {
    const first = nextLocalHour(zone, now, hour);
    candidates.push({ at: first, zone }, { at: nextLocalHour(zone, first, hour), zone });
  }
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  return candidates.find((c) => unique.every((z) => localHourIn(c.at, z) >= hour)) ?? candidates[candidates.length - 1];
}

/** "9:00 am Tue 8 Dec (America/New_York)", for the sender. */
export function describeLocal(at: Date, zone: string): string {
  const when = new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }).format(at);
  return `${when} (${zone.replace(/_/g, " ")})`;
}

// The time of day decides what the law allows, and the suite runs at any hour. A place whose
// local time is well inside the federal 8 am–9 pm window now, where a call or a text goes at once;
// when there is none, a place well outside it (before 7 am or from 10 pm, so it stays outside for
// the test's length), where a call is refused and a text deferred, saying why. With the zones five
// to six hours apart one of the two always exists. Not merely "not open": at 8 am in New York the
// law already allows a text.
export const PLACES = [
  { state: "NY", zip: "10001", city: "New York", area: "212", zone: "America/New_York" },
  { state: "IL", zip: "60601", city: "Chicago", area: "312", zone: "America/Chicago" },
  { state: "CO", zip: "80202", city: "Denver", area: "303", zone: "America/Denver" },
  { state: "CA", zip: "94103", city: "San Francisco", area: "415", zone: "America/Los_Angeles" },
  { state: "AK", zip: "99501", city: "Anchorage", area: "907", zone: "America/Anchorage" },
  { state: "HI", zip: "96813", city: "Honolulu", area: "808", zone: "Pacific/Honolulu" },
];
export type Place = (typeof PLACES)[number];

const localHour = (zone: string) => Number(new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "numeric", hourCycle: "h23" }).format(new Date()));
const openPlace = () => PLACES.find((p) => localHour(p.zone) >= 9 && localHour(p.zone) <= 19) ?? null;
const closedPlace = () => PLACES.find((p) => localHour(p.zone) < 7 || localHour(p.zone) >= 22) ?? null;

/** `open`: calls and texts go at once there now; else they are refused or deferred there. */
export function placeNow(): { place: Place; open: boolean } {
  const open = openPlace();
  if (open) return { place: open, open: true };
  const closed = closedPlace();
  if (!closed) throw new Error("No US place is clearly inside or outside the allowed hours now: add one to PLACES.");
  return { place: closed, open: false };
}

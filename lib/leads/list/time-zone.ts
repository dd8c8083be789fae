import "server-only";
import { cookies } from "next/headers";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./day-range";

/** The browser's time zone cookie, set by the list and the dashboard on first visit. */
export const TIME_ZONE_COOKIE = "dc_tz";

/** The person's time zone for "today" and date filters (the browser's, via a cookie). */
export async function requestTimeZone(): Promise<string> {
  const tz = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return tz && isTimeZone(decodeURIComponent(tz)) ? decodeURIComponent(tz) : DEFAULT_TIME_ZONE;
}

import { describe, expect, it } from "vitest";
import { nextLocalHour, nextLocalHourEverywhere } from "./local-morning";

describe("nextLocalHour", () => {
  it("is today's 9 am in the zone when it is still ahead, else tomorrow's", () => {
    // 06:00 in New York (EST, UTC-5) → 09:00 the same day = 14:00 UTC
    expect(nextLocalHour("America/New_York", new Date("2026-12-08T11:00:00Z")).toISOString()).toBe("2026-12-08T14:00:00.000Z");
    // 10:00 in New York → tomorrow 09:00
    expect(nextLocalHour("America/New_York", new Date("2026-12-08T15:00:00Z")).toISOString()).toBe("2026-12-09T14:00:00.000Z");
    // Los Angeles at 23:30 UTC is 15:30 local → tomorrow 09:00 PST = 17:00 UTC
    expect(nextLocalHour("America/Los_Angeles", new Date("2026-12-08T23:30:00Z")).toISOString()).toBe("2026-12-09T17:00:00.000Z");
  });

  it("follows daylight saving time", () => {
    // The night DST starts in the US (8 March 2026): 9 am EDT is 13:00 UTC
    expect(nextLocalHour("America/New_York", new Date("2026-03-08T05:00:00Z")).toISOString()).toBe("2026-03-08T13:00:00.000Z");
    expect(nextLocalHour("America/Chicago", new Date("2026-11-01T12:00:00Z")).toISOString()).toBe("2026-11-01T15:00:00.000Z");
  });
});

describe("nextLocalHourEverywhere (a contact in two zones: the stricter 9 am)", () => {
  const PHOENIX = "America/Phoenix";
  const DENVER = "America/Denver";
  it("a Colorado house owned from Arizona: 9 am in Phoenix in summer (10 in Denver), the same instant in winter", () => {
    // Wed 15 July 2026, 05:00 in Denver (MDT, UTC-6) = 04:00 in Phoenix (MST, UTC-7, no DST).
    expect(nextLocalHourEverywhere([DENVER, PHOENIX], new Date("2026-07-15T11:00:00Z"))).toEqual({ at: new Date("2026-07-15T16:00:00Z"), zone: PHOENIX });
    // Tue 8 December 2026: both on UTC-7, 9 am is 16:00 UTC in both.
    expect(nextLocalHourEverywhere([DENVER, PHOENIX], new Date("2026-12-08T11:00:00Z")).at).toEqual(new Date("2026-12-08T16:00:00Z"));
  });

  it("across the night daylight saving time starts: Denver moves to UTC-6, Phoenix stays at UTC-7", () => {
    // Sun 8 March 2026, 1 am in both (before Denver's 2 am change).
    expect(nextLocalHourEverywhere([DENVER, PHOENIX], new Date("2026-03-08T08:00:00Z"))).toEqual({ at: new Date("2026-03-08T16:00:00Z"), zone: PHOENIX });
    // Sun 1 November 2026, when it ends: 9 am MST in both is 16:00 UTC.
    expect(nextLocalHourEverywhere([DENVER, PHOENIX], new Date("2026-11-01T07:30:00Z")).at).toEqual(new Date("2026-11-01T16:00:00Z"));
  });

  it("a state on two zones (Texas without a ZIP: Central and Mountain) waits for 9 am Mountain", () => {
    expect(nextLocalHourEverywhere(["America/Chicago", DENVER], new Date("2026-03-11T12:00:00Z"))).toEqual({ at: new Date("2026-03-11T15:00:00Z"), zone: DENVER });
  });

  it("when it is already 9 am in the east and not yet in the west, today's western 9 am; past it everywhere, tomorrow's", () => {
    // 9:30 EDT = 8:30 CDT: 9 am Chicago today (10 am New York).
    expect(nextLocalHourEverywhere(["America/New_York", "America/Chicago"], new Date("2026-03-11T13:30:00Z"))).toEqual({ at: new Date("2026-03-11T14:00:00Z"), zone: "America/Chicago" });
    // 11 pm EDT = 5 pm in Honolulu: tomorrow 9 am Honolulu (3 pm New York).
    expect(nextLocalHourEverywhere(["America/New_York", "Pacific/Honolulu"], new Date("2026-03-12T03:00:00Z"))).toEqual({ at: new Date("2026-03-12T19:00:00Z"), zone: "Pacific/Honolulu" });
  });
});

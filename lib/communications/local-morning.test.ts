import { describe, expect, it } from "vitest";
import { nextLocalHour } from "./local-morning";

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

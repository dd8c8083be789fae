// The hours the law allows, on hand-made cases: every expectation is written out in local time.
import { describe, expect, it } from "vitest";
import { classifyInbound } from "./keywords";
import { checkFrequencyCap, checkQuietHours, outreachLocations } from "./quiet-hours";

const florida = outreachLocations({ property: { state: "FL", zip_code: "33101" }, phone: "+13055550100" });

describe("quiet hours", () => {
  it("8:30 pm in Miami is deferred to 8 am the next day, saying Florida's rule", () => {
    // Tue 10 March 2026, 20:30 EDT = 00:30 UTC on the 11th.
    const v = checkQuietHours(new Date("2026-03-11T00:30:00Z"), florida);
    expect(v.allowed).toBe(false);
    if (v.allowed) return;
    expect(v.until.toISOString()).toBe("2026-03-11T12:00:00.000Z"); // 8:00 EDT
    expect(v.rule).toBe("FL");
    expect(v.reason).toMatch(/Florida allows texts and calls 8 am to 8 pm/);
    expect(v.reason).toMatch(/8:30 pm/);
  });

  it("7:59 pm in Miami may go; 8:00 pm may not", () => {
    expect(checkQuietHours(new Date("2026-03-10T23:59:00Z"), florida).allowed).toBe(true);
    expect(checkQuietHours(new Date("2026-03-11T00:00:00Z"), florida).allowed).toBe(false);
  });

  it("the federal floor: 8:30 pm in Ohio may go, 9:05 pm waits until 8 am", () => {
    const ohio = outreachLocations({ property: { state: "OH" } });
    expect(checkQuietHours(new Date("2026-03-11T00:30:00Z"), ohio).allowed).toBe(true);
    const v = checkQuietHours(new Date("2026-03-11T01:05:00Z"), ohio);
    expect(v.allowed ? null : [v.until.toISOString(), v.rule]).toEqual(["2026-03-11T12:00:00.000Z", "federal"]);
  });

  it("Texas on a Sunday morning waits until noon", () => {
    // Sun 15 March 2026, 10:00 CDT = 15:00 UTC.
    const v = checkQuietHours(new Date("2026-03-15T15:00:00Z"), outreachLocations({ property: { state: "TX", zip_code: "75201" } }));
    expect(v.allowed ? null : [v.until.toISOString(), v.rule]).toEqual(["2026-03-15T17:00:00.000Z", "TX"]);
  });

  it("Rhode Island: nothing on Sundays, Saturday 10 to 5; a Saturday 6 pm text waits until Monday 9 am", () => {
    const ri = outreachLocations({ property: { state: "RI" } });
    // Sat 14 March 2026 18:00 EDT = 22:00 UTC.
    const v = checkQuietHours(new Date("2026-03-14T22:00:00Z"), ri);
    expect(v.allowed ? null : v.until.toISOString()).toBe("2026-03-16T13:00:00.000Z");
    expect(v.allowed ? "" : v.reason).toMatch(/Rhode Island/);
    expect(checkQuietHours(new Date("2026-03-14T14:30:00Z"), ri).allowed).toBe(true); // Sat 10:30
    expect(checkQuietHours(new Date("2026-03-14T13:30:00Z"), ri).allowed).toBe(false); // Sat 9:30
  });

  it("Alabama's holiday rule: nothing on Thanksgiving", () => {
    // Thu 26 November 2026, 11:00 CST = 17:00 UTC.
    const v = checkQuietHours(new Date("2026-11-26T17:00:00Z"), outreachLocations({ property: { state: "AL" } }));
    expect(v.allowed ? null : v.until.toISOString()).toBe("2026-11-27T14:00:00.000Z");
  });

  it("the stricter of property and phone: a Florida house whose owner has a Texas number", () => {
    // Wed 11 March 2026 8:30 am EDT (7:30 CDT): Florida allows it, Texas (9 am) does not.
    const both = outreachLocations({ property: { state: "FL", zip_code: "33101" }, phone: "+12145550100" });
    const v = checkQuietHours(new Date("2026-03-11T12:30:00Z"), both);
    expect(v.allowed ? null : [v.until.toISOString(), v.rule]).toEqual(["2026-03-11T14:00:00.000Z", "TX"]);
  });

  it("the panhandle is on Central time; an unknown location takes every US zone", () => {
    // 8:30 pm EDT is 7:30 pm in Pensacola: allowed there.
    expect(checkQuietHours(new Date("2026-03-11T00:30:00Z"), outreachLocations({ property: { state: "FL", zip_code: "32501" } })).allowed).toBe(true);
    const unknown = outreachLocations({ phone: "+447700900123" });
    expect(unknown[0].source).toBe("unknown");
    // Noon Eastern is 6 am in Honolulu: waits until 8 am there (18:00 UTC).
    const v = checkQuietHours(new Date("2026-03-11T16:00:00Z"), unknown);
    expect(v.allowed ? null : v.until.toISOString()).toBe("2026-03-11T18:00:00.000Z");
  });
});

describe("frequency caps", () => {
  const at = new Date("2026-03-11T15:00:00Z");
  const hoursAgo = (h: number) => new Date(at.getTime() - h * 3600_000);
  it("a fourth text to a Florida lead within 24 hours waits until the oldest is 24 hours old", () => {
    const v = checkFrequencyCap(at, florida, [hoursAgo(20), hoursAgo(5), hoursAgo(1)]);
    expect(v.allowed).toBe(false);
    if (!v.allowed) expect(v.until.getTime()).toBe(hoursAgo(20).getTime() + 24 * 3600_000 + 60_000);
    expect(checkFrequencyCap(at, florida, [hoursAgo(25), hoursAgo(5), hoursAgo(1)]).allowed).toBe(true);
  });
  it("no cap in Ohio", () => {
    expect(checkFrequencyCap(at, outreachLocations({ property: { state: "OH" } }), [hoursAgo(3), hoursAgo(2), hoursAgo(1), hoursAgo(0.5)]).allowed).toBe(true);
  });
});

describe("inbound keywords", () => {
  it("STOP-type keywords, any case, trimmed, opt out; START opts in; HELP helps", () => {
    for (const w of ["STOP", " stop ", "Unsubscribe", "cancel", "END", "quit", "revoke", "optout", "StopAll", "stop."]) expect(classifyInbound(w)).toMatchObject({ kind: "opt_out" });
    for (const w of ["start", "UNSTOP", "Yes"]) expect(classifyInbound(w).kind).toBe("opt_in");
    for (const w of ["help", "INFO"]) expect(classifyInbound(w).kind).toBe("help");
  });
  it("stop in words goes to review, an ordinary reply does not", () => {
    for (const w of ["Stop texting me please", "please don't contact me again", "Remove me from your list", "wrong number", "not interested, don't contact me"]) {
      expect(classifyInbound(w).kind).toBe("review");
    }
    for (const w of ["Is the house still for sale?", "stop by at 5?", "Yes I'm interested, call me", "I can't stop thinking about the offer"]) {
      expect(classifyInbound(w).kind).not.toBe("review");
    }
  });
});

// A company's own hours next to the law's, on hand-made cases written out in local time: the
// stricter of the two always holds a message back, and the reason names the one that did.
import { describe, expect, it } from "vitest";
import { companyHoursRule, describeCompanyHours, parseStoredCompanyHours, validateCompanyHours, type CompanyHoursInput } from "./company-hours";
import { checkQuietHours, outreachLocations } from "./quiet-hours";

const nineToSeven: CompanyHoursInput = { weekday: { from: 9, to: 19 }, saturday: { from: 9, to: 19 }, sunday: null, holidays: true };
const rule = (input: CompanyHoursInput) => {
  const checked = validateCompanyHours(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.fieldErrors));
  return [companyHoursRule(checked.hours)];
};
const miami = outreachLocations({ property: { state: "FL", zip_code: "33101" }, phone: "+13055550100" });
const dallas = outreachLocations({ property: { state: "TX", zip_code: "75201" }, phone: "+12145550100" });

describe("company hours stricter than the law", () => {
  it("Florida allows until 8 pm, the company until 7 pm: 6:59 pm goes, 7:00 pm waits for the company's 9 am, naming the company", () => {
    const company = rule(nineToSeven);
    // Tue 10 March 2026: 18:59 EDT = 22:59 UTC; 19:00 EDT = 23:00 UTC.
    expect(checkQuietHours(new Date("2026-03-10T22:59:00Z"), miami, company).allowed).toBe(true);
    const v = checkQuietHours(new Date("2026-03-10T23:00:00Z"), miami, company);
    expect(v.allowed ? null : [v.until.toISOString(), v.rule]).toEqual(["2026-03-11T13:00:00.000Z", "company"]); // Wed 9:00 EDT
    expect(v.allowed ? "" : v.reason).toBe("Your company's policy allows texts and calls 9 am to 7 pm the recipient's time; it is Tuesday 7:00 pm (New York time) there.");
    // Without the company's hours the law alone lets 7:00 pm go.
    expect(checkQuietHours(new Date("2026-03-10T23:00:00Z"), miami).allowed).toBe(true);
  });

  it("a company window looser than the law changes nothing: Florida's 8 pm still holds", () => {
    const loose = rule({ weekday: { from: 7, to: 22 }, saturday: { from: 7, to: 22 }, sunday: { from: 7, to: 22 }, holidays: true });
    // 20:00 EDT.
    const v = checkQuietHours(new Date("2026-03-11T00:00:00Z"), miami, loose);
    expect(v.allowed ? null : [v.until.toISOString(), v.rule]).toEqual(["2026-03-11T12:00:00.000Z", "FL"]); // 8:00 EDT, Florida's
    expect(checkQuietHours(new Date("2026-03-10T12:00:00Z"), miami, loose).allowed).toBe(true); // 8:00 EDT
    expect(checkQuietHours(new Date("2026-03-10T11:59:00Z"), miami, loose).allowed).toBe(false); // 7:59 EDT: the federal floor
  });

  it("Texas on a Sunday: the law opens at noon; with the company closed on Sundays it waits for Monday 9 am", () => {
    // Sun 15 March 2026: 11:59 CDT = 16:59 UTC, 12:00 CDT = 17:00 UTC.
    const openSundays = rule({ ...nineToSeven, sunday: { from: 10, to: 18 } });
    expect(checkQuietHours(new Date("2026-03-15T16:59:00Z"), dallas, openSundays)).toMatchObject({ allowed: false, rule: "TX", until: new Date("2026-03-15T17:00:00Z") });
    expect(checkQuietHours(new Date("2026-03-15T17:00:00Z"), dallas, openSundays).allowed).toBe(true);
    // The company's Sunday ends at 6 pm, before Texas's 9 pm.
    expect(checkQuietHours(new Date("2026-03-15T23:00:00Z"), dallas, openSundays)).toMatchObject({ allowed: false, rule: "company", until: new Date("2026-03-16T14:00:00Z") });

    const v = checkQuietHours(new Date("2026-03-15T17:00:00Z"), dallas, rule(nineToSeven));
    expect(v.allowed ? null : [v.until.toISOString(), v.rule]).toEqual(["2026-03-16T14:00:00.000Z", "company"]); // Mon 9:00 CDT
    expect(v.allowed ? "" : v.reason).toBe("Your company's policy allows no texts or calls on Sundays; it is Sunday 12:00 pm (Chicago time) for the recipient.");
  });

  it("holidays: none when the company says so (Thanksgiving), as a weekday otherwise", () => {
    // Thu 26 November 2026, 11:00 EST = 16:00 UTC, Ohio (no state holiday rule).
    const ohio = outreachLocations({ property: { state: "OH" } });
    expect(checkQuietHours(new Date("2026-11-26T16:00:00Z"), ohio, rule(nineToSeven)).allowed).toBe(true);
    const closed = checkQuietHours(new Date("2026-11-26T16:00:00Z"), ohio, rule({ ...nineToSeven, holidays: false }));
    expect(closed.allowed ? null : [closed.until.toISOString(), closed.rule]).toEqual(["2026-11-27T14:00:00.000Z", "company"]);
  });
});

describe("validating company hours", () => {
  it("accepts whole hours that end after they start and overlap 8 am–9 pm", () => {
    expect(validateCompanyHours(nineToSeven)).toEqual({ ok: true, hours: { weekday: [9, 19], saturday: [9, 19], sunday: null, holidays: true } });
  });

  it("returns every problem, per day", () => {
    const v = validateCompanyHours({ weekday: { from: 19, to: 9 }, saturday: { from: 5, to: 8 }, sunday: { from: 9.5, to: 25 }, holidays: false });
    expect(v).toEqual({
      ok: false,
      fieldErrors: {
        weekdayFrom: ["The end must be after the start"],
        saturdayFrom: ["Allow at least one hour between 8 am and 9 pm (the federal window)"],
        sundayFrom: ["Start at a whole hour, midnight to 11 pm", "End at a whole hour, 1 am to midnight"],
      },
    });
  });

  it("a stored value read back is validated again; anything malformed means no company hours", () => {
    expect(parseStoredCompanyHours({ weekday: [9, 19], saturday: null, sunday: null, holidays: false })).toEqual({ weekday: [9, 19], saturday: null, sunday: null, holidays: false });
    for (const bad of [null, "9-19", { weekday: [19, 9] }, { weekday: [9] }, { saturday: [9, 19] }]) expect(parseStoredCompanyHours(bad)).toBeNull();
    expect(describeCompanyHours({ weekday: [9, 19], saturday: [10, 14], sunday: null, holidays: false })).toBe("Mon–Fri 9 am to 7 pm · Sat 10 am to 2 pm · Sun none · holidays none");
  });
});

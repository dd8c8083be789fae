// The time outreach rules are read at. Tests pin it (the hours the law allows depend on it, and a
// test must pass at 3 am too); everything else reads the real clock.
let pinned: Date | null = null;
// A test's child process (the send fault test's worker) starts its clock at OUTREACH_CLOCK_START
// and lets it run from there; NODE_ENV=test only, like pinning.
const start = process.env.NODE_ENV === "test" && process.env.OUTREACH_CLOCK_START ? Date.parse(process.env.OUTREACH_CLOCK_START) - Date.now() : 0;
const offset = Number.isFinite(start) ? start : 0;

export function outreachNow(): Date {
  return pinned ? new Date(pinned) : new Date(Date.now() + offset);
}

/** Tests only: pin the clock (null: the real one again). Refused outside NODE_ENV=test. */
export function pinOutreachClock(at: Date | null): void {
  if (process.env.NODE_ENV !== "test") throw new Error("the outreach clock can be pinned in tests only");
  pinned = at;
}

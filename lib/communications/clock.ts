// The time outreach rules are read at. Tests pin it (the hours the law allows depend on it, and a
// test must pass at 3 am too); everything else reads the real clock.
let pinned: Date | null = null;

export function outreachNow(): Date {
  return pinned ? new Date(pinned) : new Date();
}

/** Tests only: pin the clock (null: the real one again). Refused outside NODE_ENV=test. */
export function pinOutreachClock(at: Date | null): void {
  if (process.env.NODE_ENV !== "test") throw new Error("the outreach clock can be pinned in tests only");
  pinned = at;
}

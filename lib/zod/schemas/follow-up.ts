import { dateSchema } from "../fields";

// A follow-up is a reminder to act later: one set in the past would be overdue the moment it was
// saved (a year typed as 2020 instead of 2026 was accepted silently). A few minutes of slack
// keep "now" valid, since the date field has no seconds and the request takes time.
const SLACK_MS = 5 * 60_000;

export const PAST_FOLLOW_UP = "Choose a follow-up from now on: that date and time have already passed.";

export function isPastFollowUp(when: Date, now = Date.now()): boolean {
  return when.getTime() < now - SLACK_MS;
}

/** A follow-up being scheduled (not one already stored, which may since have passed). */
export const newFollowUpSchema = dateSchema("Next follow-up").refine((d) => !isPastFollowUp(d), PAST_FOLLOW_UP);

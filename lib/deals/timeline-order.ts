// The order a deal's dates must keep. Pure: returns field errors, the caller refuses the save.

export const TIMELINE_FIELDS = ["contract_date", "closing_date", "rehab_start_date", "rehab_end_date", "listing_date", "sale_date"] as const;
export type TimelineField = (typeof TIMELINE_FIELDS)[number];
export type DealTimeline = Partial<Record<TimelineField, Date | null | undefined>>;

export const TIMELINE_LABELS: Record<TimelineField, string> = {
  contract_date: "Contract date",
  closing_date: "Closing date",
  rehab_start_date: "Rehab start",
  rehab_end_date: "Rehab end",
  listing_date: "Listing date",
  sale_date: "Sale date",
};

// [later field, earlier field]: the later one may not come before the earlier one.
const RULES: [TimelineField, TimelineField][] = [
  ["closing_date", "contract_date"],
  ["rehab_start_date", "contract_date"],
  ["rehab_end_date", "rehab_start_date"],
  ["listing_date", "contract_date"],
  ["sale_date", "listing_date"],
  ["sale_date", "contract_date"],
];

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Field errors for dates out of order (compared by calendar day), naming both fields. */
export function timelineProblems(t: DealTimeline): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [later, earlier] of RULES) {
    const a = t[later];
    const b = t[earlier];
    if (!a || !b || out[later]) continue;
    if (day(a) < day(b)) out[later] = [`${TIMELINE_LABELS[later]} cannot be before the ${TIMELINE_LABELS[earlier].toLowerCase()}`];
  }
  return out;
}

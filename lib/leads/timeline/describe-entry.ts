// How the lead timeline words one entry (client-safe: no model imports).
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import type { TimelineEntry } from "./get-lead-timeline";

/** A moment in the person's time zone (from the request), so the server's render and the browser's agree. */
export const formatWhen = (iso: string, timeZone: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone });

/** The follow-up an activity scheduled (its stored change), when it has one. */
function scheduledFor(e: Extract<TimelineEntry, { kind: "activity" }>): string | null {
  const to = (e.metadata?.changes as { next_follow_up?: { to?: unknown } } | undefined)?.next_follow_up?.to;
  return typeof to === "string" && !Number.isNaN(Date.parse(to)) ? to : null;
}

export function describeTimelineEntry(e: TimelineEntry, timeZone: string): { title: string; body: string | null } {
  if (e.kind === "communication") {
    const what = e.type === "sms" ? "Text" : e.type === "call" ? "Call" : "E-mail";
    const dir = e.direction === "inbound" ? "from seller" : "to seller";
    const extra = e.type === "call" && e.duration ? ` · ${Math.round(e.duration / 60)} min` : "";
    return { title: `${what} ${dir}${e.status ? ` · ${e.status}` : ""}${extra}`, body: e.content };
  }
  if (e.type === "lead_note_added") return { title: "Note", body: (e.metadata?.text as string) ?? e.description };
  // "Follow-up scheduled" alone did not say for when; the date is in the activity's change.
  const at = e.type === LEAD_ACTIVITY.followUpSet ? scheduledFor(e) : null;
  if (at) return { title: `Follow-up scheduled for ${formatWhen(at, timeZone)}`, body: null };
  return { title: e.description ?? e.type.replace(/_/g, " "), body: null };
}

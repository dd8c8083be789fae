import { subscribe } from "@/lib/core/events/subscribers";
import { ACTIVITY_RESOURCES } from "./describe-changes";
import { recordEventActivities } from "./event-activities";

// The activity log follows every change to leads, buyers and deals, whoever made it: the entries
// are derived from the domain events (changed fields with before and after, the actor), so no
// writer records them by hand. Inline, so the person who made a change sees it on the timeline at
// once; the worker delivers it when that failed. Entries that are content of their own (a note)
// or describe an operation rather than a document's change (an export, an import's summary, a
// tag renamed in the catalogue) are still written by their writer.
subscribe({
  name: "activity-log",
  resources: Object.keys(ACTIVITY_RESOURCES),
  inline: true,
  handle: async (event) => {
    await recordEventActivities(event);
  },
});

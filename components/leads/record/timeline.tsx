"use client";
import { useState, useTransition } from "react";
import type { TimelineEntry } from "@/lib/leads/timeline/get-lead-timeline";
import { describeTimelineEntry, formatWhen } from "@/lib/leads/timeline/describe-entry";
import { addLeadNoteAction, loadTimelineAction } from "@/app/t/[host]/leads/[id]/actions";
import { Button } from "@/components/ui/button";
import { sendChecked } from "@/lib/core/actions/payload-size";

/** Notes composer and the lead's history (activities and communications), newest first. */
export function Timeline({ leadId, initial, hasMore: initialMore, canWrite, timeZone }: { leadId: string; initial: TimelineEntry[]; hasMore: boolean; canWrite: boolean; timeZone: string }) {
  const [older, setOlder] = useState<TimelineEntry[]>([]);
  const [hasMore, setHasMore] = useState(initialMore);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const entries = [...initial, ...older.filter((o) => !initial.some((i) => i.id === o.id))];

  return (
    <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="timeline-heading" className="font-semibold">
        Notes and history
      </h2>
      {canWrite && (
        <form
          className="mt-3"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              setError(null);
              const res = await sendChecked(addLeadNoteAction, { lead_id: leadId, text: note }, { text: "Note" });
              if (!res.ok) return setError(res.fieldErrors?.text?.[0] ?? res.error);
              setNote("");
            });
          }}
        >
          <label htmlFor="note-text" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Add a note
          </label>
          <textarea id="note-text" value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={5000} aria-invalid={error ? true : undefined} aria-describedby={error ? "note-error" : undefined} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" placeholder="What did the seller say?" />
          {error && (
            <p id="note-error" role="alert" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          )}
          <Button type="submit" size="sm" variant="primary" className="mt-2" disabled={pending || !note.trim()}>
            {pending ? "Saving…" : "Add note"}
          </Button>
        </form>
      )}
      <ol className="mt-4 space-y-3" aria-label="Timeline, newest first">
        {entries.length === 0 && <li className="text-sm text-slate-600 dark:text-slate-400">Nothing yet.</li>}
        {entries.map((e) => {
          const { title, body } = describeTimelineEntry(e, timeZone);
          return (
            <li key={`${e.kind}-${e.id}`} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
              <p className="text-sm font-medium text-slate-900 dark:text-slate-100">{title}</p>
              {body && <p className="mt-0.5 text-sm whitespace-pre-wrap text-slate-800 dark:text-slate-200">{body}</p>}
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {formatWhen(e.at, timeZone)}
                {e.kind === "activity" ? ` · by ${e.actorLabel}` : e.userName ? ` · ${e.userName}` : ""}
              </p>
            </li>
          );
        })}
      </ol>
      {hasMore && (
        <Button
          size="sm"
          className="mt-3"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const last = entries[entries.length - 1];
              const res = await loadTimelineAction({ lead_id: leadId, before: last?.at ?? new Date().toISOString() });
              if (res.ok) {
                setOlder((o) => [...o, ...res.data.entries]);
                setHasMore(res.data.hasMore);
              }
            })
          }
        >
          Show older
        </Button>
      )}
    </section>
  );
}

"use client";

import { useId, useState, useTransition } from "react";
import { logCallOutcomeAction } from "@/app/t/[host]/calls/actions";
import { Button } from "@/components/ui/button";
import { sendChecked } from "@/lib/core/actions/payload-size";

/** The dispositions a rep logs after a call (models/communication.ts CALL_DISPOSITIONS), in words. */
export const DISPOSITION_LABELS: Record<string, string> = {
  talked: "Talked",
  left_voicemail: "Left voicemail",
  no_answer: "No answer",
  wrong_number: "Wrong number",
};

/**
 * After a call has ended: how it went (disposition) and a note. "Wrong number" also marks the
 * number wrong on the lead, so nothing is sent to it again; the form says so before saving.
 */
export function CallOutcomeForm({ communicationId, onSaved }: { communicationId: string; onSaved: () => void }) {
  const ids = { disposition: useId(), note: useId(), error: useId() };
  const [disposition, setDisposition] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const save = () =>
    start(async () => {
      setError(null);
      const r = await sendChecked(logCallOutcomeAction, { communicationId, disposition: disposition as "talked", note: note.trim() || undefined }, { note: "Call note" });
      if (!r.ok) return setError(r.fieldErrors?.disposition?.[0] ?? r.fieldErrors?.note?.[0] ?? r.error);
      onSaved();
    });
  return (
    <form
      aria-label="Log this call"
      className="mt-2 space-y-2 border-t border-slate-200 pt-2 dark:border-slate-700"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!disposition) return setError("Choose how the call went.");
        if (!pending) save();
      }}
    >
      <div>
        <label htmlFor={ids.disposition} className="block text-xs font-medium">
          How did it go?
        </label>
        <select
          id={ids.disposition}
          value={disposition}
          onChange={(e) => setDisposition(e.target.value)}
          aria-describedby={error ? ids.error : undefined}
          aria-invalid={error && !disposition ? true : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="">Choose…</option>
          {Object.entries(DISPOSITION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {disposition === "wrong_number" && <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">This number will be marked wrong: no text or call will go to it again.</p>}
      </div>
      <div>
        <label htmlFor={ids.note} className="block text-xs font-medium">
          Call note (optional)
        </label>
        <textarea id={ids.note} rows={2} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900" />
      </div>
      {error && (
        <p id={ids.error} role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <Button type="submit" size="sm" variant="primary" disabled={pending}>
        {pending ? "Saving…" : "Save outcome"}
      </Button>
    </form>
  );
}

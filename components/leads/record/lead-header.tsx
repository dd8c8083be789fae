"use client";
import { useState, useTransition } from "react";
import { LEAD_PRIORITIES, LEAD_STATUSES } from "@/models/lead-enums";
import type { LeadView } from "@/lib/leads/get-lead";
import type { Assignee } from "@/lib/leads/write/list-assignees";
import { assignLeadAction, changeLeadPriorityAction, changeLeadStatusAction, setFollowUpAction } from "@/app/t/[host]/leads/[id]/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmedSelect } from "@/components/ui/confirmed-select";
import { isPastFollowUp, PAST_FOLLOW_UP } from "@/lib/zod/schemas/follow-up";
import { label } from "@/components/ui/field";
import { formatPhone } from "../list/format";
import { DeleteLeadButton } from "./delete-lead-button";

type Result = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Local 9:00 a.m. `days` from today. */
function atNine(days: number): Date {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(9, 0, 0, 0);
  return d;
}

function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Status, priority, score, call/text, follow-up and assignment: what a rep changes most, one click away. */
export function LeadHeader({ lead, assignees, canWrite, canAssign, canDelete, timeZone }: { lead: LeadView; assignees: Assignee[]; canWrite: boolean; canAssign: boolean; canDelete: boolean; timeZone: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [custom, setCustom] = useState(false);
  const run = (fn: () => Promise<Result>) =>
    start(async () => {
      setError(null);
      const res = await fn();
      if (!res.ok) setError(Object.values(res.fieldErrors ?? {})[0]?.[0] ?? res.error);
    });
  const followUp = (when: Date | "") => run(() => setFollowUpAction({ lead_id: lead.id, next_follow_up: when === "" ? "" : when.toISOString() }));
  const tel = lead.phone.replace(/[^\d+]/g, "");
  const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
  const labelClass = "font-medium text-slate-700 dark:text-slate-200";

  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold">{lead.name}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">{lead.address.full_address ?? "No address yet"}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={`tel:${tel}`} className={buttonClass("primary", "md")}>
            Call {formatPhone(lead.phone)}
          </a>
          <a href={`sms:${tel}`} className={buttonClass("secondary", "md")}>
            Text
          </a>
          {lead.email && (
            <a href={`mailto:${lead.email}`} className={buttonClass("secondary", "md")}>
              E-mail
            </a>
          )}
          {canDelete && <DeleteLeadButton lead={{ id: lead.id, name: lead.name }} />}
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-4 text-sm">
        <ConfirmedSelect
          label="Status"
          labelClassName={labelClass}
          className={selectClass}
          value={lead.status}
          options={LEAD_STATUSES.map((s) => ({ value: s, label: label(s) }))}
          disabled={!canWrite || pending}
          onConfirm={(status) => run(() => changeLeadStatusAction({ lead_id: lead.id, status }))}
        />
        <ConfirmedSelect
          label="Priority"
          labelClassName={labelClass}
          className={selectClass}
          value={lead.priority}
          options={LEAD_PRIORITIES.map((p) => ({ value: p, label: label(p) }))}
          disabled={!canWrite || pending}
          onConfirm={(priority) => run(() => changeLeadPriorityAction({ lead_id: lead.id, priority }))}
        />
        <ConfirmedSelect
          label="Assigned to"
          labelClassName={labelClass}
          className={selectClass}
          value={lead.assigned_to ?? ""}
          options={[{ value: "", label: "Unassigned" }, ...assignees.map((u) => ({ value: u.id, label: u.name }))]}
          disabled={!canAssign || pending}
          onConfirm={(assigned_to) => run(() => assignLeadAction({ lead_id: lead.id, assigned_to }))}
        />
        <div className="flex flex-col gap-1">
          <span className="font-medium text-slate-700 dark:text-slate-200">Score</span>
          <span className="py-1.5 font-semibold">{lead.lead_score ?? "—"}</span>
        </div>
        <div className="flex flex-col gap-1">
          <span className="font-medium text-slate-700 dark:text-slate-200" id="follow-up-label">
            Next follow-up: {lead.next_follow_up ? new Date(lead.next_follow_up).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }) : "none"}
          </span>
          {canWrite && (
            <div className="flex flex-wrap gap-1" role="group" aria-labelledby="follow-up-label">
              <Button size="sm" disabled={pending} onClick={() => followUp(atNine(1))}>
                Tomorrow
              </Button>
              <Button size="sm" disabled={pending} onClick={() => followUp(atNine(7))}>
                Next week
              </Button>
              <Button size="sm" disabled={pending} onClick={() => setCustom((v) => !v)} aria-expanded={custom}>
                Custom…
              </Button>
              {lead.next_follow_up && (
                <Button size="sm" variant="ghost" disabled={pending} onClick={() => followUp("")}>
                  Clear
                </Button>
              )}
            </div>
          )}
          {custom && (
            // Saved with the button (or Enter), not on every change: typing a date changes the
            // field once per digit ("2" is the year 0002), and each change would have been saved.
            <form
              className="flex items-center gap-2"
              // Our own message for a past or impossible date, not the browser's bubble for `min`.
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                const value = new FormData(e.currentTarget).get("next_follow_up");
                // A year typed with too many digits ("203110") is a value the field keeps but no date.
                const when = typeof value === "string" && value ? new Date(value) : null;
                if (!when || Number.isNaN(when.getTime())) return setError("Choose a real date and time for the follow-up.");
                if (isPastFollowUp(when)) return setError(PAST_FOLLOW_UP);
                followUp(when);
                setCustom(false);
              }}
            >
              <label className="flex items-center gap-2">
                <span className="sr-only">Follow-up date and time</span>
                <input type="datetime-local" name="next_follow_up" className={selectClass} defaultValue={toLocalInput(lead.next_follow_up)} min={toLocalInput(new Date().toISOString())} autoFocus />
              </label>
              <Button type="submit" size="sm" variant="primary" disabled={pending}>
                Set
              </Button>
            </form>
          )}
        </div>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </header>
  );
}

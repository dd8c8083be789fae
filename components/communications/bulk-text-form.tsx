"use client";

import { useEffect, useId, useMemo, useState, useTransition } from "react";
import Link from "next/link";
import { bulkTextRecipientsAction, bulkTextSummaryAction, startBulkTextAction } from "@/app/t/[host]/inbox/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { checkTextContent } from "@/lib/communications/content-check";
import { countSegments, describeSegments } from "@/lib/communications/segments";
import type { BulkSummary } from "@/lib/communications/bulk/bulk-text";

/** MAX_BULK_RECIPIENTS (lib/communications/bulk/bulk-text.ts, a server module). */
const MAX_RECIPIENTS = 5_000;
import type { TextTemplateOption } from "./compose-box";
import { newIntentKey } from "./intent-key";
import { sendChecked } from "@/lib/core/actions/payload-size";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 dark:border-slate-700 dark:bg-slate-900";

type Target = { mode: "ids"; ids: string[] } | { mode: "all"; query: string };

/**
 * Choose the leads (the selection brought from the list, or a saved view: never one chosen for the
 * rep), see how many that is, write the text, watch it go, and read what was sent, deferred and
 * skipped and why. The form's request key makes a double click or a resubmit start one bulk.
 */
export function BulkTextForm({
  initialIds,
  initialQuery,
  views,
  templates,
  companyName,
}: {
  initialIds: string[];
  initialQuery: string | null;
  views: { id: string; name: string; query: string }[];
  templates: TextTemplateOption[];
  companyName: string;
}) {
  const ids = { target: useId(), tpl: useId(), body: useId(), info: useId(), count: useId() };
  const fromList = initialIds.length ? "ids" : initialQuery !== null ? "query" : null;
  const [target, setTarget] = useState<string>(fromList ?? "");
  const [requestId] = useState(newIntentKey);
  const [recipients, setRecipients] = useState<{ target: string; count: number | null; error?: string } | null>(null);
  const [body, setBody] = useState("");
  const [templateId, setTemplateId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [bulkId, setBulkId] = useState<string | null>(null);
  const [summary, setSummary] = useState<(BulkSummary & { error?: string }) | null>(null);
  const [pending, start] = useTransition();
  const segments = useMemo(() => countSegments(body), [body]);
  const warnings = useMemo(() => checkTextContent({ body, firstText: true, companyName }), [body, companyName]);

  useEffect(() => {
    if (!bulkId || summary?.finished) return;
    const timer = setInterval(async () => {
      const r = await bulkTextSummaryAction({ bulk_id: bulkId });
      if (r.ok) setSummary(r.data);
    }, 1000);
    return () => clearInterval(timer);
  }, [bulkId, summary?.finished]);

  const targetOf = (value: string): Target | null => {
    if (value === "ids") return { mode: "ids", ids: initialIds };
    if (value === "query") return { mode: "all", query: initialQuery ?? "" };
    const view = value.startsWith("view:") ? views.find((v) => `view:${v.id}` === value) : null;
    return view ? { mode: "all", query: view.query } : null;
  };

  // How many leads the chosen selection or view holds now, before anything is sent.
  useEffect(() => {
    const t = targetOf(target);
    if (!t) return;
    let live = true;
    void bulkTextRecipientsAction({ target: t }).then((r) => {
      if (live) setRecipients(r.ok ? { target, count: r.data } : { target, count: null, error: r.error });
    });
    return () => {
      live = false;
    };
    // targetOf reads props that do not change while the page is open
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);
  const count = recipients?.target === target ? recipients.count : null;
  const tooMany = count !== null && count > MAX_RECIPIENTS;

  const submit = () =>
    start(async () => {
      setError(null);
      const t = targetOf(target);
      if (!t) return setError("Choose who gets the text.");
      const r = await sendChecked(startBulkTextAction, { target: t, body, template_id: templateId || undefined, request_id: requestId }, { body: "Message" });
      if (r.ok) {
        setBulkId(r.data.bulkId);
        setSummary({ bulkId: r.data.bulkId, total: r.data.total, done: 0, finished: false, counts: { sent: 0, scheduled: 0, deferred: 0, skipped: 0 }, reasons: [] });
      } else setError(r.fieldErrors?.body?.[0] ?? r.error);
    });

  if (summary) {
    return (
      <section aria-labelledby="bulk-progress" className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800" data-testid="bulk-summary">
        <h2 id="bulk-progress" className="text-lg font-semibold">
          {summary.finished ? "Done" : "Sending…"}
        </h2>
        <progress className="w-full" max={summary.total} value={summary.done} aria-label="Recipients handled" />
        <p role="status" aria-live="polite" className="text-sm" data-testid="bulk-counts">
          {summary.done} of {summary.total} handled: {summary.counts.sent} queued to send, {summary.counts.scheduled} scheduled, {summary.counts.deferred} deferred, {summary.counts.skipped} skipped.
        </p>
        {summary.error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {summary.error}
          </p>
        )}
        {summary.reasons.length > 0 && (
          <>
            <h3 className="text-sm font-semibold">Not sent now, and why</h3>
            <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="bulk-reasons">
              {summary.reasons.map((r) => (
                <li key={r.kind + r.reason}>
                  {r.count} {r.kind}: {r.reason}
                </li>
              ))}
            </ul>
          </>
        )}
        {summary.finished && (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Each text&apos;s delivery shows on the lead&apos;s page and in the{" "}
            <Link href="/inbox" className="underline">
              inbox
            </Link>
            ; deferred texts go out on their own when the hours allow.
          </p>
        )}
      </section>
    );
  }

  if (!fromList && views.length === 0) {
    return (
      <div className="space-y-2 rounded-md border border-slate-200 p-4 text-sm dark:border-slate-800" data-testid="bulk-empty">
        <p>There is nobody to text yet: a bulk text goes to leads you select on the Leads list, or to a saved view of it.</p>
        <Link href="/leads" className={buttonClass("secondary", "sm")}>
          Go to the leads
        </Link>
      </div>
    );
  }

  return (
    <form
      aria-label="Bulk text"
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending) submit();
      }}
    >
      <div>
        <label htmlFor={ids.target} className="block text-sm font-medium">
          Send to
        </label>
        <select id={ids.target} className={inputClass} value={target} onChange={(e) => setTarget(e.target.value)} aria-describedby={ids.count}>
          {!fromList && <option value="">Choose a saved view…</option>}
          {fromList === "ids" && <option value="ids">The {initialIds.length} leads you selected</option>}
          {fromList === "query" && <option value="query">Every lead matching the list&apos;s filters</option>}
          {views.map((v) => (
            <option key={v.id} value={`view:${v.id}`}>
              Saved view: {v.name}
            </option>
          ))}
        </select>
        <p id={ids.count} aria-live="polite" className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="bulk-recipients">
          {!target
            ? "Choose who gets the text: a saved view of your leads, or select leads on the Leads list."
            : recipients?.target !== target
              ? "Counting the leads…"
              : recipients.error
                ? recipients.error
                : count === 0
                  ? "No lead matches this view: nothing would be sent."
                  : tooMany
                    ? `More than ${MAX_RECIPIENTS.toLocaleString("en-US")} leads match: narrow the view first.`
                    : `${count} ${count === 1 ? "lead" : "leads"} now; each is checked before its text goes.`}
        </p>
      </div>
      {templates.length > 0 && (
        <div>
          <label htmlFor={ids.tpl} className="block text-sm font-medium">
            Template
          </label>
          <select
            id={ids.tpl}
            className={inputClass}
            value={templateId}
            onChange={(e) => {
              setTemplateId(e.target.value);
              const t = templates.find((x) => x.id === e.target.value);
              if (t) setBody(t.content);
            }}
          >
            <option value="">No template</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor={ids.body} className="block text-sm font-medium">
          Message
        </label>
        <textarea id={ids.body} rows={4} className={inputClass} value={body} maxLength={1600} aria-describedby={ids.info} onChange={(e) => setBody(e.target.value)} />
        <div id={ids.info} className="mt-1 space-y-1 text-xs text-slate-700 dark:text-slate-300">
          <p>{describeSegments(segments)}</p>
          {warnings.map((w) => (
            <p key={w.code + (w.phrase ?? "")} className="text-amber-800 dark:text-amber-300">
              Warning: {w.message}
            </p>
          ))}
        </div>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={pending || !body.trim() || !target || count === 0 || tooMany}>
        {pending ? "Starting…" : count ? `Send to ${count} ${count === 1 ? "lead" : "leads"}` : "Send"}
      </Button>
    </form>
  );
}

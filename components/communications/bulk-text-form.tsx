"use client";

import { useEffect, useId, useMemo, useState, useTransition } from "react";
import { bulkTextSummaryAction, startBulkTextAction } from "@/app/t/[host]/inbox/actions";
import { Button } from "@/components/ui/button";
import { checkTextContent } from "@/lib/communications/content-check";
import { countSegments, describeSegments } from "@/lib/communications/segments";
import type { BulkSummary } from "@/lib/communications/bulk/bulk-text";
import type { TextTemplateOption } from "./compose-box";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 dark:border-slate-700 dark:bg-slate-900";

/** Choose the leads (the selection brought from the list, or a saved view), write the text, watch it go. */
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
  const ids = { target: useId(), tpl: useId(), body: useId(), info: useId() };
  const fromList = initialIds.length ? "ids" : initialQuery !== null ? "query" : null;
  const [target, setTarget] = useState<string>(fromList ?? (views[0] ? `view:${views[0].id}` : ""));
  const [body, setBody] = useState("");
  const [templateId, setTemplateId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [bulkId, setBulkId] = useState<string | null>(null);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
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

  const submit = () =>
    start(async () => {
      setError(null);
      const view = target.startsWith("view:") ? views.find((v) => `view:${v.id}` === target) : null;
      const t = target === "ids" ? { mode: "ids" as const, ids: initialIds } : { mode: "all" as const, query: target === "query" ? (initialQuery ?? "") : (view?.query ?? "") };
      const r = await startBulkTextAction({ target: t, body, template_id: templateId || undefined });
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
        <p role="status" aria-live="polite" className="text-sm">
          {summary.done} of {summary.total} handled: {summary.counts.sent} queued to send, {summary.counts.scheduled} scheduled, {summary.counts.deferred} deferred, {summary.counts.skipped} skipped.
        </p>
        {summary.reasons.length > 0 && (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {summary.reasons.map((r) => (
              <li key={r.kind + r.reason}>
                {r.count} {r.kind}: {r.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }

  return (
    <form
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
        <select id={ids.target} className={inputClass} value={target} onChange={(e) => setTarget(e.target.value)}>
          {fromList === "ids" && <option value="ids">The {initialIds.length} leads you selected</option>}
          {fromList === "query" && <option value="query">Every lead matching the list&apos;s filters</option>}
          {views.map((v) => (
            <option key={v.id} value={`view:${v.id}`}>
              Saved view: {v.name}
            </option>
          ))}
        </select>
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
      <Button type="submit" variant="primary" disabled={pending || !body.trim() || !target}>
        {pending ? "Starting…" : "Send to all"}
      </Button>
    </form>
  );
}

"use client";

import { useId, useMemo, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { checkTextContent } from "@/lib/communications/content-check";
import { countSegments, describeSegments } from "@/lib/communications/segments";
import type { ActionResult } from "@/lib/core/errors-response";
import { analyzeTemplate, fillInVariablesOf, FILL_IN_VARIABLES, STANDARD_VARIABLES, type RenderResult } from "@/lib/templates/render";
import type { TemplateView } from "@/lib/templates/templates";
import { TEMPLATE_CATEGORIES, TEMPLATE_TYPE_LABELS, TEMPLATE_TYPE_VALUES } from "@/lib/zod/schemas/template";
import { sendChecked } from "@/lib/core/actions/payload-size";

type Action<I, R> = (input: I) => Promise<ActionResult<R>>;
type Draft = { template_id?: string; name: string; type: TemplateView["type"]; category: string; content: string; is_active: boolean };

const EMPTY: Draft = { name: "", type: "sms", category: "", content: "", is_active: true };
const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900";

export function TemplateEditor({
  templates,
  customFields,
  leads,
  canWrite,
  actions,
}: {
  templates: TemplateView[];
  customFields: { key: string; label: string }[];
  leads: { id: string; name: string }[];
  canWrite: boolean;
  actions: {
    create: Action<Omit<Draft, "template_id">, TemplateView>;
    update: Action<Draft, TemplateView>;
    remove: Action<{ template_id: string }, null>;
    preview: Action<{ content: string; lead_id: string; fill_in?: Record<string, string> }, RenderResult>;
  };
}) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();
  const [previewLead, setPreviewLead] = useState(leads[0]?.id ?? "");
  const [preview, setPreview] = useState<RenderResult | { ok: false; message: string } | null>(null);
  const [fillIn, setFillIn] = useState<Record<string, string>>({});
  const contentRef = useRef<HTMLTextAreaElement>(null);
  const ids = { name: useId(), type: useId(), category: useId(), content: useId(), lead: useId(), cats: useId(), analysis: useId() };

  const analysis = useMemo(() => (draft ? analyzeTemplate(draft.content, customFields.map((f) => f.key)) : null), [draft, customFields]);
  const segments = draft?.type === "sms" ? countSegments(draft.content) : null;
  const warnings = draft?.type === "sms" ? checkTextContent({ body: draft.content, firstText: draft.category === "introduction" }) : [];

  const open = (t: TemplateView | null) => {
    setDraft(t ? { template_id: t.id, name: t.name, type: t.type, category: t.category, content: t.content, is_active: t.isActive } : { ...EMPTY });
    setErrors({});
    setPreview(null);
    setStatus(null);
  };

  const insert = (variable: string) => {
    if (!draft) return;
    const el = contentRef.current;
    const token = `{{${variable}}}`;
    const at = el?.selectionStart ?? draft.content.length;
    const end = el?.selectionEnd ?? at;
    setDraft({ ...draft, content: draft.content.slice(0, at) + token + draft.content.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const save = () =>
    start(async () => {
      if (!draft) return;
      const result = draft.template_id ? await sendChecked(actions.update, draft) : await sendChecked(actions.create, draft);
      if (result.ok) {
        setDraft({ ...draft, template_id: result.data.id });
        setErrors({});
        setStatus({ kind: "ok", text: `Saved “${result.data.name}”.` });
      } else {
        setErrors(result.fieldErrors ?? {});
        setStatus({ kind: "error", text: result.error });
      }
    });

  const remove = () =>
    start(async () => {
      if (!draft?.template_id || !window.confirm(`Delete the template “${draft.name}”? Messages already sent keep their words.`)) return;
      const result = await actions.remove({ template_id: draft.template_id });
      if (result.ok) {
        setDraft(null);
        setStatus({ kind: "ok", text: "Template deleted." });
      } else setStatus({ kind: "error", text: result.error });
    });

  const runPreview = () =>
    start(async () => {
      if (!draft || !previewLead) return;
      const result = await sendChecked(actions.preview, { content: draft.content, lead_id: previewLead, fill_in: fillIn });
      setPreview(result.ok ? result.data : { ok: false, message: result.error });
    });

  const fillIns = draft ? fillInVariablesOf(draft.content) : [];
  const readOnly = !canWrite;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
      <section aria-labelledby="templates-list-heading">
        <div className="flex items-center justify-between gap-2">
          <h2 id="templates-list-heading" className="text-lg font-semibold">
            All templates
          </h2>
          {canWrite && (
            <Button variant="primary" size="sm" onClick={() => open(null)}>
              New template
            </Button>
          )}
        </div>
        {templates.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">No templates yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {templates.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  onClick={() => open(t)}
                  aria-current={draft?.template_id === t.id ? "true" : undefined}
                  className="flex w-full flex-col items-start gap-0.5 px-3 py-2 text-left hover:bg-slate-50 aria-[current=true]:bg-brand-50 dark:hover:bg-slate-800 dark:aria-[current=true]:bg-slate-800"
                >
                  <span className="font-medium">{t.name}</span>
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    {TEMPLATE_TYPE_LABELS[t.type]}
                    {t.category ? ` · ${t.category.replace(/_/g, " ")}` : ""} · used {t.usageCount} {t.usageCount === 1 ? "time" : "times"}
                    {t.isActive ? "" : " · inactive"}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="template-form-heading">
        <h2 id="template-form-heading" className="text-lg font-semibold">
          {draft ? (draft.template_id ? (readOnly ? "Template" : "Edit template") : "New template") : "Template"}
        </h2>
        <p role="status" aria-live="polite" className={`mt-1 text-sm ${status?.kind === "error" ? "text-red-700 dark:text-red-400" : "text-green-800 dark:text-green-400"}`}>
          {status?.text}
        </p>
        {!draft ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Choose a template to {canWrite ? "edit it" : "read it"}{canWrite ? ", or create a new one" : ""}.</p>
        ) : (
          <form
            className="mt-3 space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
            noValidate
          >
            <div>
              <label htmlFor={ids.name} className="block text-sm font-medium">
                Name
              </label>
              <input id={ids.name} className={inputClass} value={draft.name} readOnly={readOnly} maxLength={100} aria-invalid={errors.name ? true : undefined} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
              <FieldError errors={errors.name} />
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <label htmlFor={ids.type} className="block text-sm font-medium">
                  Type
                </label>
                <select id={ids.type} className={inputClass} value={draft.type} disabled={readOnly} onChange={(e) => setDraft({ ...draft, type: e.target.value as Draft["type"] })}>
                  {TEMPLATE_TYPE_VALUES.map((t) => (
                    <option key={t} value={t}>
                      {TEMPLATE_TYPE_LABELS[t]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={ids.category} className="block text-sm font-medium">
                  Category
                </label>
                <input id={ids.category} list={ids.cats} className={inputClass} value={draft.category} readOnly={readOnly} aria-invalid={errors.category ? true : undefined} onChange={(e) => setDraft({ ...draft, category: e.target.value })} />
                <datalist id={ids.cats}>
                  {TEMPLATE_CATEGORIES.map((c) => (
                    <option key={c} value={c} />
                  ))}
                </datalist>
                <FieldError errors={errors.category} />
              </div>
            </div>
            <div>
              <label htmlFor={ids.content} className="block text-sm font-medium">
                Content
              </label>
              {draft.type === "email" && <p className="text-xs text-slate-600 dark:text-slate-400">The first line “Subject: …” is the e-mail&apos;s subject.</p>}
              <textarea
                id={ids.content}
                ref={contentRef}
                rows={8}
                className={`${inputClass} font-mono`}
                value={draft.content}
                readOnly={readOnly}
                aria-invalid={errors.content || analysis?.unknown.length || analysis?.syntaxErrors.length ? true : undefined}
                aria-describedby={ids.analysis}
                onChange={(e) => setDraft({ ...draft, content: e.target.value })}
              />
              <FieldError errors={errors.content} />
              <div id={ids.analysis} className="mt-1 space-y-1 text-xs text-slate-700 dark:text-slate-300" aria-live="polite">
                {segments && <p data-testid="template-segments">{describeSegments(segments)}</p>}
                {analysis && analysis.variables.length > 0 && <p>Variables used: {analysis.variables.map((v) => `{{${v}}}`).join(", ")}</p>}
                {analysis && analysis.unknown.length > 0 && (
                  <p className="text-red-700 dark:text-red-400">Unknown variables: {analysis.unknown.map((v) => `{{${v}}}`).join(", ")}</p>
                )}
                {analysis?.syntaxErrors.map((e) => (
                  <p key={e} className="text-red-700 dark:text-red-400">
                    {e}
                  </p>
                ))}
                {warnings.map((w) => (
                  <p key={w.code + (w.phrase ?? "")} className="text-amber-800 dark:text-amber-300">
                    Warning: {w.message}
                  </p>
                ))}
              </div>
            </div>
            {canWrite && (
              <fieldset>
                <legend className="text-sm font-medium">Insert a variable</legend>
                <div className="mt-1 flex flex-wrap gap-1">
                  {[...Object.keys(STANDARD_VARIABLES), ...Object.keys(FILL_IN_VARIABLES), ...customFields.map((f) => `custom.${f.key}`)].map((v) => (
                    <Button key={v} size="sm" variant="secondary" onClick={() => insert(v)} aria-label={`Insert {{${v}}}`}>
                      {`{{${v}}}`}
                    </Button>
                  ))}
                </div>
              </fieldset>
            )}
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={draft.is_active} disabled={readOnly} onChange={(e) => setDraft({ ...draft, is_active: e.target.checked })} />
              Active (offered when composing)
            </label>
            {canWrite && (
              <div className="flex flex-wrap gap-2">
                <Button type="submit" variant="primary" disabled={pending}>
                  {pending ? "Saving…" : "Save template"}
                </Button>
                {draft.template_id && (
                  <Button variant="danger" onClick={remove} disabled={pending}>
                    Delete
                  </Button>
                )}
              </div>
            )}
          </form>
        )}
        {draft && leads.length > 0 && (
          <div className="mt-6 rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <h3 className="font-medium">Preview for a lead</h3>
            <div className="mt-2 flex flex-wrap items-end gap-2">
              <div className="min-w-48 flex-1">
                <label htmlFor={ids.lead} className="block text-sm font-medium">
                  Lead
                </label>
                <select id={ids.lead} className={inputClass} value={previewLead} onChange={(e) => setPreviewLead(e.target.value)}>
                  {leads.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </div>
              {fillIns.map((v) => (
                <div key={v} className="min-w-40">
                  <label htmlFor={`${ids.lead}-${v}`} className="block text-sm font-medium">
                    {FILL_IN_VARIABLES[v]}
                  </label>
                  <input id={`${ids.lead}-${v}`} className={inputClass} value={fillIn[v] ?? ""} onChange={(e) => setFillIn({ ...fillIn, [v]: e.target.value })} />
                </div>
              ))}
              <Button onClick={runPreview} disabled={pending}>
                Preview
              </Button>
            </div>
            <div aria-live="polite" data-testid="template-preview">
              {preview &&
                (preview.ok ? (
                  <p className="mt-3 whitespace-pre-wrap rounded bg-slate-50 p-3 text-sm dark:bg-slate-800">{preview.text}</p>
                ) : (
                  <p className="mt-3 text-sm text-red-700 dark:text-red-400">{preview.message}</p>
                ))}
            </div>
          </div>
        )}
      </section>
    </div>
  );
}

function FieldError({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-sm text-red-700 dark:text-red-400">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

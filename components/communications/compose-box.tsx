"use client";

import { useEffect, useId, useMemo, useState, useTransition } from "react";
import { sendTextAction } from "@/app/t/[host]/inbox/actions";
import { Button } from "@/components/ui/button";
import { checkTextContent } from "@/lib/communications/content-check";
import { countSegments, describeSegments } from "@/lib/communications/segments";
import { analyzeTemplate, fillInVariablesOf, FILL_IN_VARIABLES } from "@/lib/templates/render";
import { toLocalInput } from "./format";
import { newIntentKey } from "./intent-key";
import { sendChecked } from "@/lib/core/actions/payload-size";

export type TextTemplateOption = { id: string; name: string; content: string; category: string };

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900";

/** A fresh key per message the rep means to send: a double click or a retry reuses it, so it sends once. */

/**
 * Writing a text: a template to start from, variables filled by the server for this contact,
 * live segment count and encoding, the pre-send warnings, and when to send (now, a time, or the
 * contact's 9 am). The server's answer is said plainly: sending, scheduled, deferred and why, or
 * refused and why.
 */
export function ComposeBox({
  kind,
  id,
  companyName,
  firstText,
  templates,
  disabledReason,
  onSent,
}: {
  kind: "lead" | "buyer";
  id: string;
  companyName: string;
  firstText: boolean;
  templates: TextTemplateOption[];
  disabledReason?: string | null;
  onSent: () => void;
}) {
  const ids = { body: useId(), tpl: useId(), when: useId(), at: useId(), info: useId() };
  const [body, setBody] = useState("");
  const [templateId, setTemplateId] = useState("");
  const [fillIn, setFillIn] = useState<Record<string, string>>({});
  const [when, setWhen] = useState<"now" | "later" | "morning">("now");
  const [sendAt, setSendAt] = useState("");
  const [intentKey, setIntentKey] = useState(newIntentKey);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();

  const segments = useMemo(() => countSegments(body), [body]);
  const warnings = useMemo(() => checkTextContent({ body, firstText, companyName }), [body, firstText, companyName]);
  const analysis = useMemo(() => analyzeTemplate(body), [body]);
  const fillIns = fillInVariablesOf(body);

  const pickTemplate = (value: string) => {
    setTemplateId(value);
    const t = templates.find((x) => x.id === value);
    if (t) setBody(t.content);
  };

  const submit = () =>
    start(async () => {
      setResult(null);
      const r = await sendChecked(sendTextAction, {
        kind,
        id,
        body,
        template_id: templateId || undefined,
        when,
        send_at: when === "later" && sendAt ? new Date(sendAt).toISOString() : undefined,
        intent_key: intentKey,
        fill_in: Object.keys(fillIn).length ? fillIn : undefined,
      }, { body: "Message" });
      if (r.ok) {
        setResult({ ok: true, text: r.data.message });
        setBody("");
        setTemplateId("");
        setFillIn({});
        setWhen("now");
        setIntentKey(newIntentKey());
        onSent();
      } else {
        setResult({ ok: false, text: r.fieldErrors?.body?.[0] ?? r.error });
      }
    });

  if (disabledReason) {
    return (
      <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200" data-testid="compose-disabled">
        {disabledReason}
      </p>
    );
  }

  return (
    <form
      className="space-y-2"
      aria-label="Send a text"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending) submit();
      }}
    >
      {templates.length > 0 && (
        <div>
          <label htmlFor={ids.tpl} className="block text-sm font-medium">
            Template
          </label>
          <select id={ids.tpl} className={inputClass} value={templateId} onChange={(e) => pickTemplate(e.target.value)}>
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
        <textarea
          id={ids.body}
          rows={3}
          className={inputClass}
          value={body}
          maxLength={1600}
          aria-describedby={ids.info}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              if (!pending) submit();
            }
          }}
        />
      </div>
      {fillIns.map((v) => (
        <div key={v}>
          <label htmlFor={`${ids.body}-${v}`} className="block text-sm font-medium">
            {FILL_IN_VARIABLES[v]}
          </label>
          <input id={`${ids.body}-${v}`} className={inputClass} value={fillIn[v] ?? ""} onChange={(e) => setFillIn({ ...fillIn, [v]: e.target.value })} />
        </div>
      ))}
      <div id={ids.info} className="space-y-1 text-xs text-slate-700 dark:text-slate-300">
        <p data-testid="segment-count">{describeSegments(segments)}</p>
        {analysis.variables.length > 0 && <p>Filled in for this contact when sent: {analysis.variables.map((v) => `{{${v}}}`).join(", ")}</p>}
        {warnings.map((w) => (
          <p key={w.code + (w.phrase ?? "")} className="text-amber-800 dark:text-amber-300" data-testid="content-warning">
            Warning: {w.message}
          </p>
        ))}
      </div>
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <legend className="sr-only">When to send</legend>
        {(
          [
            ["now", "Send now"],
            ["later", "Send later"],
            ["morning", kind === "lead" ? "At the lead's 9 am" : "At their 9 am"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-1">
            <input type="radio" name={`${ids.when}-when`} value={value} checked={when === value} onChange={() => setWhen(value)} />
            {label}
          </label>
        ))}
        {when === "later" && (
          <label className="flex items-center gap-1">
            <span>at</span>
            <input id={ids.at} type="datetime-local" className={`${inputClass} w-auto`} value={sendAt} min={toLocalInput(new Date())} onChange={(e) => setSendAt(e.target.value)} aria-label="Send at" />
          </label>
        )}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending || !body.trim() || !intentKey}>
          {pending ? "Sending…" : when === "now" ? "Send text" : "Schedule text"}
        </Button>
        <p role="status" aria-live="polite" data-testid="compose-result" className={`text-sm ${result && !result.ok ? "text-red-700 dark:text-red-400" : "text-slate-700 dark:text-slate-300"}`}>
          {result?.text}
        </p>
      </div>
    </form>
  );
}

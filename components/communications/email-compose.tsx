"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { listEmailTemplatesAction, sendEmailAction } from "@/app/t/[host]/inbox/actions";
import { Button } from "@/components/ui/button";
import { splitEmailTemplate } from "@/lib/templates/render";
import type { TextTemplateOption } from "./compose-box";
import { newIntentKey } from "./intent-key";
import { sendChecked } from "@/lib/core/actions/payload-size";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 dark:border-slate-700 dark:bg-slate-900";

/** An e-mail to the contact, from a template or typed; logged in the thread. Replies arrive in your own mailbox. */
export function EmailCompose({ kind, id, onSent }: { kind: "lead" | "buyer"; id: string; onSent: () => void }) {
  const ids = { tpl: useId(), subject: useId(), body: useId() };
  const [open, setOpen] = useState(false);
  const [templates, setTemplates] = useState<TextTemplateOption[]>([]);
  const [templateId, setTemplateId] = useState("");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [key, setKey] = useState(newIntentKey);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  useEffect(() => {
    if (!open) return;
    void listEmailTemplatesAction({}).then((r) => r.ok && setTemplates(r.data));
  }, [open]);

  if (!open) {
    return (
      <div>
        <Button size="sm" onClick={() => setOpen(true)}>
          Write an e-mail
        </Button>
      </div>
    );
  }
  const submit = () =>
    start(async () => {
      const r = await sendChecked(sendEmailAction, { kind, id, subject, body, template_id: templateId || undefined, intent_key: key }, { body: "E-mail" });
      if (r.ok) {
        setResult({ ok: r.data.status === "sent", text: r.data.message });
        if (r.data.status === "sent") {
          setSubject("");
          setBody("");
          setTemplateId("");
          setKey(newIntentKey());
        }
        onSent();
      } else setResult({ ok: false, text: r.fieldErrors?.body?.[0] ?? r.error });
    });
  return (
    <form
      aria-label="Send an e-mail"
      className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!pending) submit();
      }}
    >
      <p className="text-xs text-slate-600 dark:text-slate-400">Replies to e-mail go to your own mailbox: inbound e-mail is not part of DealCycle.</p>
      {templates.length > 0 && (
        <div>
          <label htmlFor={ids.tpl} className="block text-sm font-medium">
            E-mail template
          </label>
          <select
            id={ids.tpl}
            className={inputClass}
            value={templateId}
            onChange={(e) => {
              setTemplateId(e.target.value);
              const t = templates.find((x) => x.id === e.target.value);
              if (t) {
                const parts = splitEmailTemplate(t.content);
                setSubject(parts.subject ?? "");
                setBody(parts.body);
              }
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
        <label htmlFor={ids.subject} className="block text-sm font-medium">
          Subject
        </label>
        <input id={ids.subject} className={inputClass} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
      </div>
      <div>
        <label htmlFor={ids.body} className="block text-sm font-medium">
          E-mail
        </label>
        <textarea id={ids.body} rows={5} className={inputClass} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending || !subject.trim() || !body.trim() || !key}>
          {pending ? "Sending…" : "Send e-mail"}
        </Button>
        <p role="status" aria-live="polite" className={`text-sm ${result && !result.ok ? "text-red-700 dark:text-red-400" : ""}`}>
          {result?.text}
        </p>
      </div>
    </form>
  );
}

"use client";

import { useState, useTransition } from "react";
import { requestCallAction } from "@/app/t/[host]/calls/actions";

/**
 * Click-to-call: Twilio rings the rep's own phone, then connects the lead or buyer with the
 * company's number as caller ID. Says what happened (or why not) in a live region.
 */
export function CallButton({ kind, id, phone, name, onPlaced }: { kind: "lead" | "buyer"; id: string; phone?: string; name: string; onPlaced?: (communicationId: string) => void }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const call = () =>
    start(async () => {
      const res = await requestCallAction({ kind, id, phone, intentKey: `call:${kind}:${id}:${crypto.randomUUID()}` });
      if (!res.ok) return setMessage({ ok: false, text: res.error });
      if (!res.data.ok) return setMessage({ ok: false, text: res.data.message });
      setMessage({ ok: true, text: `Calling your phone now; answer it to be connected to ${name}.` });
      onPlaced?.(res.data.communicationId);
    });
  return (
    <div className="inline-flex flex-col gap-1">
      <button
        type="button"
        onClick={call}
        disabled={pending}
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-60"
      >
        {pending ? "Calling…" : `Call ${name}`}
      </button>
      <p role="status" aria-live="polite" className={`text-sm ${message?.ok ? "text-slate-700 dark:text-slate-300" : "text-red-700 dark:text-red-400"}`}>
        {message?.text}
      </p>
    </div>
  );
}

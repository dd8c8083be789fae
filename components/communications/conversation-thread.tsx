"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { cancelScheduledAction, editScheduledAction, listTextTemplatesAction, loadThreadAction, markReadAction, rescheduleAction, simulateReplyAction } from "@/app/t/[host]/inbox/actions";
import { Button } from "@/components/ui/button";
import { STATUS_LABELS } from "@/lib/communications/explain-error";
import type { ThreadItem } from "@/lib/communications/thread/read-thread";
import { CallButton } from "./call-button";
import { CallOutcomeForm, DISPOSITION_LABELS } from "./call-outcome";
import { ComposeBox, type TextTemplateOption } from "./compose-box";
import { EmailCompose } from "./email-compose";
import { formatWhen, toLocalInput } from "./format";
import { MessagePhoto } from "./message-photo";
import { useInboxEvents } from "./use-inbox-events";
import { sendChecked } from "@/lib/core/actions/payload-size";

type Scheduled = { id: string; body: string; sendAt: string; deferral: { until: string; reason: string } | null };

/** An outbound call's status in words, as it moves (a click-to-call rings the rep first). */
const CALL_STATUS_WORDS: Record<string, string> = {
  queued: "placing the call…",
  ringing: "ringing your phone…",
  in_progress: "connecting…",
  answered: "answered",
  missed: "not answered",
  failed: "failed",
  canceled: "cancelled",
};
const CALL_ENDED = new Set(["answered", "missed", "failed", "canceled"]);
const formatDuration = (seconds: number) => (seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`);

const STATUS_TONE: Record<string, string> = {
  delivered: "text-green-800 dark:text-green-400",
  received: "text-slate-600 dark:text-slate-400",
  failed: "text-red-700 dark:text-red-400",
  undelivered: "text-red-700 dark:text-red-400",
  canceled: "text-slate-600 dark:text-slate-400",
};

/**
 * One contact's messages and calls in order, each outbound text's status as it moves (queued →
 * sent → delivered, or why not), photos received (inline, each a link to its full size), scheduled
 * texts (editable and cancellable until sent) and the compose box. Updates live from the inbox
 * stream; `live={false}` when an enclosing inbox already listens and passes `refreshKey`.
 */
export function ConversationThread({
  kind,
  id,
  companyName,
  canSend,
  live = true,
  refreshKey = 0,
  markRead = false,
  onChanged,
  heading = "Conversation",
}: {
  kind: "lead" | "buyer";
  id: string;
  companyName: string;
  canSend: boolean;
  live?: boolean;
  refreshKey?: number;
  markRead?: boolean;
  onChanged?: () => void;
  heading?: string;
}) {
  const [items, setItems] = useState<ThreadItem[] | null>(null);
  const [contact, setContact] = useState<{ name: string; phone: string } | null>(null);
  const [scheduled, setScheduled] = useState<Scheduled[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [templates, setTemplates] = useState<TextTemplateOption[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [sendingWarning, setSendingWarning] = useState<string | null>(null);
  const [simulated, setSimulated] = useState(false);
  const [reply, setReply] = useState("");
  const [replyPhoto, setReplyPhoto] = useState(false);
  const [editing, setEditing] = useState<{ id: string; at: string } | null>(null);
  const [rewording, setRewording] = useState<{ id: string; body: string } | null>(null);
  const [pending, start] = useTransition();
  const endRef = useRef<HTMLLIElement>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    const r = await loadThreadAction({ kind, id });
    if (mine !== seq.current) return;
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setItems(r.data.items);
    setContact({ name: r.data.contact.name, phone: r.data.contact.phone });
    setScheduled(r.data.scheduled);
    setSendingWarning(r.data.sendingWarning);
    setSimulated(r.data.simulated);
    if (markRead && r.data.items.some((i) => i.direction === "inbound" && !i.readAt)) {
      const m = await markReadAction({ kind, id });
      if (m.ok && m.data > 0) onChanged?.();
    }
  }, [kind, id, markRead, onChanged]);

  useEffect(() => {
    // load sets state only after its server action answers, not synchronously in the effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load, refreshKey]);

  useEffect(() => {
    if (!canSend) return;
    void listTextTemplatesAction({}).then((r) => r.ok && setTemplates(r.data));
  }, [canSend]);

  useInboxEvents(
    (change) => {
      if (live && change.contactType === kind && change.contactId === id) void load();
    },
    () => live && void load(),
  );

  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [items?.length]);

  const cancel = (sid: string) =>
    start(async () => {
      const r = await cancelScheduledAction({ id: sid });
      setNotice(r.ok ? "Scheduled text cancelled." : r.error);
      await load();
    });

  const reschedule = () =>
    start(async () => {
      if (!editing) return;
      const r = await rescheduleAction({ id: editing.id, send_at: new Date(editing.at).toISOString() });
      if (r.ok) {
        setEditing(null);
        setNotice(r.data.deferredUntil ? `Moved; deferred to ${formatWhen(r.data.deferredUntil)}${r.data.reason ? `: ${r.data.reason}` : ""}` : `Moved to ${formatWhen(r.data.sendAt)}.`);
      } else setNotice(r.fieldErrors?.sendAt?.[0] ?? r.error);
      await load();
    });

  const reword = () =>
    start(async () => {
      if (!rewording) return;
      const r = await sendChecked(editScheduledAction, { id: rewording.id, body: rewording.body }, { body: "Scheduled text" });
      if (r.ok) {
        setRewording(null);
        setNotice("Scheduled text changed.");
      } else setNotice(r.fieldErrors?.body?.[0] ?? r.error);
      await load();
    });

  const simulateReply = () =>
    start(async () => {
      const r = await sendChecked(simulateReplyAction, { kind, id, body: reply, photo: replyPhoto }, { body: "Reply" });
      if (r.ok) {
        setReply("");
        setReplyPhoto(false);
      }
      setNotice(r.ok ? "The simulated reply was sent to your webhook." : r.error);
    });

  const firstText = items !== null && !items.some((i) => i.type === "sms" && i.direction === "outbound" && i.status !== "canceled");

  return (
    <section aria-label={heading} className="flex min-h-0 flex-col gap-3" data-testid="conversation-thread">
      <h2 className="text-lg font-semibold">{heading}</h2>
      {error && <p className="text-sm text-red-700 dark:text-red-400">{error}</p>}
      {items === null && !error && <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>}
      {items && items.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No messages or calls yet.</p>}
      {items && items.length > 0 && (
        <div role="log" aria-live="polite" aria-label="Messages and calls" className="max-h-[32rem] overflow-y-auto pr-1" tabIndex={0}>
        <ol className="space-y-2">
          {items.map((m) => (
            <li key={m.id} className={`flex ${m.direction === "outbound" ? "justify-end" : "justify-start"}`} data-testid="thread-item" data-status={m.status}>
              <div
                className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${
                  m.direction === "outbound" ? "bg-brand-50 text-slate-900 dark:bg-slate-800 dark:text-slate-100" : "border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"
                }`}
              >
                <p className="text-xs font-medium text-slate-600 dark:text-slate-400">
                  {m.type === "call" ? "Call" : m.type === "email" ? "E-mail" : "Text"} · {m.direction === "inbound" ? "from contact" : (m.senderName ?? "sent")} · {formatWhen(m.createdAt)}
                </p>
                {m.type === "call" ? (
                  <p>
                    {m.direction === "inbound" ? "Incoming" : "Outgoing"} call, {m.direction === "outbound" ? (CALL_STATUS_WORDS[m.status] ?? m.status) : (STATUS_LABELS[m.status]?.toLowerCase() ?? m.status)}
                    {m.duration ? `, ${formatDuration(m.duration)}` : ""}
                    {m.recordingUrl && (
                      <>
                        {" · "}
                        <a className="underline" href={m.recordingUrl} target="_blank" rel="noreferrer">
                          recording
                        </a>
                      </>
                    )}
                  </p>
                ) : (
                  <p className="whitespace-pre-wrap break-words">{m.content}</p>
                )}
                {m.media.length > 0 && (
                  <ul className="mt-2 flex flex-wrap gap-2" aria-label="Photos">
                    {m.media.map((photo) => (
                      <li key={photo.href}>
                        <MessagePhoto href={photo.href} alt={photo.alt} />
                      </li>
                    ))}
                  </ul>
                )}
                {m.direction === "outbound" && (
                  <p className={`mt-1 text-xs ${STATUS_TONE[m.status] ?? "text-slate-600 dark:text-slate-400"}`} data-testid="message-status">
                    {STATUS_LABELS[m.status] ?? m.status}
                    {m.status === "scheduled" && m.scheduledAt ? ` for ${formatWhen(m.scheduledAt)}` : ""}
                    {m.deferral ? ` · deferred: ${m.deferral.reason}` : ""}
                  </p>
                )}
                {m.error && (
                  <p className="mt-1 text-xs text-red-700 dark:text-red-400" data-testid="message-error">
                    {m.error}
                  </p>
                )}
                {m.review && <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">Needs review: {m.review}</p>}
                {m.type === "call" && m.disposition && (
                  <p className="mt-1 text-xs" data-testid="call-outcome">
                    Outcome: {DISPOSITION_LABELS[m.disposition] ?? m.disposition}
                    {m.note ? ` · ${m.note}` : ""}
                  </p>
                )}
                {canSend && m.type === "call" && !m.disposition && CALL_ENDED.has(m.status) && <CallOutcomeForm communicationId={m.id} onSaved={() => void load()} />}
              </div>
            </li>
          ))}
          <li ref={endRef} aria-hidden="true" />
        </ol>
        </div>
      )}
      {scheduled.length > 0 && (
        <div className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <h3 className="text-sm font-semibold">Scheduled texts</h3>
          <ul className="mt-2 space-y-2" data-testid="scheduled-texts">
            {scheduled.map((s) => (
              <li key={s.id} className="text-sm">
                {rewording?.id === s.id ? (
                  <div className="flex flex-col gap-1">
                    <textarea
                      aria-label="Scheduled text"
                      rows={3}
                      className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
                      value={rewording.body}
                      onChange={(e) => setRewording({ id: s.id, body: e.target.value })}
                    />
                    <div className="flex gap-2">
                      <Button size="sm" variant="primary" onClick={reword} disabled={pending}>
                        Save text
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setRewording(null)}>
                        Keep
                      </Button>
                    </div>
                  </div>
                ) : (
                  <p className="break-words">{s.body}</p>
                )}
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  Goes {formatWhen(s.sendAt)}
                  {s.deferral ? ` (deferred: ${s.deferral.reason})` : ""}
                </p>
                {canSend &&
                  (editing?.id === s.id ? (
                    <div className="mt-1 flex flex-wrap items-center gap-2">
                      <input
                        type="datetime-local"
                        aria-label="New time"
                        className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
                        value={editing.at}
                        onChange={(e) => setEditing({ id: s.id, at: e.target.value })}
                      />
                      <Button size="sm" variant="primary" onClick={reschedule} disabled={pending}>
                        Save time
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setEditing(null)}>
                        Keep
                      </Button>
                    </div>
                  ) : (
                    <div className="mt-1 flex flex-wrap gap-2">
                      <Button size="sm" onClick={() => setEditing({ id: s.id, at: toLocalInput(new Date(s.sendAt)) })}>
                        Change time
                      </Button>
                      <Button size="sm" onClick={() => setRewording({ id: s.id, body: s.body })}>
                        Edit text
                      </Button>
                      <Button size="sm" variant="danger" onClick={() => cancel(s.id)} disabled={pending}>
                        Cancel text
                      </Button>
                    </div>
                  ))}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {notice}
      </p>
      {canSend && contact?.phone && <CallButton kind={kind} id={id} name={contact.name || "this contact"} onPlaced={() => void load()} />}
      {canSend && sendingWarning && (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200" data-testid="sending-status">
          {sendingWarning}
        </p>
      )}
      {canSend && simulated && (
        <form
          className="flex flex-wrap items-end gap-2 rounded-md border border-dashed border-slate-300 p-2 dark:border-slate-700"
          aria-label="Simulated reply (development only)"
          onSubmit={(e) => {
            e.preventDefault();
            if (reply.trim() || replyPhoto) simulateReply();
          }}
        >
          <label className="min-w-48 flex-1 text-sm">
            <span className="block font-medium">Make this {kind} reply (simulated Twilio, development only)</span>
            <input className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900" value={reply} onChange={(e) => setReply(e.target.value)} />
          </label>
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={replyPhoto} onChange={(e) => setReplyPhoto(e.target.checked)} className="h-4 w-4" />
            With a photo
          </label>
          <Button type="submit" size="sm" disabled={pending || (!reply.trim() && !replyPhoto)}>
            Reply as {kind}
          </Button>
        </form>
      )}
      {canSend && (
        <ComposeBox
          kind={kind}
          id={id}
          companyName={companyName}
          firstText={firstText}
          templates={templates}
          onSent={() => {
            void load();
            onChanged?.();
          }}
        />
      )}
      {canSend && (
        <EmailCompose
          kind={kind}
          id={id}
          onSent={() => {
            void load();
            onChanged?.();
          }}
        />
      )}
    </section>
  );
}

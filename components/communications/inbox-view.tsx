"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { assignConversationAction, listConversationsAction } from "@/app/t/[host]/inbox/actions";
import { Button } from "@/components/ui/button";
import { INBOX_FILTER_LABELS, INBOX_FILTERS, type ConversationView, type InboxFilter } from "@/lib/communications/conversations/inbox-filters";
import { ConversationThread } from "./conversation-thread";
import { formatWhen } from "./format";
import { useInboxEvents } from "./use-inbox-events";

/**
 * The shared inbox: every conversation this person may see, newest first, with filters; the open
 * one's thread beside it. Live: a change anywhere in the company's conversations (SSE) reloads the
 * list and, when it is the open one, the thread. Keyboard: j/k or the arrow keys move, Enter opens.
 */
export function InboxView({
  initial,
  initialFilter,
  companyName,
  canSend,
  canAssign,
  assignees,
}: {
  initial: { rows: ConversationView[]; next: string | null };
  initialFilter: InboxFilter;
  companyName: string;
  canSend: boolean;
  canAssign: boolean;
  assignees: { id: string; name: string }[];
}) {
  const [filter, setFilter] = useState<InboxFilter>(initialFilter);
  const [rows, setRows] = useState(initial.rows);
  const [next, setNext] = useState(initial.next);
  const [openId, setOpenId] = useState<string | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const [threadKey, setThreadKey] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const listRef = useRef<HTMLUListElement>(null);
  const seq = useRef(0);
  const router = useRouter();

  const reload = useCallback(async (f: InboxFilter) => {
    const mine = ++seq.current;
    const r = await listConversationsAction({ filter: f });
    if (mine !== seq.current) return;
    if (r.ok) {
      setRows(r.data.rows);
      setNext(r.data.next);
      // The menu's unread count is drawn by the layout: read it again.
      router.refresh();
    } else setMessage(r.error);
  }, [router]);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (filter === "all") url.searchParams.delete("filter");
    else url.searchParams.set("filter", filter);
    window.history.replaceState(null, "", url);
  }, [filter]);

  useInboxEvents(
    (change) => {
      void reload(filter);
      const open = rows.find((r) => r.id === openId);
      if (open && open.contactType === change.contactType && open.contactId === change.contactId) setThreadKey((k) => k + 1);
    },
    () => void reload(filter),
  );

  const choose = (f: InboxFilter) => {
    setFilter(f);
    setFocusIndex(0);
    void reload(f);
  };

  const loadMore = () =>
    start(async () => {
      if (!next) return;
      const r = await listConversationsAction({ filter, before: next });
      if (r.ok) {
        setRows((prev) => [...prev, ...r.data.rows.filter((x) => !prev.some((p) => p.id === x.id))]);
        setNext(r.data.next);
      }
    });

  const open = rows.find((r) => r.id === openId) ?? null;

  const onKeyDown = (e: React.KeyboardEvent<HTMLUListElement>) => {
    if (!rows.length) return;
    const target = e.target as HTMLElement;
    if (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT") return;
    let i = focusIndex;
    if (e.key === "j" || e.key === "ArrowDown") i = Math.min(rows.length - 1, focusIndex + 1);
    else if (e.key === "k" || e.key === "ArrowUp") i = Math.max(0, focusIndex - 1);
    else if (e.key === "Home") i = 0;
    else if (e.key === "End") i = rows.length - 1;
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      setOpenId(rows[focusIndex]?.id ?? null);
      return;
    } else return;
    e.preventDefault();
    setFocusIndex(i);
    listRef.current?.querySelectorAll<HTMLElement>("[role=option]")[i]?.focus();
  };

  const assign = (leadId: string, userId: string) =>
    start(async () => {
      const r = await assignConversationAction({ lead_id: leadId, user_id: userId || undefined });
      setMessage(r.ok ? "Assignment saved." : r.error);
      await reload(filter);
    });

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      <div className="min-w-0">
        <nav aria-label="Inbox filters" className="-mx-1 overflow-x-auto">
          <ul className="flex flex-wrap gap-1 px-1">
            {INBOX_FILTERS.map((f) => (
              <li key={f}>
                <button
                  type="button"
                  aria-pressed={filter === f}
                  onClick={() => choose(f)}
                  className="rounded-full border border-slate-300 px-3 py-1 text-sm aria-pressed:border-brand-600 aria-pressed:bg-brand-600 aria-pressed:text-white dark:border-slate-700"
                >
                  {INBOX_FILTER_LABELS[f]}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <p role="status" aria-live="polite" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {message}
        </p>
        {rows.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="inbox-empty">
            No conversations {filter === "all" ? "yet" : `under “${INBOX_FILTER_LABELS[filter]}”`}.
          </p>
        ) : (
          <ul
            ref={listRef}
            role="listbox"
            aria-label="Conversations (j/k or arrows to move, Enter to open)"
            className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
            onKeyDown={onKeyDown}
            data-testid="conversation-list"
          >
            {rows.map((c, i) => (
              <li
                key={c.id}
                role="option"
                aria-selected={c.id === openId}
                tabIndex={i === focusIndex ? 0 : -1}
                onClick={() => {
                  setFocusIndex(i);
                  setOpenId(c.id);
                }}
                onFocus={() => setFocusIndex(i)}
                data-testid="conversation-row"
                className="cursor-pointer px-3 py-2 outline-none hover:bg-slate-50 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-selected:bg-brand-50 dark:hover:bg-slate-800 dark:aria-selected:bg-slate-800"
              >
                <div className="flex items-baseline justify-between gap-2">
                  <span className={`truncate ${c.unread ? "font-semibold" : "font-medium"}`}>{c.contactName || c.contactPhone}</span>
                  <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">{formatWhen(c.lastAt)}</span>
                </div>
                <div className="flex items-center justify-between gap-2">
                  <span className="truncate text-sm text-slate-700 dark:text-slate-300">
                    {c.lastDirection === "outbound" ? "You: " : ""}
                    {c.lastPreview}
                  </span>
                  {c.unread > 0 && (
                    <span className="shrink-0 rounded-full bg-brand-600 px-2 text-xs font-semibold text-white" aria-label={`${c.unread} unread`}>
                      {c.unread}
                    </span>
                  )}
                </div>
                <div className="mt-0.5 flex flex-wrap gap-1 text-xs">
                  <span className="text-slate-600 dark:text-slate-400">{c.contactType === "lead" ? "Lead" : "Buyer"}</span>
                  {c.optedOut && <span className="rounded bg-red-100 px-1 text-red-800 dark:bg-red-950 dark:text-red-300">Opted out</span>}
                  {c.needsReview && <span className="rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-950 dark:text-amber-300">Needs review</span>}
                </div>
              </li>
            ))}
          </ul>
        )}
        {next && (
          <Button className="mt-2" size="sm" onClick={loadMore} disabled={pending}>
            Show older conversations
          </Button>
        )}
      </div>
      <div className="min-w-0">
        {open ? (
          <div className="space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <Link href={open.contactType === "lead" ? `/leads/${open.contactId}` : `/buyers/${open.contactId}`} className="font-medium text-brand-700 underline dark:text-brand-100">
                Open {open.contactType === "lead" ? "lead" : "buyer"}: {open.contactName}
              </Link>
              {canAssign && open.contactType === "lead" && (
                <label className="flex items-center gap-2 text-sm">
                  Assigned to
                  <select
                    className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
                    value={open.assignedTo ?? ""}
                    onChange={(e) => assign(open.contactId, e.target.value)}
                    disabled={pending}
                  >
                    <option value="">Unassigned</option>
                    {assignees.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            <ConversationThread
              key={open.id}
              kind={open.contactType}
              id={open.contactId}
              companyName={companyName}
              canSend={canSend}
              live={false}
              refreshKey={threadKey}
              markRead
              onChanged={() => void reload(filter)}
              heading={`Conversation with ${open.contactName}`}
            />
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Choose a conversation to read it and reply.</p>
        )}
      </div>
    </div>
  );
}

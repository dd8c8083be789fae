"use client";

import Link from "next/link";
import { useState } from "react";
import type { LeadRow } from "@/lib/leads/list/lead-row";
import type { LeadStatus } from "@/models/lead-enums";
import { followUpState, formatDate, formatMoney, formatPhone, PRIORITY_LABELS, PRIORITY_STYLES, STATUS_LABELS } from "@/components/leads/list/format";

type Props = {
  card: LeadRow;
  statuses: LeadStatus[];
  timeZone: string;
  canMove: boolean;
  grabbed: boolean;
  onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => void;
  onDragStart: (e: React.DragEvent<HTMLElement>) => void;
  onDragEnd: () => void;
  onMoveTo: (status: LeadStatus) => void;
};

/** One lead on the board: name (a link), phone, priority, follow-up, and a "Move to" menu. */
export function BoardCard({ card, statuses, timeZone, canMove, grabbed, onKeyDown, onDragStart, onDragEnd, onMoveTo }: Props) {
  const follow = followUpState(card.next_follow_up, timeZone, card.status);
  return (
    <li
      data-card-id={card.id}
      tabIndex={0}
      draggable={canMove}
      aria-roledescription={canMove ? "draggable lead card" : undefined}
      aria-describedby="board-help"
      aria-label={`${card.name}, ${STATUS_LABELS[card.status] ?? card.status}${card.priority ? `, ${PRIORITY_LABELS[card.priority]} priority` : ""}${grabbed ? ", picked up" : ""}`}
      onKeyDown={onKeyDown}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      className={`rounded-md border bg-white p-3 text-sm shadow-sm dark:bg-slate-800 ${canMove ? "cursor-grab active:cursor-grabbing" : ""} ${
        grabbed ? "border-brand-500 ring-2 ring-brand-500" : "border-slate-200 dark:border-slate-700"
      }`}
    >
      <div className="flex items-start justify-between gap-2">
        <Link href={`/leads/${card.id}`} draggable={false} className="font-medium text-brand-700 hover:underline dark:text-brand-100" tabIndex={-1}>
          {card.name}
        </Link>
        {card.priority && <span className={`text-xs ${PRIORITY_STYLES[card.priority]}`}>{PRIORITY_LABELS[card.priority]}</span>}
      </div>
      <p className="mt-1 tabular-nums text-slate-700 dark:text-slate-300">{formatPhone(card.phone)}</p>
      {(card.city || card.asking_price !== undefined) && (
        <p className="mt-0.5 truncate text-xs text-slate-600 dark:text-slate-400">
          {[card.city, card.asking_price !== undefined ? `asking ${formatMoney(card.asking_price)}` : ""].filter(Boolean).join(" · ")}
        </p>
      )}
      <div className="mt-2 flex items-center justify-between gap-2">
        <span className={`text-xs ${follow === "overdue" ? "font-semibold text-red-800 dark:text-red-300" : follow === "today" ? "font-semibold text-amber-800 dark:text-amber-300" : "text-slate-600 dark:text-slate-400"}`}>
          {card.next_follow_up ? `Follow up ${formatDate(card.next_follow_up, timeZone)}${follow === "overdue" ? " (overdue)" : ""}` : ""}
        </span>
        {canMove && <MoveToMenu card={card} statuses={statuses} onMoveTo={onMoveTo} />}
      </div>
    </li>
  );
}

/**
 * "Move to" for touch screens and screen readers: the lead moves with the Move button, not when
 * the menu changes (a closed menu changes on ArrowUp/ArrowDown, which would have moved the lead).
 */
function MoveToMenu({ card, statuses, onMoveTo }: { card: LeadRow; statuses: LeadStatus[]; onMoveTo: (status: LeadStatus) => void }) {
  const [choice, setChoice] = useState(card.status as LeadStatus);
  const [from, setFrom] = useState(card.status);
  if (from !== card.status) {
    setFrom(card.status);
    setChoice(card.status as LeadStatus);
  }
  const chosen = choice !== card.status;
  return (
    <span className="flex items-center gap-1">
      <select
        aria-label={`Move ${card.name} to`}
        value={choice}
        onChange={(e) => setChoice(e.target.value as LeadStatus)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Enter" && chosen) {
            e.preventDefault();
            onMoveTo(choice);
          }
        }}
        className="h-7 max-w-28 rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-900"
      >
        {statuses.map((s) => (
          <option key={s} value={s}>
            {s === card.status ? STATUS_LABELS[s] : `Move to ${STATUS_LABELS[s]}`}
          </option>
        ))}
      </select>
      {chosen && (
        <button
          type="button"
          onClick={() => onMoveTo(choice)}
          onKeyDown={(e) => e.stopPropagation()}
          className="h-7 rounded bg-brand-600 px-2 text-xs font-medium text-white hover:bg-brand-700"
        >
          Move<span className="sr-only"> {card.name} to {STATUS_LABELS[choice]}</span>
        </button>
      )}
    </span>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { loadBoardColumnAction, moveLeadAction } from "@/app/t/[host]/leads/board/actions";
import type { LeadRow } from "@/lib/leads/list/lead-row";
import { emptyListQuery, filterPart, listQueryToParams, listQueryToSearch, type LeadListQuery, type ListQueryProblem } from "@/lib/leads/list/list-query";
import type { LeadStatus } from "@/models/lead-enums";
import { buttonClass, Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ToastProvider, useToast } from "@/components/ui/toast";
import { ActiveFilters } from "@/components/leads/list/active-filters";
import { FilterPanel } from "@/components/leads/list/filter-panel";
import { numberFormat, STATUS_LABELS } from "@/components/leads/list/format";
import { QueryProblems } from "@/components/lists/query-problems";
import { SearchBox } from "@/components/leads/list/search-box";
import type { ListTag, ListUser } from "@/components/leads/list/types";
import { useListNavigation, withFilter } from "@/components/leads/list/use-list-navigation";
import { BoardCard } from "./board-card";

export type BoardColumnData = { status: LeadStatus; total: number; cards: LeadRow[]; nextCursor?: string };

type Props = {
  columns: BoardColumnData[];
  query: LeadListQuery;
  users: ListUser[];
  tags: ListTag[];
  sources: string[];
  timeZone: string;
  canMove: boolean;
  seesAll: boolean;
  /** Settings of the link that were not understood and left out. */
  problems: ListQueryProblem[];
};

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export const BOARD_PATH = "/leads/board";

export function BoardView(props: Props) {
  return (
    <ToastProvider>
      <Board {...props} />
    </ToastProvider>
  );
}

/** Picked-up card for keyboard moves: where it came from and which column it is over. */
type Grab = { id: string; from: number; over: number };

/**
 * The pipeline board. Mouse: drag a card onto another column. Keyboard: focus a card, Space to
 * pick it up, ←/→ to choose a column, Space to drop, Escape to cancel; each step is announced.
 * Every card also has a "Move to" menu (touch screens, screen readers).
 */
function Board({ columns: serverColumns, query: serverQuery, users, tags, sources, timeZone, canMove, seesAll, problems }: Props) {
  const toast = useToast();
  const router = useRouter();
  const { query, navigate, isPending } = useListNavigation(serverQuery, BOARD_PATH);
  const [columns, setColumns] = useState(serverColumns);
  const [grab, setGrab] = useState<Grab | null>(null);
  const [dragOver, setDragOver] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [loadingMore, setLoadingMore] = useState<LeadStatus | null>(null);
  const [showFilters, setShowFilters] = useState(false);
  const board = useRef<HTMLDivElement>(null);
  const dragged = useRef<string | null>(null);

  // New data from the server (filters changed, a refresh) replaces the local copy.
  const [shown, setShown] = useState(serverColumns);
  if (shown !== serverColumns) {
    setShown(serverColumns);
    setColumns(serverColumns);
  }

  const focusCard = (id: string) => requestAnimationFrame(() => board.current?.querySelector<HTMLElement>(`[data-card-id="${id}"]`)?.focus());
  const labelOf = (i: number) => STATUS_LABELS[columns[i].status];
  const findCard = (id: string) => {
    const col = columns.findIndex((c) => c.cards.some((card) => card.id === id));
    return col < 0 ? null : { col, card: columns[col].cards.find((c) => c.id === id)! };
  };

  const move = useCallback(
    async (id: string, to: number) => {
      const found = findCard(id);
      if (!found || found.col === to) return;
      const { col: from, card } = found;
      const status = columns[to].status;
      const before = columns;
      // Move at once; put it back if the server says no.
      setColumns((cols) =>
        cols.map((c, i) =>
          i === from ? { ...c, total: c.total - 1, cards: c.cards.filter((x) => x.id !== id) } : i === to ? { ...c, total: c.total + 1, cards: [{ ...card, status }, ...c.cards] } : c,
        ),
      );
      setAnnouncement(`${card.name} moved to ${STATUS_LABELS[status]}.`);
      focusCard(id);
      try {
        const res = (await moveLeadAction({ leadId: id, status })) as Result<{ changed: boolean }>;
        if (!res.ok) throw new Error(res.error);
        toast({ message: `${card.name} moved to ${STATUS_LABELS[status]}` });
      } catch (err) {
        setColumns(before);
        const message = err instanceof Error && err.message ? err.message : "The lead could not be moved. Please try again.";
        setAnnouncement(`Move failed: ${message}`);
        toast({ message, tone: "error" });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columns, toast],
  );

  const onCardKeyDown = (e: React.KeyboardEvent<HTMLElement>, id: string, col: number, row: number) => {
    if (e.target !== e.currentTarget) return;
    // Enter opens the lead, as a click on its name does (the name link is out of the tab order so
    // each card is one stop); while a card is picked up, Enter drops it instead.
    if (e.key === "Enter" && !grab) {
      e.preventDefault();
      router.push(`/leads/${id}`);
      return;
    }
    if (!canMove) return;
    const card = columns[col].cards[row];
    if (grab) {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        const over = Math.max(0, Math.min(columns.length - 1, grab.over + (e.key === "ArrowRight" ? 1 : -1)));
        setGrab({ ...grab, over });
        setAnnouncement(over === grab.from ? `Back over ${labelOf(over)}, where it started.` : `Over ${labelOf(over)}. Press Space to drop here.`);
      } else if (e.key === " " || e.key === "Enter") {
        const { over, from } = grab;
        setGrab(null);
        if (over === from) setAnnouncement(`${card.name} dropped back in ${labelOf(from)}.`);
        else void move(id, over);
      } else if (e.key === "Escape") {
        setGrab(null);
        setAnnouncement(`Move cancelled. ${card.name} stays in ${labelOf(grab.from)}.`);
      } else if (e.key !== "Tab") return;
      e.preventDefault();
      return;
    }
    if (e.key === " ") {
      setGrab({ id, from: col, over: col });
      setAnnouncement(`Picked up ${card.name}, in ${labelOf(col)}. Use the left and right arrow keys to choose a column, Space to drop, Escape to cancel.`);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const next = columns[col].cards[row + (e.key === "ArrowDown" ? 1 : -1)];
      if (next) focusCard(next.id);
    } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const step = e.key === "ArrowRight" ? 1 : -1;
      for (let c = col + step; c >= 0 && c < columns.length; c += step) {
        const target = columns[c].cards[Math.min(row, columns[c].cards.length - 1)];
        if (target) {
          focusCard(target.id);
          break;
        }
      }
    } else return;
    e.preventDefault();
  };

  const loadMore = async (i: number) => {
    const col = columns[i];
    if (!col.nextCursor) return;
    setLoadingMore(col.status);
    try {
      const res = (await loadBoardColumnAction({ query: listQueryToParams(filterPart(serverQuery)).toString(), status: col.status, after: col.nextCursor })) as Result<{ cards: LeadRow[]; nextCursor?: string }>;
      if (!res.ok) throw new Error(res.error);
      setColumns((cols) => cols.map((c, j) => (j === i ? { ...c, cards: [...c.cards, ...res.data.cards.filter((n) => !c.cards.some((o) => o.id === n.id))], nextCursor: res.data.nextCursor } : c)));
      setAnnouncement(`Loaded ${res.data.cards.length} more ${STATUS_LABELS[col.status]} leads.`);
    } catch (err) {
      toast({ message: err instanceof Error ? err.message : "Could not load more leads.", tone: "error" });
    } finally {
      setLoadingMore(null);
    }
  };

  const change = (c: Partial<LeadListQuery>) => navigate(withFilter(query, c));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Pipeline</h1>
        <div className="flex gap-2">
          <Link href={`/leads${listQueryToSearch({ ...serverQuery, after: undefined, before: undefined })}`} className={buttonClass("secondary")}>
            List view
          </Link>
        </div>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <SearchBox value={query.q ?? ""} busy={isPending} onSearch={(text) => navigate(withFilter(query, { q: text || undefined }), { replace: true })} />
        <Button size="sm" className="sm:ml-auto" aria-expanded={showFilters} aria-controls="lead-filters" onClick={() => setShowFilters((v) => !v)}>
          Filters
        </Button>
      </div>
      {showFilters && <FilterPanel query={query} users={users} tags={tags} sources={sources} showAssignee={seesAll} onChange={change} />}
      <ActiveFilters query={query} users={users} onChange={change} onClear={() => navigate({ ...emptyListQuery(), sort: query.sort, dir: query.dir })} />
      <QueryProblems problems={problems} />

      <p id="board-help" className="text-sm text-slate-600 dark:text-slate-400">
        {canMove ? "Press Enter on a card to open the lead. Drag a card to another column, or focus it and press Space, then the arrow keys, then Space to drop." : "Press Enter on a card to open the lead. You can look at the pipeline; moving leads needs edit access."}
      </p>
      <div aria-live="assertive" aria-atomic="true" className="sr-only" data-testid="board-announcer">
        {announcement}
      </div>

      <div ref={board} className={`relative flex gap-3 overflow-x-auto pb-4 transition-opacity ${isPending ? "opacity-60" : ""}`} aria-busy={isPending}>
        {columns.map((col, i) => {
          const highlighted = (grab && grab.over === i && grab.from !== i) || dragOver === i;
          return (
            <section
              key={col.status}
              aria-labelledby={`col-${col.status}`}
              data-column={col.status}
              onDragOver={(e) => {
                if (!canMove || !dragged.current) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = "move";
                if (dragOver !== i) setDragOver(i);
              }}
              onDragLeave={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node)) setDragOver((d) => (d === i ? null : d));
              }}
              onDrop={(e) => {
                e.preventDefault();
                setDragOver(null);
                const id = dragged.current ?? e.dataTransfer.getData("text/plain");
                dragged.current = null;
                if (id) void move(id, i);
              }}
              className={`flex w-72 shrink-0 flex-col rounded-lg border bg-slate-100 dark:bg-slate-900 ${highlighted ? "border-brand-500 ring-2 ring-brand-500" : "border-slate-200 dark:border-slate-800"}`}
            >
              <h2 id={`col-${col.status}`} className="flex items-center justify-between px-3 py-2 text-sm font-semibold">
                {STATUS_LABELS[col.status]}
                <span className="rounded-full bg-white px-2 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200" data-testid={`count-${col.status}`}>
                  {numberFormat.format(col.total)}
                  <span className="sr-only"> leads</span>
                </span>
              </h2>
              <ul className="flex min-h-24 flex-1 flex-col gap-2 px-2 pb-2">
                {col.cards.map((card, row) => (
                  <BoardCard
                    key={card.id}
                    card={card}
                    statuses={columns.map((c) => c.status)}
                    timeZone={timeZone}
                    canMove={canMove}
                    grabbed={grab?.id === card.id}
                    onKeyDown={(e) => onCardKeyDown(e, card.id, i, row)}
                    onDragStart={(e) => {
                      dragged.current = card.id;
                      e.dataTransfer.setData("text/plain", card.id);
                      e.dataTransfer.effectAllowed = "move";
                    }}
                    onDragEnd={() => {
                      dragged.current = null;
                      setDragOver(null);
                    }}
                    onMoveTo={(status) => void move(card.id, columns.findIndex((c) => c.status === status))}
                  />
                ))}
                {col.cards.length === 0 && <li className="px-2 py-6 text-center text-sm text-slate-600 dark:text-slate-400">No leads</li>}
              </ul>
              {col.nextCursor && (
                <div className="px-2 pb-2">
                  <Button size="sm" className="w-full" onClick={() => loadMore(i)} disabled={loadingMore === col.status}>
                    {loadingMore === col.status ? <Spinner /> : null}
                    Load more {STATUS_LABELS[col.status]}
                  </Button>
                </div>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

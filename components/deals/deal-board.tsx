"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { changeDealStatusAction } from "@/app/t/[host]/deals/actions";
import type { DealRow } from "@/lib/deals/list/list-deals";
import { canMoveDeal } from "@/lib/deals/transitions";
import type { DealStatus } from "@/models/deal-enums";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ToastProvider, useToast } from "@/components/ui/toast";
import { DEAL_STATUS_LABELS, DEAL_TYPE_LABELS, money } from "./format";
import { sendChecked } from "@/lib/core/actions/payload-size";

export type DealBoardColumn = { status: DealStatus; rows: DealRow[] };
type Props = { columns: DealBoardColumn[]; canMove: boolean };

export function DealBoard(props: Props) {
  return (
    <ToastProvider>
      <Board {...props} />
    </ToastProvider>
  );
}

type Grab = { id: string; from: number; over: number };

/**
 * Deals by status, as the lead pipeline board works: drag a card onto another column, or focus
 * it, Space to pick it up, ←/→ to choose a column, Space to drop, Escape to cancel; each step is
 * announced. Only moves the status machine allows are made; cancelling asks for the reason.
 */
function Board({ columns: initial, canMove }: Props) {
  const toast = useToast();
  const router = useRouter();
  const id = useId();
  const [columns, setColumns] = useState(initial);
  const [shown, setShown] = useState(initial);
  if (shown !== initial) {
    setShown(initial);
    setColumns(initial);
  }
  const [grab, setGrab] = useState<Grab | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [cancel, setCancel] = useState<{ id: string; reason: string; error?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const dragged = useRef<string | null>(null);
  const board = useRef<HTMLDivElement>(null);

  const focusCard = (cardId: string) => requestAnimationFrame(() => board.current?.querySelector<HTMLElement>(`[data-card-id="${cardId}"]`)?.focus());
  const find = (cardId: string) => {
    const col = columns.findIndex((c) => c.rows.some((r) => r.id === cardId));
    return col < 0 ? null : { col, row: columns[col].rows.find((r) => r.id === cardId)! };
  };

  async function move(cardId: string, to: number, reason?: string): Promise<boolean> {
    const found = find(cardId);
    if (!found || found.col === to) return true;
    const from = columns[found.col].status;
    const status = columns[to].status;
    if (!canMoveDeal(from, status)) {
      const message = `A ${DEAL_STATUS_LABELS[from].toLowerCase()} deal cannot become ${DEAL_STATUS_LABELS[status].toLowerCase()}.`;
      setAnnouncement(message);
      toast({ message, tone: "error" });
      return false;
    }
    if (status === "cancelled" && reason === undefined) {
      setCancel({ id: cardId, reason: "" });
      return false;
    }
    const before = columns;
    setColumns((cols) => cols.map((c, i) => (i === found.col ? { ...c, rows: c.rows.filter((r) => r.id !== cardId) } : i === to ? { ...c, rows: [{ ...found.row, status }, ...c.rows] } : c)));
    setAnnouncement(`${found.row.address} moved to ${DEAL_STATUS_LABELS[status]}.`);
    focusCard(cardId);
    const res = await sendChecked(changeDealStatusAction, { deal_id: cardId, status, cancel_reason: reason ?? "" });
    if (!res.ok) {
      setColumns(before);
      const message = [...new Set([res.error === "Please correct the highlighted fields." ? "" : res.error, ...Object.values(res.fieldErrors ?? {}).flat()])].filter(Boolean).join(" ");
      setAnnouncement(`Move failed: ${message}`);
      toast({ message, tone: "error" });
      return false;
    }
    toast({ message: `${found.row.address} moved to ${DEAL_STATUS_LABELS[status]}` });
    router.refresh();
    return true;
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLElement>, cardId: string, col: number, row: number) => {
    if (e.target !== e.currentTarget) return;
    const card = columns[col].rows[row];
    if (e.key === "Enter" && !grab) {
      e.preventDefault();
      router.push(`/deals/${cardId}`);
      return;
    }
    if (!canMove) return;
    const label = (i: number) => DEAL_STATUS_LABELS[columns[i].status];
    if (grab) {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        const over = Math.max(0, Math.min(columns.length - 1, grab.over + (e.key === "ArrowRight" ? 1 : -1)));
        setGrab({ ...grab, over });
        setAnnouncement(over === grab.from ? `Back over ${label(over)}, where it started.` : `Over ${label(over)}. Press Space to drop here.`);
      } else if (e.key === " " || e.key === "Enter") {
        const { over, from } = grab;
        setGrab(null);
        if (over === from) setAnnouncement(`${card.address} dropped back in ${label(from)}.`);
        else void move(cardId, over);
      } else if (e.key === "Escape") {
        setGrab(null);
        setAnnouncement(`Move cancelled. ${card.address} stays in ${label(grab.from)}.`);
      } else if (e.key !== "Tab") return;
      e.preventDefault();
      return;
    }
    if (e.key === " ") {
      setGrab({ id: cardId, from: col, over: col });
      setAnnouncement(`Picked up ${card.address}, in ${label(col)}. Use the left and right arrow keys to choose a column, Space to drop, Escape to cancel.`);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const next = columns[col].rows[row + (e.key === "ArrowDown" ? 1 : -1)];
      if (next) focusCard(next.id);
    } else return;
    e.preventDefault();
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Deal board</h1>
        <Link href="/deals" className={buttonClass("secondary")}>
          List view
        </Link>
      </div>
      <p id={`${id}-help`} className="text-sm text-slate-600 dark:text-slate-400">
        {canMove ? "Press Enter on a card to open the deal. Drag a card to another column, or focus it and press Space, then the arrow keys, then Space to drop." : "Press Enter on a card to open the deal. Moving deals needs a disposition manager."}
      </p>
      <div aria-live="assertive" aria-atomic="true" className="sr-only" data-testid="board-announcer">
        {announcement}
      </div>
      <div ref={board} className="flex gap-3 overflow-x-auto pb-4">
        {columns.map((col, i) => (
          <section
            key={col.status}
            aria-labelledby={`${id}-col-${col.status}`}
            data-column={col.status}
            onDragOver={(e) => {
              if (canMove && dragged.current) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              const cardId = dragged.current ?? e.dataTransfer.getData("text/plain");
              dragged.current = null;
              if (cardId) void move(cardId, i);
            }}
            className={`flex w-72 shrink-0 flex-col rounded-lg border bg-slate-100 dark:bg-slate-900 ${grab && grab.over === i && grab.from !== i ? "border-brand-500 ring-2 ring-brand-500" : "border-slate-200 dark:border-slate-800"}`}
          >
            <h2 id={`${id}-col-${col.status}`} className="flex items-center justify-between px-3 py-2 text-sm font-semibold">
              {DEAL_STATUS_LABELS[col.status]}
              <span className="rounded-full bg-white px-2 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200" data-testid={`count-${col.status}`}>
                {col.rows.length}
                <span className="sr-only"> deals</span>
              </span>
            </h2>
            <ul className="flex min-h-24 flex-1 flex-col gap-2 px-2 pb-2">
              {col.rows.map((r, row) => (
                <li
                  key={r.id}
                  data-card-id={r.id}
                  tabIndex={0}
                  draggable={canMove}
                  aria-roledescription={canMove ? "draggable deal card" : undefined}
                  aria-describedby={`${id}-help`}
                  aria-label={`${r.address}, ${DEAL_STATUS_LABELS[r.status]}${grab?.id === r.id ? ", picked up" : ""}`}
                  onKeyDown={(e) => onKeyDown(e, r.id, i, row)}
                  onDragStart={(e) => {
                    dragged.current = r.id;
                    e.dataTransfer.setData("text/plain", r.id);
                    e.dataTransfer.effectAllowed = "move";
                  }}
                  onDragEnd={() => {
                    dragged.current = null;
                  }}
                  className={`rounded-md border bg-white p-3 text-sm shadow-sm dark:bg-slate-800 ${grab?.id === r.id ? "border-brand-500 ring-2 ring-brand-500" : "border-slate-200 dark:border-slate-700"}`}
                >
                  <Link href={`/deals/${r.id}`} tabIndex={-1} draggable={false} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {r.address}
                  </Link>
                  <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
                    {DEAL_TYPE_LABELS[r.dealType]} · {money(r.purchasePrice)}
                    {r.profit !== null ? ` · profit ${money(r.profit)}` : ""}
                  </p>
                  {r.buyerName && <p className="mt-0.5 text-xs text-slate-700 dark:text-slate-300">Buyer: {r.buyerName}</p>}
                </li>
              ))}
              {col.rows.length === 0 && <li className="px-2 py-6 text-center text-sm text-slate-600 dark:text-slate-400">No deals</li>}
            </ul>
          </section>
        ))}
      </div>
      <Dialog
        open={cancel !== null}
        onClose={() => setCancel(null)}
        title="Cancel this deal?"
        description="The lead goes back to contacted. Say why, for the history."
        footer={
          <>
            <Button onClick={() => setCancel(null)} disabled={busy}>
              Keep the deal
            </Button>
            <Button
              variant="danger"
              disabled={busy}
              onClick={async () => {
                if (!cancel) return;
                if (!cancel.reason.trim()) return setCancel({ ...cancel, error: "Say why the deal is cancelled" });
                setBusy(true);
                const ok = await move(cancel.id, columns.findIndex((c) => c.status === "cancelled"), cancel.reason);
                setBusy(false);
                if (ok) setCancel(null);
              }}
            >
              Cancel deal
            </Button>
          </>
        }
      >
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
          Cancel reason
        </label>
        <textarea id={`${id}-reason`} rows={3} maxLength={1000} value={cancel?.reason ?? ""} onChange={(e) => cancel && setCancel({ ...cancel, reason: e.target.value, error: undefined })} aria-invalid={cancel?.error ? true : undefined} aria-describedby={cancel?.error ? `${id}-reason-error` : undefined} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" />
        {cancel?.error && (
          <p id={`${id}-reason-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {cancel.error}
          </p>
        )}
      </Dialog>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { COLUMNS, DEFAULT_DIRECTION, type ColumnId, type SortKey } from "@/lib/leads/list/columns";
import { LEAD_ROW_FIELDS, rowKeyOf } from "@/lib/leads/fields";
import type { LeadRow } from "@/lib/leads/list/lead-row";
import { followUpState, formatDate, formatMoney, formatPhone, PRIORITY_LABELS, PRIORITY_STYLES, sourceLabel, STATUS_LABELS, STATUS_STYLES } from "./format";

type Props = {
  rows: LeadRow[];
  columns: ColumnId[];
  sort: SortKey;
  dir: "asc" | "desc";
  onSort: (key: SortKey, dir: "asc" | "desc") => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  selectable: boolean;
  userNames: ReadonlyMap<string, string>;
  timeZone: string;
  busy: boolean;
};

function Cell({ column, row, userNames, timeZone }: { column: ColumnId; row: LeadRow; userNames: ReadonlyMap<string, string>; timeZone: string }) {
  switch (column) {
    case "name":
      return (
        <Link href={`/leads/${row.id}`} className="block max-w-56 truncate font-medium text-brand-700 hover:underline dark:text-brand-100" tabIndex={-1} data-lead-link>
          {row.name}
        </Link>
      );
    case "phone":
      return <span className="whitespace-nowrap tabular-nums">{formatPhone(row.phone)}</span>;
    case "email":
      return <span className="block max-w-56 truncate">{row.email ?? ""}</span>;
    case "address":
      return (
        <span className="block max-w-64 truncate">
          {[row.street, [row.city, row.state].filter(Boolean).join(", ")].filter(Boolean).join(" · ")}
        </span>
      );
    case "status":
      return <span className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[row.status] ?? ""}`}>{STATUS_LABELS[row.status] ?? row.status}</span>;
    case "priority":
      return row.priority ? <span className={PRIORITY_STYLES[row.priority]}>{PRIORITY_LABELS[row.priority] ?? row.priority}</span> : null;
    case "source":
      return row.source ? <span className="whitespace-nowrap">{sourceLabel(row.source)}</span> : null;
    case "assigned":
      return row.assigned_to ? <span className="whitespace-nowrap">{userNames.get(row.assigned_to) ?? "Former member"}</span> : <span className="text-slate-600 dark:text-slate-400">Unassigned</span>;
    case "tags":
      return (
        <span className="flex min-w-40 max-w-72 flex-wrap gap-1">
          {row.tags.slice(0, 3).map((t) => (
            <span key={t} className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200">
              {t}
            </span>
          ))}
          {row.tags.length > 3 && <span className="text-xs text-slate-600 dark:text-slate-400">+{row.tags.length - 3}</span>}
        </span>
      );
    case "next_follow_up": {
      const state = followUpState(row.next_follow_up, timeZone, row.status);
      const style = state === "overdue" ? "font-semibold text-red-800 dark:text-red-300" : state === "today" ? "font-semibold text-amber-800 dark:text-amber-300" : "";
      return row.next_follow_up ? (
        <span className={`whitespace-nowrap ${style}`}>
          {formatDate(row.next_follow_up, timeZone, true)}
          {state === "overdue" && <span className="sr-only"> (overdue)</span>}
          {state === "today" && <span className="sr-only"> (today)</span>}
        </span>
      ) : null;
    }
    case "last_contacted":
      return row.last_contacted ? <span className="whitespace-nowrap">{formatDate(row.last_contacted, timeZone)}</span> : <span className="text-slate-600 dark:text-slate-400">Never</span>;
    default:
      return <FieldCell column={column} row={row} timeZone={timeZone} />;
  }
}

/** A column's field as its kind shows it (lib/leads/fields.ts): a column added there needs nothing here. */
const COLUMN_FIELDS = new Map(LEAD_ROW_FIELDS.filter((f) => f.column).map((f) => [f.column!.id, f]));

function FieldCell({ column, row, timeZone }: { column: string; row: LeadRow; timeZone: string }) {
  const field = COLUMN_FIELDS.get(column);
  if (!field) return null;
  const value = (row as unknown as Record<string, unknown>)[rowKeyOf(field)];
  switch (field.kind) {
    case "money":
      return <span className="tabular-nums">{formatMoney(value as number | undefined)}</span>;
    case "number":
      return <span className="tabular-nums">{(value as number | undefined) ?? ""}</span>;
    case "date":
      return value ? <span className="whitespace-nowrap">{formatDate(value as string, timeZone)}</span> : null;
    case "enum":
      return value ? <span className="whitespace-nowrap">{field.labels?.[value as string] ?? (value as string)}</span> : null;
    case "tags":
      return <span>{((value as string[] | undefined) ?? []).join(", ")}</span>;
    default:
      return value ? <span className="block max-w-56 truncate">{String(value)}</span> : null;
  }
}

const KEYS_DOWN = new Set(["ArrowDown", "j"]);
const KEYS_UP = new Set(["ArrowUp", "k"]);

/**
 * The lead table. Keyboard: Tab reaches the current row; ↑/↓ (or k/j) move between rows, Home/End
 * jump, Enter opens the lead, x or Space ticks it. Headers sort; the name and select columns stay
 * in view when the table scrolls sideways on a phone.
 */
export function LeadsTable({ rows, columns, sort, dir, onSort, selected, onToggle, onToggleAll, selectable, userNames, timeZone, busy }: Props) {
  const router = useRouter();
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const current = Math.min(active, Math.max(rows.length - 1, 0));
  const defs = COLUMNS.filter((c) => columns.includes(c.id));
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = rows.some((r) => selected.has(r.id));

  const focusRow = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    body.current?.querySelectorAll<HTMLTableRowElement>("tr[data-row]")[next]?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTableRowElement>, index: number, row: LeadRow) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    if (KEYS_DOWN.has(e.key)) focusRow(index + 1);
    else if (KEYS_UP.has(e.key)) focusRow(index - 1);
    else if (e.key === "Home") focusRow(0);
    else if (e.key === "End") focusRow(rows.length - 1);
    else if (e.key === "Enter") router.push(`/leads/${row.id}`);
    else if ((e.key === " " || e.key === "x") && selectable) onToggle(row.id);
    else return;
    e.preventDefault();
  };

  const header = (c: (typeof defs)[number]) => {
    if (!c.sort) return c.label;
    const sorted = sort === c.sort;
    const nextDir = sorted ? (dir === "asc" ? "desc" : "asc") : DEFAULT_DIRECTION[c.sort];
    return (
      <button type="button" onClick={() => onSort(c.sort!, nextDir)} className={`inline-flex items-center gap-1 rounded hover:text-slate-900 dark:hover:text-white ${c.numeric ? "flex-row-reverse" : ""}`}>
        {c.label}
        <svg aria-hidden="true" viewBox="0 0 24 24" className={`h-3.5 w-3.5 ${sorted ? "opacity-100" : "opacity-30"}`} fill="none" stroke="currentColor" strokeWidth={2.5}>
          <path d={sorted && dir === "asc" ? "M6 15l6-6 6 6" : "M6 9l6 6 6-6"} />
        </svg>
        <span className="sr-only">{sorted ? `, sorted ${dir === "asc" ? "ascending" : "descending"}. Click to reverse` : ", click to sort"}</span>
      </button>
    );
  };

  return (
    <div className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white transition-opacity dark:border-slate-800 dark:bg-slate-900 ${busy ? "opacity-60" : ""}`} aria-busy={busy}>
      <table className="w-full min-w-[720px] border-collapse text-left text-sm">
        <caption className="sr-only">Leads. Use the arrow keys to move between rows, Enter to open a lead, x to select it.</caption>
        <thead className="bg-slate-50 text-xs text-slate-700 dark:bg-slate-800/60 dark:text-slate-300">
          <tr>
            {selectable && (
              <th scope="col" className="sticky left-0 z-10 w-10 bg-slate-50 px-3 py-2 dark:bg-slate-800">
                <input
                  type="checkbox"
                  aria-label={allSelected ? "Deselect all leads on this page" : "Select all leads on this page"}
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected && !allSelected;
                  }}
                  onChange={onToggleAll}
                  disabled={!rows.length}
                  className="h-4 w-4 rounded border-slate-400 accent-brand-600"
                />
              </th>
            )}
            {defs.map((c) => (
              <th
                key={c.id}
                scope="col"
                aria-sort={c.sort && sort === c.sort ? (dir === "asc" ? "ascending" : "descending") : undefined}
                className={`whitespace-nowrap px-3 py-2 font-semibold ${c.numeric ? "text-right" : ""} ${c.id === "name" ? `sticky ${selectable ? "left-10" : "left-0"} z-10 bg-slate-50 dark:bg-slate-800` : ""}`}
              >
                {header(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body} className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row, i) => {
            const isSelected = selected.has(row.id);
            const rowBg = isSelected ? "bg-brand-50 dark:bg-slate-800" : "bg-white dark:bg-slate-900";
            return (
              <tr
                key={row.id}
                data-row
                data-lead-id={row.id}
                tabIndex={i === current ? 0 : -1}
                onFocus={(e) => e.target === e.currentTarget && setActive(i)}
                onKeyDown={(e) => onKeyDown(e, i, row)}
                className={`${rowBg} hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 dark:hover:bg-slate-800/70`}
              >
                {selectable && (
                  <td className={`sticky left-0 z-[1] px-3 py-2 ${rowBg}`}>
                    <input
                      type="checkbox"
                      tabIndex={-1}
                      aria-label={`Select ${row.name}`}
                      checked={isSelected}
                      onChange={() => onToggle(row.id)}
                      className="h-4 w-4 rounded border-slate-400 accent-brand-600"
                    />
                  </td>
                )}
                {defs.map((c) => (
                  <td key={c.id} className={`px-3 py-2 align-middle ${c.numeric ? "text-right" : ""} ${c.id === "name" ? `sticky ${selectable ? "left-10" : "left-0"} z-[1] ${rowBg}` : ""}`}>
                    <Cell column={c.id} row={row} userNames={userNames} timeZone={timeZone} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

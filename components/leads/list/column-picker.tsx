"use client";

import { usePopover } from "@/components/ui/use-popover";
import { COLUMNS, COLUMNS_COOKIE, DEFAULT_COLUMNS, normalizeColumns, REQUIRED_COLUMNS, type ColumnId } from "@/lib/leads/list/columns";
import { Button } from "@/components/ui/button";

/** Saves the person's columns in a cookie (read by the server, so the first render is right). */
export function saveColumnsCookie(columns: ColumnId[]): void {
  document.cookie = `${COLUMNS_COOKIE}=${encodeURIComponent(columns.join(","))}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}

/** Chooses the list's columns. */
export function ColumnPicker({ columns, onChange }: { columns: ColumnId[]; onChange: (columns: ColumnId[]) => void }) {
  const { open, setOpen, id, buttonRef, panelRef } = usePopover();

  return (
    <div className="relative">
      <Button ref={buttonRef} size="sm" aria-expanded={open} aria-controls={id} onClick={() => setOpen((v) => !v)}>
        Columns
      </Button>
      {open && (
        <div ref={panelRef} id={id} className="absolute left-0 z-30 mt-1 w-56 rounded-md border border-slate-200 bg-white p-3 shadow-lg sm:left-auto sm:right-0 dark:border-slate-700 dark:bg-slate-900">
          <fieldset>
            <legend className="mb-2 text-sm font-semibold">Show columns</legend>
            <div className="space-y-1">
              {COLUMNS.map((c) => (
                <label key={c.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="h-4 w-4 accent-brand-600"
                    checked={columns.includes(c.id)}
                    disabled={REQUIRED_COLUMNS.includes(c.id)}
                    onChange={() => onChange(normalizeColumns(columns.includes(c.id) ? columns.filter((x) => x !== c.id) : [...columns, c.id]))}
                  />
                  {c.label}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="button" className="mt-3 text-xs font-medium text-brand-700 underline dark:text-brand-100" onClick={() => onChange([...DEFAULT_COLUMNS])}>
            Reset to default
          </button>
        </div>
      )}
    </div>
  );
}

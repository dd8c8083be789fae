"use client";

import { useId, useState } from "react";
import { Button } from "./button";

type Props = {
  label: string;
  /** The saved value; the field shows it again whenever it changes. */
  value: string;
  options: readonly { value: string; label: string }[];
  disabled?: boolean;
  /** Runs only on Save (or Enter): a choice in the menu alone changes nothing. */
  onConfirm: (value: string) => void;
  className?: string;
  labelClassName?: string;
};

/**
 * A menu whose choice is saved with a button, not on change. A closed <select> changes its
 * value on ArrowUp/ArrowDown, so a select that saved on change turned one arrow key press on a
 * focused field into a saved (and logged) change: a status change must be a deliberate act.
 */
export function ConfirmedSelect({ label, value, options, disabled, onConfirm, className = "", labelClassName = "" }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [saved, setSaved] = useState(value);
  if (saved !== value) {
    setSaved(value);
    setDraft(value);
  }
  const changed = draft !== value;
  const name = label.toLowerCase();

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <div className="flex items-center gap-1">
        <select
          id={id}
          className={className}
          value={draft}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (!changed) return;
            if (e.key === "Enter") {
              e.preventDefault();
              onConfirm(draft);
            } else if (e.key === "Escape") {
              e.preventDefault();
              setDraft(value);
            }
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {changed && (
          <>
            <Button size="sm" variant="primary" disabled={disabled} onClick={() => onConfirm(draft)}>
              Save<span className="sr-only"> {name}</span>
            </Button>
            <Button size="sm" variant="ghost" disabled={disabled} onClick={() => setDraft(value)}>
              Cancel<span className="sr-only"> {name} change</span>
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

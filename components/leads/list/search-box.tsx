"use client";

import { forwardRef, useEffect, useRef, useState } from "react";
import { MAX_SEARCH_LENGTH } from "@/lib/leads/list/list-query";
import { Spinner } from "@/components/ui/spinner";

type Props = { value: string; onSearch: (text: string) => void; busy: boolean; /** What the box searches, for screen readers. */ label?: string };

/**
 * Search as you type: name, phone (any formatting) or e-mail, by prefix. The text is sent 250 ms
 * after the last keystroke, Enter sends it at once, Escape clears it. The box keeps what was
 * typed while results load, so slow answers never eat keystrokes.
 */
export const SearchBox = forwardRef<HTMLInputElement, Props>(function SearchBox({ value, onSearch, busy, label = "Search leads by name, phone or e-mail" }, ref) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The URL changed from elsewhere (a view, "clear filters", back button): show its search.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const send = (next: string) => {
    if (timer.current) clearTimeout(timer.current);
    const trimmed = next.trim();
    if (trimmed === sent.current.trim()) return;
    sent.current = trimmed;
    onSearch(trimmed);
  };

  return (
    <div className="relative w-full sm:max-w-sm">
      <label htmlFor="lead-search" className="sr-only">
        {label}
      </label>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-500" fill="none" stroke="currentColor" strokeWidth={2}>
        <circle cx="11" cy="11" r="7" />
        <path d="M20 20l-3.5-3.5" />
      </svg>
      <input
        ref={ref}
        id="lead-search"
        type="search"
        inputMode="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_SEARCH_LENGTH}
        placeholder="Search name, phone, e-mail   ( / )"
        value={text}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => send(next), 250);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            send(text);
          } else if (e.key === "Escape" && text) {
            e.preventDefault();
            setText("");
            send("");
          }
        }}
        className="h-10 w-full rounded-md border border-slate-300 bg-white pl-9 pr-9 text-sm shadow-sm placeholder:text-slate-500 focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 dark:border-slate-700 dark:bg-slate-900"
      />
      {busy && (
        <span className="absolute right-3 top-1/2 -translate-y-1/2 text-slate-500">
          <Spinner label="Searching" />
        </span>
      )}
    </div>
  );
});

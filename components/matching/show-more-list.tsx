"use client";
import { Children, useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * An ordered list showing its first `initial` items and a button for the next `step`. The items
 * are rendered by the server (they may hold server-rendered actions); this only reveals them.
 * After "Show more", focus moves to the first newly shown item so keyboard users carry on there.
 */
export function ShowMoreList({ children, initial = 10, step = 10, noun = "more", label }: { children: ReactNode; initial?: number; step?: number; noun?: string; label: string }) {
  const items = Children.toArray(children);
  const [shown, setShown] = useState(initial);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (focusFrom === null) return;
    const el = listRef.current?.children.item(focusFrom) as HTMLElement | null;
    el?.focus();
  }, [focusFrom]);
  const left = items.length - shown;
  return (
    <>
      <ol ref={listRef} aria-label={label} className="divide-y divide-slate-200 dark:divide-slate-800">
        {items.slice(0, shown).map((item, i) => (
          <li key={i} tabIndex={-1} className="py-3 outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
            {item}
          </li>
        ))}
      </ol>
      {left > 0 && (
        <Button
          size="sm"
          className="mt-2"
          onClick={() => {
            setFocusFrom(shown);
            setShown(shown + step);
          }}
        >
          Show {Math.min(step, left)} {noun} ({left} not shown)
        </Button>
      )}
    </>
  );
}

"use client";

import { useEffect, useId, useRef, useState } from "react";

/**
 * Open/closed state for a button that shows a panel: Escape closes it and returns focus to the
 * button, a press outside both closes it. Put `buttonRef` on the button, `panelRef` on the panel
 * (leave it off when outside presses should not close), `id` on the panel for `aria-controls`.
 */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPress = (e: MouseEvent) => {
      const target = e.target as Node;
      if (panelRef.current && !panelRef.current.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("mousedown", onPress);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("mousedown", onPress);
    };
  }, [open]);

  return { open, setOpen, id, buttonRef, panelRef };
}

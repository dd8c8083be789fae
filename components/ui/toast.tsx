"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

export type ToastInput = {
  message: string;
  tone?: "success" | "error" | "info";
  /** One action button, e.g. Undo. */
  action?: { label: string; onClick: () => void | Promise<void> };
  /** Milliseconds before it goes away; toasts with an action stay longer. */
  duration?: number;
};

type Toast = ToastInput & { id: number };

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

/** Shows a toast: `const toast = useToast(); toast({ message: "Saved" })`. */
export function useToast(): (toast: ToastInput) => void {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error("useToast needs a <ToastProvider> above it");
  return ctx;
}

const TONES = {
  success: "border-emerald-600 bg-white dark:bg-slate-900",
  error: "border-red-600 bg-white dark:bg-slate-900",
  info: "border-slate-400 bg-white dark:bg-slate-900",
};

/**
 * Holds the toasts of a page. They are announced through a polite live region (errors
 * assertively), stay while hovered or focused, and can carry one action such as Undo.
 */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback((toast: ToastInput) => {
    const id = next.current++;
    setToasts((list) => [...list.slice(-3), { ...toast, id }]);
  }, []);
  const value = useMemo(() => show, [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div aria-live="polite" role="status" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4 sm:items-end sm:pr-6">
        {toasts.filter((t) => t.tone !== "error").map((t) => (
          <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
        ))}
      </div>
      <div aria-live="assertive" role="alert" className="pointer-events-none fixed inset-x-0 top-4 z-50 flex flex-col items-center gap-2 px-4">
        {toasts.filter((t) => t.tone === "error").map((t) => (
          <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const [busy, setBusy] = useState(false);
  const duration = toast.duration ?? (toast.action ? 10_000 : 5_000);

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(toast.id), duration);
    return () => clearTimeout(timer);
  }, [paused, duration, onDismiss, toast.id]);

  return (
    <div
      className={`pointer-events-auto flex w-full max-w-md items-center gap-3 rounded-md border-l-4 px-4 py-3 text-sm shadow-lg ring-1 ring-slate-200 dark:ring-slate-700 ${TONES[toast.tone ?? "success"]}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <p className="flex-1">{toast.message}</p>
      {toast.action && (
        <button
          type="button"
          disabled={busy}
          className="rounded px-2 py-1 font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60 dark:text-brand-100 dark:hover:bg-slate-800"
          onClick={async () => {
            setBusy(true);
            try {
              await toast.action!.onClick();
            } finally {
              onDismiss(toast.id);
            }
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" onClick={() => onDismiss(toast.id)} className="rounded p-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800" aria-label="Dismiss">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={2}>
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </div>
  );
}

"use client";

import { useId } from "react";
import { useFormStatus } from "react-dom";
import type { FormState } from "./use-form-action";

export function SubmitButton({
  children,
  variant = "primary",
  className = "",
  ...rest
}: { children: React.ReactNode; variant?: "primary" | "secondary" | "danger" } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const { pending } = useFormStatus();
  const look = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
    danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-slate-900 dark:text-red-400",
  }[variant];
  return (
    <button {...rest} type="submit" disabled={pending || rest.disabled} aria-disabled={pending || undefined} className={`rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60 ${look} ${className}`}>
      {children}
    </button>
  );
}

/** The form-level outcome: the error (alert) or the success message (status). */
export function FormMessage({ state, success }: { state: FormState<unknown>; success?: string }) {
  if (!state) return <p role="status" className="sr-only" />;
  if (!state.ok) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        {state.error}
      </p>
    );
  }
  return (
    <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200">
      {success ?? "Saved."}
    </p>
  );
}

export function Section({ title, description, children, id }: { title: string; description?: string; children: React.ReactNode; id?: string }) {
  const headingId = useId();
  return (
    <section id={id} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

"use client";

import { useId } from "react";
import { useFormStatus } from "react-dom";
import type { FormState } from "./use-form-action";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900";

function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700 dark:text-red-400">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

type TextFieldProps = {
  label: string;
  name: string;
  defaultValue?: string;
  errors?: string[];
  hint?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue">;

/** A labelled input with its hint and every error the server returned for it. */
export function TextField({ label, name, defaultValue, errors, hint, className, ...rest }: TextFieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, errors?.length ? `${id}-err` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input id={id} name={name} defaultValue={defaultValue} aria-invalid={errors?.length ? true : undefined} aria-describedby={described} className={inputClass} {...rest} />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      <FieldErrors id={`${id}-err`} errors={errors} />
    </div>
  );
}

type SelectFieldProps = {
  label: string;
  name: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
  errors?: string[];
  hint?: string;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "defaultValue">;

export function SelectField({ label, name, options, defaultValue, errors, hint, className, ...rest }: SelectFieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, errors?.length ? `${id}-err` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {/* Keyed by its default: React applies a select's defaultValue only when it mounts, and a form
          action resets the form afterwards, so a choice sent with a field error elsewhere fell back
          to the first default (theme, start page) instead of the value sent. */}
      <select key={defaultValue} id={id} name={name} defaultValue={defaultValue} aria-invalid={errors?.length ? true : undefined} aria-describedby={described} className={inputClass} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      <FieldErrors id={`${id}-err`} errors={errors} />
    </div>
  );
}

export function TextAreaField({
  label,
  name,
  defaultValue,
  errors,
  hint,
  className,
  ...rest
}: { label: string; name: string; defaultValue?: string; errors?: string[]; hint?: string } & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "defaultValue">) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, errors?.length ? `${id}-err` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea id={id} name={name} defaultValue={defaultValue} aria-invalid={errors?.length ? true : undefined} aria-describedby={described} className={`${inputClass} font-mono`} {...rest} />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      <FieldErrors id={`${id}-err`} errors={errors} />
    </div>
  );
}

/** A checkbox with its label and optional description; errors under it. */
export function CheckboxField({
  label,
  name,
  defaultChecked,
  description,
  errors,
  disabled,
}: {
  label: string;
  name: string;
  defaultChecked?: boolean;
  description?: string;
  errors?: string[];
  disabled?: boolean;
}) {
  const id = useId();
  const described = [description ? `${id}-desc` : null, errors?.length ? `${id}-err` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        name={name}
        defaultChecked={defaultChecked}
        disabled={disabled}
        aria-describedby={described}
        aria-invalid={errors?.length ? true : undefined}
        className="mt-1 h-4 w-4 rounded border-slate-400 text-brand-600 disabled:opacity-50"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {description && (
          <p id={`${id}-desc`} className="text-xs text-slate-600 dark:text-slate-400">
            {description}
          </p>
        )}
        <FieldErrors id={`${id}-err`} errors={errors} />
      </div>
    </div>
  );
}

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

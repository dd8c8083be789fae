"use client";

import { forwardRef, useId } from "react";

/**
 * The one form-field family: a label, the control, its hint and its errors. Errors are a string or a
 * list (server actions return lists, react-hook-form one message); either way they are announced
 * (role="alert") and tied to the control with aria-describedby and aria-invalid. Every control
 * forwards its ref, so react-hook-form's register() works as well as plain name/defaultValue.
 */
export type FieldError = string | readonly string[] | null | undefined;

type FieldProps = {
  label: string;
  /** The error(s) for this field: one message or a list; empty means valid. */
  error?: FieldError;
  hint?: React.ReactNode;
  /** On the wrapper (grid spans and the like). */
  className?: string;
};

const CONTROL =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

function list(error: FieldError): readonly string[] {
  if (!error) return [];
  return typeof error === "string" ? [error] : error;
}

/** The ids and aria attributes one control needs; `ids.own` is the control's id. */
function useFieldIds(id: string | undefined, hint: React.ReactNode, errors: readonly string[]) {
  const generated = useId();
  const own = id ?? generated;
  const describedBy = [hint ? `${own}-hint` : null, errors.length ? `${own}-error` : null].filter(Boolean).join(" ") || undefined;
  return { own, aria: { "aria-invalid": errors.length ? true : undefined, "aria-describedby": describedBy } as const };
}

function Hint({ id, hint }: { id: string; hint: React.ReactNode }) {
  if (!hint) return null;
  return (
    <div id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
      {hint}
    </div>
  );
}

/** A field's errors, announced: one message as a paragraph, several as a list. */
export function FieldErrors({ id, errors }: { id: string; errors: readonly string[] }) {
  if (!errors.length) return null;
  return (
    <div id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
      {errors.length === 1 ? (
        <p>{errors[0]}</p>
      ) : (
        <ul className="space-y-0.5">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The label above a control, then its hint and errors. */
function Field({ id, label, hint, errors, className, children }: { id: string; label: string; hint: React.ReactNode; errors: readonly string[]; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      <Hint id={id} hint={hint} />
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

export const TextField = forwardRef<HTMLInputElement, FieldProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "className">>(function TextField(
  { label, error, hint, className, id, ...input },
  ref,
) {
  const errors = list(error);
  const { own, aria } = useFieldIds(id, hint, errors);
  return (
    <Field id={own} label={label} hint={hint} errors={errors} className={className}>
      <input ref={ref} id={own} {...aria} className={CONTROL} {...input} />
    </Field>
  );
});

export const TextAreaField = forwardRef<HTMLTextAreaElement, FieldProps & { mono?: boolean } & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "className">>(function TextAreaField(
  { label, error, hint, className, id, mono, ...textarea },
  ref,
) {
  const errors = list(error);
  const { own, aria } = useFieldIds(id, hint, errors);
  return (
    <Field id={own} label={label} hint={hint} errors={errors} className={className}>
      <textarea ref={ref} id={own} {...aria} className={mono ? `${CONTROL} font-mono` : CONTROL} {...textarea} />
    </Field>
  );
});

export type SelectOption = { value: string; label: string };

export const SelectField = forwardRef<HTMLSelectElement, FieldProps & { options: readonly SelectOption[] } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "className">>(function SelectField(
  { label, error, hint, className, id, options, ...select },
  ref,
) {
  const errors = list(error);
  const { own, aria } = useFieldIds(id, hint, errors);
  return (
    <Field id={own} label={label} hint={hint} errors={errors} className={className}>
      {/* Keyed by its default: React applies a select's defaultValue only when it mounts, and a form
          action resets the form afterwards, so a choice sent with a field error elsewhere fell back
          to the first default (theme, start page) instead of the value sent. */}
      <select key={select.defaultValue === undefined ? undefined : String(select.defaultValue)} ref={ref} id={own} {...aria} className={CONTROL} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
});

/** A checkbox with its label to the right, an optional description (the hint) and errors under it. */
export const CheckboxField = forwardRef<HTMLInputElement, FieldProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "className" | "type">>(function CheckboxField(
  { label, error, hint, className = "", id, ...input },
  ref,
) {
  const errors = list(error);
  const { own, aria } = useFieldIds(id, hint, errors);
  return (
    <div className={`flex items-start gap-3 ${className}`}>
      <input ref={ref} id={own} type="checkbox" {...aria} className="mt-1 h-4 w-4 rounded border-slate-400 text-brand-600 disabled:opacity-50" {...input} />
      <div>
        <label htmlFor={own} className="text-sm font-medium">
          {label}
        </label>
        {hint && (
          <div id={`${own}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
            {hint}
          </div>
        )}
        <FieldErrors id={own} errors={errors} />
      </div>
    </div>
  );
});

/** "wrong_number" → "Wrong number": the label of an enum value. */
export const label = (v: string) => v.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

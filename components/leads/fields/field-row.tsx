"use client";
import { useId } from "react";
import { CUSTOM_FIELD_TYPES, type CustomFieldType } from "@/lib/zod/schemas/custom-fields";
import { Button } from "@/components/ui/button";

/** One field as edited: options as typed (one per line); `saved` fields keep their key. */
export type FieldDraft = { uid: string; key: string; label: string; type: CustomFieldType; options: string; saved: boolean; keyTouched: boolean };

export const TYPE_LABELS: Record<CustomFieldType, string> = { text: "Text", number: "Number", date: "Date", select: "Choice list" };

const INPUT =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

type Props = {
  field: FieldDraft;
  index: number;
  count: number;
  errors: (name: "key" | "label" | "type" | "options") => string[] | undefined;
  disabled: boolean;
  onChange: (patch: Partial<FieldDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  /** Registers this row's focusable parts, so the editor can put focus back after a change. */
  register: (part: "label" | "up" | "down" | "remove", el: HTMLElement | null) => void;
};

function Errors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700 dark:text-red-400">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/** A field's label, key, type and options, with its move and remove buttons. */
export function FieldRow({ field, index, count, errors, disabled, onChange, onMove, onRemove, register }: Props) {
  const id = useId();
  const name = field.label.trim() || `field ${index + 1}`;
  const described = (part: "key" | "label" | "type" | "options", hint?: boolean) => [hint ? `${id}-${part}-hint` : null, errors(part)?.length ? `${id}-${part}-err` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <legend className="px-1 text-sm font-semibold">
        Field {index + 1} of {count}
        {field.label.trim() ? `: ${field.label.trim()}` : ""}
      </legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-label`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Label
          </label>
          <input
            ref={(el) => register("label", el)}
            id={`${id}-label`}
            value={field.label}
            maxLength={60}
            disabled={disabled}
            aria-invalid={errors("label") ? true : undefined}
            aria-describedby={described("label")}
            onChange={(e) => onChange({ label: e.target.value })}
            className={INPUT}
          />
          <Errors id={`${id}-label-err`} messages={errors("label")} />
        </div>
        <div>
          <label htmlFor={`${id}-key`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Key
          </label>
          <input
            id={`${id}-key`}
            value={field.key}
            maxLength={40}
            readOnly={field.saved}
            disabled={disabled}
            spellCheck={false}
            aria-invalid={errors("key") ? true : undefined}
            aria-describedby={described("key", true)}
            onChange={(e) => onChange({ key: e.target.value, keyTouched: true })}
            className={`${INPUT} font-mono ${field.saved ? "bg-slate-50 text-slate-600 dark:bg-slate-800 dark:text-slate-300" : ""}`}
          />
          <p id={`${id}-key-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {field.saved ? "Saved keys do not change: the values on leads are stored under it." : "From the label; lower-case letters, digits and _. Used by imports."}
          </p>
          <Errors id={`${id}-key-err`} messages={errors("key")} />
        </div>
        <div>
          <label htmlFor={`${id}-type`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Type
          </label>
          <select
            id={`${id}-type`}
            value={field.type}
            disabled={disabled}
            aria-invalid={errors("type") ? true : undefined}
            aria-describedby={described("type")}
            onChange={(e) => onChange({ type: e.target.value as CustomFieldType })}
            className={INPUT}
          >
            {CUSTOM_FIELD_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
          <Errors id={`${id}-type-err`} messages={errors("type")} />
        </div>
        {field.type === "select" && (
          <div className="sm:col-span-3">
            <label htmlFor={`${id}-options`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
              Choices, one per line
            </label>
            <textarea
              id={`${id}-options`}
              value={field.options}
              rows={3}
              disabled={disabled}
              aria-invalid={errors("options") ? true : undefined}
              aria-describedby={described("options")}
              onChange={(e) => onChange({ options: e.target.value })}
              className={INPUT}
            />
            <Errors id={`${id}-options-err`} messages={errors("options")} />
          </div>
        )}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button ref={(el) => register("up", el)} size="sm" disabled={disabled || index === 0} onClick={() => onMove(-1)} aria-label={`Move ${name} up`}>
          Move up
        </Button>
        <Button ref={(el) => register("down", el)} size="sm" disabled={disabled || index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${name} down`}>
          Move down
        </Button>
        <Button ref={(el) => register("remove", el)} size="sm" variant="ghost" disabled={disabled} onClick={onRemove} aria-label={`Remove ${name}`}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}

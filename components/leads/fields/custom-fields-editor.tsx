"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import type { CustomFieldSettings } from "@/lib/custom-fields/definitions";
import { deriveFieldKey, parseOptionLines, type RemovedCustomField } from "@/lib/custom-fields/field-keys";
import { saveCustomFieldsSchema } from "@/lib/custom-fields/schemas";
import type { CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { saveCustomFieldsAction } from "@/app/t/[host]/leads/fields/actions";
import { Button } from "@/components/ui/button";
import { FieldRow, TYPE_LABELS, type FieldDraft } from "./field-row";
import { sendChecked } from "@/lib/core/actions/payload-size";

type Part = "label" | "up" | "down" | "remove";
type Focus = { uid: string; part: Part } | "add" | "invalid" | null;
type Message = { tone: "ok" | "error"; text: string; stale?: boolean } | null;

const draftsOf = (fields: CustomFieldDefinition[]): FieldDraft[] =>
  fields.map((f) => ({ uid: `saved-${f.key}`, key: f.key, label: f.label, type: f.type, options: f.options.join("\n"), saved: true, keyTouched: true }));

const payloadOf = (rows: FieldDraft[]) =>
  rows.map((r) => ({ key: r.key.trim(), label: r.label.trim(), type: r.type, options: r.type === "select" ? parseOptionLines(r.options) : [] }));

function pathErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) (out[i.path.map(String).join(".") || "_form"] ??= []).push(i.message);
  return out;
}

/**
 * The tenant's lead custom fields, edited as a list and saved together: add, label (the key
 * follows the label until saved), type, choices, reorder, remove and add back. Every control is
 * a native button or input, so it all works from the keyboard; focus stays on what was moved.
 */
export function CustomFieldsEditor({ initial }: { initial: CustomFieldSettings }) {
  const nextUid = useRef(0);
  const [rows, setRows] = useState<FieldDraft[]>(() => draftsOf(initial.fields));
  const [removed, setRemoved] = useState<RemovedCustomField[]>(initial.removed);
  const [version, setVersion] = useState(initial.version);
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(payloadOf(draftsOf(initial.fields))));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<Message>(null);
  const [announcement, setAnnouncement] = useState("");
  const [pending, start] = useTransition();
  // Where focus goes once the change is on screen (set by handlers, applied after the render).
  const focusAfter = useRef<Focus>(null);
  const setFocus = (f: Focus) => {
    focusAfter.current = f;
  };
  const parts = useRef(new Map<string, Partial<Record<Part, HTMLElement | null>>>());
  const addButton = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const dirty = JSON.stringify(payloadOf(rows)) !== savedJson;

  useEffect(() => {
    const focus = focusAfter.current;
    if (!focus) return;
    focusAfter.current = null;
    if (focus === "add") addButton.current?.focus();
    else if (focus === "invalid") list.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    else {
      const row = parts.current.get(focus.uid);
      const target = row?.[focus.part];
      // A row moved to the top or bottom has that move button disabled: the other one takes focus.
      const usable = target && !(target as HTMLButtonElement).disabled ? target : focus.part === "up" ? row?.down : row?.up;
      usable?.focus();
    }
  });

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const nameOf = (r: FieldDraft) => r.label.trim() || "the new field";
  const keysExcept = (uid: string) => rows.filter((r) => r.uid !== uid).map((r) => r.key);

  const change = (uid: string, patch: Partial<FieldDraft>) => {
    setRows((list) =>
      list.map((r) => {
        if (r.uid !== uid) return r;
        const next = { ...r, ...patch };
        if (!next.saved && !next.keyTouched && (patch.label !== undefined || patch.type !== undefined)) next.key = deriveFieldKey(next.label, next.type, keysExcept(uid), removed);
        return next;
      }),
    );
    const i = rows.findIndex((r) => r.uid === uid);
    const derivesKey = !rows[i]?.saved && !rows[i]?.keyTouched && (patch.label !== undefined || patch.type !== undefined);
    const touched = [...Object.keys(patch).filter((k) => k !== "keyTouched"), ...(derivesKey ? ["key"] : [])];
    if (touched.some((k) => errors[`fields.${i}.${k}`])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.some((t) => k === `fields.${i}.${t}`))));
  };

  const add = (draft?: Omit<FieldDraft, "uid">) => {
    const uid = `f${nextUid.current++}`;
    setRows((list) => [...list, { uid, key: "", label: "", type: "text", options: "", saved: false, keyTouched: false, ...draft }]);
    setErrors({});
    setFocus({ uid, part: "label" });
    setAnnouncement(draft ? `Added back “${draft.label}” at the end. Save to show it on leads again.` : "Added a new field at the end.");
  };

  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= rows.length) return;
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(to, 0, row);
    setRows(next);
    setErrors({});
    setFocus({ uid: row.uid, part: by < 0 ? "up" : "down" });
    setAnnouncement(`Moved ${nameOf(row)} to position ${to + 1} of ${rows.length}.`);
  };

  const remove = (index: number) => {
    const row = rows[index];
    const next = rows.filter((r) => r.uid !== row.uid);
    setRows(next);
    setErrors({});
    if (row.saved) setRemoved((list) => [{ key: row.key, label: row.label, type: row.type, options: parseOptionLines(row.options) }, ...list.filter((r) => r.key !== row.key)]);
    const neighbour = next[index] ?? next[index - 1];
    setFocus(neighbour ? { uid: neighbour.uid, part: "remove" } : "add");
    setAnnouncement(`Removed ${nameOf(row)}.${row.saved ? " Values already on leads are kept, hidden." : ""} Save to apply.`);
  };

  const addBack = (r: RemovedCustomField) => {
    setRemoved((list) => list.filter((x) => x.key !== r.key));
    add({ key: r.key, label: r.label, type: r.type, options: r.options.join("\n"), saved: true, keyTouched: true });
  };

  const save = () => {
    if (!dirty) {
      setMessage({ tone: "ok", text: "Nothing to save: no changes." });
      return;
    }
    const input = { fields: payloadOf(rows), version };
    const check = saveCustomFieldsSchema.safeParse(input);
    if (!check.success) {
      setErrors(pathErrors(check.error.issues));
      setMessage({ tone: "error", text: "Please correct the highlighted fields." });
      setFocus("invalid");
      return;
    }
    start(async () => {
      setMessage(null);
      const res = await sendChecked(saveCustomFieldsAction, input);
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        setMessage({ tone: "error", text: res.error, stale: res.code === "conflict" });
        if (res.fieldErrors) setFocus("invalid");
        return;
      }
      const saved = res.data;
      setRows((list) => list.map((r, i) => ({ ...r, key: saved.fields[i]?.key ?? r.key, saved: true, keyTouched: true })));
      setRemoved(saved.removed);
      setVersion(saved.version);
      setSavedJson(JSON.stringify(saved.fields.map(({ key, label, type, options }) => ({ key, label, type, options }))));
      setErrors({});
      setMessage({ tone: "ok", text: saved.fields.length ? "Saved. Every lead shows these fields now." : "Saved. Leads show no custom fields now." });
    });
  };

  const rowErrors = (i: number) => (name: string) => errors[`fields.${i}.${name}`];
  const listErrors = errors.fields ?? errors._form;

  return (
    <form
      className="mt-6 space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center dark:border-slate-700 dark:bg-slate-900">
          <p className="font-medium">No custom fields yet.</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Add one for each detail your team tracks on a lead, such as Motivation, Mortgage balance or Occupancy.</p>
        </div>
      ) : (
        <ol ref={list} className="space-y-3" aria-label="Custom fields, in the order leads show them">
          {rows.map((r, i) => (
            <li key={r.uid}>
              <FieldRow
                field={r}
                index={i}
                count={rows.length}
                errors={rowErrors(i)}
                disabled={pending}
                onChange={(patch) => change(r.uid, patch)}
                onMove={(by) => move(i, by)}
                onRemove={() => remove(i)}
                register={(part, el) => {
                  const entry = parts.current.get(r.uid) ?? {};
                  entry[part] = el;
                  parts.current.set(r.uid, entry);
                }}
              />
            </li>
          ))}
        </ol>
      )}
      {listErrors && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {listErrors.join(" ")}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button ref={addButton} onClick={() => add()} disabled={pending || rows.length >= 50}>
          Add field
        </Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : "Save fields"}
        </Button>
        {dirty && !pending && <span className="text-sm text-slate-600 dark:text-slate-400">Unsaved changes</span>}
      </div>
      {message?.tone === "error" && (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {message.text}{" "}
          {message.stale && (
            <Button size="sm" onClick={() => window.location.reload()}>
              Reload
            </Button>
          )}
        </div>
      )}
      {message?.tone === "ok" && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200">
          {message.text}
        </p>
      )}
      {removed.length > 0 && (
        <section aria-labelledby="removed-fields-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="removed-fields-heading" className="font-semibold">
            Removed fields
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Their values stay on leads, hidden. Add one back to show its values again.</p>
          <ul className="mt-2 space-y-2">
            {removed.map((r) => (
              <li key={r.key} className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{r.label}</span>
                <span className="font-mono text-slate-600 dark:text-slate-400">{r.key}</span>
                <span className="text-slate-600 dark:text-slate-400">{TYPE_LABELS[r.type]}</span>
                <Button size="sm" disabled={pending || rows.some((x) => x.key === r.key)} onClick={() => addBack(r)} aria-label={`Add back ${r.label}`}>
                  Add back
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}

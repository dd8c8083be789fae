"use client";
import { useId, useState, useTransition } from "react";
import { createTagAction, setLeadTagsAction } from "@/app/t/[host]/leads/[id]/actions";
import { TAG_COLORS, normalizeTagName, tagKey } from "@/lib/zod/schemas/tag";
import { Button } from "@/components/ui/button";
import { tagColorName } from "@/components/tags/tag-color-names";
import { sendChecked } from "@/lib/core/actions/payload-size";

export type TagOption = { name: string; color: string };

export function TagChip({ name, color, onRemove }: { name: string; color: string; onRemove?: () => void }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-white px-2 py-0.5 text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
      <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: color }} />
      {name}
      {onRemove && (
        <button type="button" onClick={onRemove} className="ml-0.5 rounded px-1 text-slate-600 hover:bg-slate-100" aria-label={`Remove tag ${name}`}>
          ×
        </button>
      )}
    </span>
  );
}

/** Tags from the tenant's catalogue; a new name is added to it on the fly with a colour. */
export function TagsEditor({ leadId, tags, catalogue, canWrite }: { leadId: string; tags: string[]; catalogue: TagOption[]; canWrite: boolean }) {
  const [text, setText] = useState("");
  const [color, setColor] = useState<string>(TAG_COLORS[8]);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const listId = useId();
  const colorOf = (n: string) => catalogue.find((t) => t.name === n)?.color ?? "#64748b";
  const save = (next: string[]) =>
    start(async () => {
      setError(null);
      const res = await sendChecked(setLeadTagsAction, { lead_id: leadId, tags: next });
      if (!res.ok) setError(res.error);
    });
  // "High Equity" is the catalogue's "high-equity": the same tag, not a new one beside it.
  const lookAlike = (typed: string) => catalogue.find((t) => tagKey(t.name) === tagKey(typed));
  const add = () => {
    const name = lookAlike(text)?.name ?? normalizeTagName(text);
    if (!name) return;
    start(async () => {
      setError(null);
      if (!lookAlike(name)) {
        const created = await sendChecked(createTagAction, { name, color });
        if (!created.ok) return setError(Object.values(created.fieldErrors ?? {})[0]?.[0] ?? created.error);
      }
      const res = await sendChecked(setLeadTagsAction, { lead_id: leadId, tags: [...tags, name] });
      if (!res.ok) return setError(res.error);
      setText("");
    });
  };
  const isNew = text.trim() !== "" && !lookAlike(text);

  return (
    <section aria-labelledby="tags-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="tags-heading" className="font-semibold">
        Tags
      </h2>
      <div className="mt-2 flex flex-wrap gap-1.5">
        {tags.length === 0 && <span className="text-sm text-slate-600 dark:text-slate-400">No tags</span>}
        {tags.map((t) => (
          <TagChip key={t} name={t} color={colorOf(t)} onRemove={canWrite ? () => save(tags.filter((x) => x !== t)) : undefined} />
        ))}
      </div>
      {canWrite && (
        <form
          className="mt-3 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label className="flex flex-col text-sm">
            <span className="font-medium text-slate-700 dark:text-slate-200">Add tag</span>
            <input list={listId} value={text} onChange={(e) => setText(e.target.value)} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900" maxLength={50} />
            <datalist id={listId}>
              {catalogue
                .filter((t) => !tags.includes(t.name))
                .map((t) => (
                  <option key={t.name} value={t.name} />
                ))}
            </datalist>
          </label>
          {isNew && (
            <fieldset className="flex items-center gap-1">
              <legend className="sr-only">Colour of the new tag</legend>
              {TAG_COLORS.slice(0, 8).map((c) => (
                <label key={c} className="cursor-pointer" title={tagColorName(c)}>
                  <input type="radio" name="tag-color" value={c} checked={color === c} onChange={() => setColor(c)} className="peer sr-only" aria-label={tagColorName(c)} />
                  <span aria-hidden className="block h-5 w-5 rounded-full ring-offset-1 peer-checked:ring-2 peer-checked:ring-slate-900 peer-focus-visible:ring-2" style={{ backgroundColor: c }} />
                </label>
              ))}
            </fieldset>
          )}
          <Button type="submit" size="sm" disabled={pending || !text.trim()}>
            {isNew ? "Create and add" : "Add"}
          </Button>
        </form>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}

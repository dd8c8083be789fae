"use client";
import { useState, useTransition } from "react";
import { lookAlikeGroups } from "@/lib/tags/look-alikes";
import type { TagView } from "@/lib/tags/tag-catalogue";
import { TAG_COLORS } from "@/lib/zod/schemas/tag";
import { deleteTagAction, mergeTagsAction, renameTagAction, updateTagAction } from "@/app/t/[host]/leads/tags/actions";
import { Button } from "@/components/ui/button";
import { tagColorName } from "./tag-color-names";
import { sendChecked } from "@/lib/core/actions/payload-size";

/** The tenant's lead tags: rename, recolour, merge into another, delete (tags.manage). */
export function TagCatalogue({ tags, canManage }: { tags: TagView[]; canManage: boolean }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [mergeInto, setMergeInto] = useState<Record<string, string>>({});
  const run = (fn: () => Promise<{ ok: boolean; error?: string; fieldErrors?: Record<string, string[]> }>) =>
    start(async () => {
      setError(null);
      const res = await fn();
      if (!res.ok) setError(Object.values(res.fieldErrors ?? {})[0]?.[0] ?? res.error ?? "Something went wrong");
    });
  const lookAlikes = canManage ? lookAlikeGroups(tags) : [];
  const leads = (n: number) => `${n.toLocaleString("en-US")} lead${n === 1 ? "" : "s"}`;
  return (
    <div className="mt-4">
      {error && (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {error}
        </p>
      )}
      {lookAlikes.length > 0 && (
        <section aria-labelledby="look-alikes-heading" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
          <h2 id="look-alikes-heading" className="font-semibold">
            Look-alike tags
          </h2>
          <p className="text-slate-700 dark:text-slate-300">These are one tag written differently (case, spaces, hyphens or underscores). Merging moves every lead to one name.</p>
          <ul className="mt-2 space-y-2" data-testid="look-alikes">
            {lookAlikes.map(({ target, sources }) => (
              <li key={target.id} className="flex flex-wrap items-center gap-2">
                <span>
                  {sources.map((s) => `"${s.name}" (${leads(s.usageCount)})`).join(", ")} → &quot;{target.name}&quot; ({leads(target.usageCount)})
                </span>
                <Button size="sm" disabled={pending} onClick={() => run(() => mergeTagsAction({ source_ids: sources.map((s) => s.id), target_id: target.id }))}>
                  Merge into &quot;{target.name}&quot;
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <table className="min-w-full rounded-lg border border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900">
        <caption className="sr-only">Lead tags</caption>
        <thead>
          <tr className="text-left">
            <th scope="col" className="p-2">Tag</th>
            <th scope="col" className="p-2">Leads</th>
            {canManage && <th scope="col" className="p-2">Change</th>}
          </tr>
        </thead>
        <tbody>
          {tags.map((t) => (
            <tr key={t.id} className="border-t border-slate-100 align-top dark:border-slate-800">
              <th scope="row" className="p-2 text-left font-medium">
                <span aria-hidden className="mr-2 inline-block h-3 w-3 rounded-full" style={{ backgroundColor: t.color }} />
                {t.name}
                {t.isSystem && <span className="ml-2 text-xs text-slate-600">system</span>}
              </th>
              <td className="p-2">{t.usageCount.toLocaleString("en-US")}</td>
              {canManage && (
                <td className="space-y-2 p-2">
                  <form
                    className="flex flex-wrap items-center gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      run(() => sendChecked(renameTagAction, { tag_id: t.id, name: names[t.id] ?? t.name }));
                    }}
                  >
                    <label className="sr-only" htmlFor={`rename-${t.id}`}>
                      New name for {t.name}
                    </label>
                    <input id={`rename-${t.id}`} className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 sm:w-44" defaultValue={t.name} maxLength={50} onChange={(e) => setNames({ ...names, [t.id]: e.target.value })} />
                    <Button type="submit" size="sm" disabled={pending}>
                      Rename
                    </Button>
                    <label className="sr-only" htmlFor={`color-${t.id}`}>
                      Colour of {t.name}
                    </label>
                    <select id={`color-${t.id}`} className="rounded-md border border-slate-300 px-2 py-1" value={t.color} onChange={(e) => run(() => updateTagAction({ tag_id: t.id, color: e.target.value }))}>
                      {[...new Set([t.color, ...TAG_COLORS])].map((c) => (
                        <option key={c} value={c}>
                          {tagColorName(c)}
                        </option>
                      ))}
                    </select>
                  </form>
                  {/* Merging a tag away removes it, like deleting it: system tags (dnc) stay. */}
                  {!t.isSystem && (
                    <div className="flex flex-wrap items-center gap-2">
                      <label className="sr-only" htmlFor={`merge-${t.id}`}>
                        Merge {t.name} into
                      </label>
                      <select id={`merge-${t.id}`} className="rounded-md border border-slate-300 px-2 py-1" value={mergeInto[t.id] ?? ""} onChange={(e) => setMergeInto({ ...mergeInto, [t.id]: e.target.value })}>
                        <option value="">Merge into…</option>
                        {tags
                          .filter((o) => o.id !== t.id)
                          .map((o) => (
                            <option key={o.id} value={o.id}>
                              {o.name}
                            </option>
                          ))}
                      </select>
                      <Button size="sm" disabled={pending || !mergeInto[t.id]} onClick={() => run(() => mergeTagsAction({ source_ids: [t.id], target_id: mergeInto[t.id] }))}>
                        Merge
                      </Button>
                      <Button size="sm" variant="ghost" disabled={pending} onClick={() => confirm(`Remove "${t.name}" from every lead?`) && run(() => deleteTagAction({ tag_id: t.id }))}>
                        Delete
                      </Button>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { filterPart, listQueryToParams, type LeadListQuery } from "@/lib/leads/list/list-query";
import { deleteViewAction, saveViewAction, updateViewAction } from "@/app/t/[host]/saved-views/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { ListView } from "./types";
import { LEADS_PATH } from "./use-list-navigation";
import { sendChecked } from "@/lib/core/actions/payload-size";

/** Another list than the leads' (the deal list): its path, its saved views' scope and its current filters as a search string. */
export type ViewsList = { path: string; scope: "leads" | "deals" | "buyers"; current: string };

type Props = { views: ListView[]; activeView?: ListView; query?: LeadListQuery; filtered: boolean; onChanged: () => void; list?: ViewsList };

type ActionResult = { ok: true; data: { id: string } } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export function viewHref(view: ListView, path: string = LEADS_PATH): string {
  const params = new URLSearchParams(view.query);
  params.delete("view");
  const rest = params.toString();
  return `${path}?view=${encodeURIComponent(view.id)}${rest ? `&${rest}` : ""}`;
}

/**
 * Saved views as one-click pills (built-ins, the person's own, then the team's shared ones), and
 * saving, sharing, updating and deleting them. A view's link can be sent to a colleague.
 */
export function ViewsBar({ views, activeView, query, filtered, onChanged, list }: Props) {
  const LIST_PATH = list?.path ?? LEADS_PATH;
  const scope = list?.scope;
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [dialog, setDialog] = useState<"save" | "edit" | "delete" | null>(null);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = list ? list.current : query ? listQueryToParams({ ...filterPart(query), cols: query.cols }).toString() : "";
  const editable = activeView && activeView.kind !== "builtin" && activeView.canEdit;
  const changed = activeView ? new URLSearchParams(activeView.query).toString() !== current : false;

  const open = (kind: "save" | "edit" | "delete") => {
    setError(null);
    setName(kind === "edit" && activeView ? activeView.name : "");
    setShared(kind === "edit" && activeView ? activeView.visibility === "shared" : false);
    setDialog(kind);
  };

  async function run(action: () => Promise<ActionResult>, done: (id: string) => void) {
    setBusy(true);
    setError(null);
    try {
      const res = await action();
      if (!res.ok) return setError([res.error, ...Object.values(res.fieldErrors ?? {}).flat()].join(" "));
      setDialog(null);
      done(res.data.id);
    } catch {
      setError("Something went wrong on our side. Nothing was changed; please try again.");
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(
      () => sendChecked(saveViewAction, { name, query: current, visibility: shared ? "shared" : "private", scope }) as Promise<ActionResult>,
      (newId) => {
        toast({ message: `Saved “${name.trim()}”${shared ? ", shared with your team" : ""}` });
        router.push(`${LIST_PATH}?view=${newId}${current ? `&${current}` : ""}`, { scroll: false });
      },
    );

  const edit = () =>
    run(
      () => sendChecked(updateViewAction, { id: activeView!.id, name, visibility: shared ? "shared" : "private", scope }) as Promise<ActionResult>,
      () => {
        toast({ message: "View updated" });
        onChanged();
      },
    );

  const update = () =>
    run(
      () => sendChecked(updateViewAction, { id: activeView!.id, query: current, scope }) as Promise<ActionResult>,
      () => {
        toast({ message: `Saved the filters to “${activeView!.name}”` });
        onChanged();
      },
    );

  const remove = () =>
    run(
      () => deleteViewAction({ id: activeView!.id, scope }) as Promise<ActionResult>,
      () => {
        toast({ message: `Deleted “${activeView!.name}”` });
        router.push(LIST_PATH);
      },
    );

  const copyLink = async () => {
    const url = new URL(activeView ? viewHref(activeView, LIST_PATH) : `${LIST_PATH}${current ? `?${current}` : ""}`, window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      toast({ message: "Link copied: anyone on your team can open this view" });
    } catch {
      toast({ message: `Copy this link: ${url}`, tone: "info", duration: 15_000 });
    }
  };

  const pill = (active: boolean) =>
    `inline-flex h-8 items-center whitespace-nowrap rounded-full border px-3 text-sm font-medium ${
      active
        ? "border-brand-600 bg-brand-600 text-white"
        : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
    }`;

  return (
    <div className="flex flex-col gap-2 lg:flex-row lg:items-center">
      <nav aria-label="Saved views" className="relative -mx-1 min-w-0 flex-1 overflow-x-auto px-1 py-1">
        <ul className="flex gap-2">
          <li>
            <Link href={LIST_PATH} className={pill(!activeView && !filtered)} aria-current={!activeView && !filtered ? "page" : undefined}>
              {list?.scope === "deals" ? "All deals" : "All leads"}
            </Link>
          </li>
          {views.map((v) => (
            <li key={v.id}>
              <Link
                href={viewHref(v, LIST_PATH)}
                className={pill(activeView?.id === v.id)}
                aria-current={activeView?.id === v.id ? "page" : undefined}
                title={v.description ?? (v.kind === "shared" ? `Shared by ${v.ownerName}` : v.visibility === "shared" ? "Shared with your team" : "Only you see this view")}
              >
                {v.name}
                {v.kind === "shared" && <span className="sr-only"> (shared by {v.ownerName})</span>}
                {v.kind === "mine" && v.visibility === "shared" && (
                  <svg aria-label="shared with your team" role="img" viewBox="0 0 24 24" className="ml-1.5 h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth={2}>
                    <path d="M17 20v-1a4 4 0 00-4-4H7a4 4 0 00-4 4v1M10 11a4 4 0 100-8 4 4 0 000 8zM21 20v-1a4 4 0 00-3-3.87M16 3.13a4 4 0 010 7.75" />
                  </svg>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="flex flex-wrap gap-2">
        {editable && changed && (
          <Button size="sm" onClick={update} disabled={busy}>
            Update “{activeView.name}”
          </Button>
        )}
        <Button size="sm" onClick={() => open("save")}>
          Save view
        </Button>
        {editable && (
          <>
            <Button size="sm" onClick={() => open("edit")}>
              Rename / share
            </Button>
            <Button size="sm" variant="ghost" onClick={() => open("delete")}>
              Delete view
            </Button>
          </>
        )}
        <Button size="sm" variant="ghost" onClick={copyLink}>
          Copy link
        </Button>
      </div>

      <Dialog
        open={dialog !== null}
        onClose={() => setDialog(null)}
        size="sm"
        title={dialog === "save" ? "Save this view" : dialog === "edit" ? "Rename or share the view" : `Delete “${activeView?.name ?? ""}”?`}
        description={dialog === "save" ? "Saves the filters, sort and columns you see now." : dialog === "delete" ? (activeView?.visibility === "shared" ? "Your team will no longer see it either." : undefined) : undefined}
        footer={
          <>
            <Button onClick={() => setDialog(null)} disabled={busy}>
              Cancel
            </Button>
            <Button variant={dialog === "delete" ? "danger" : "primary"} disabled={busy || (dialog !== "delete" && !name.trim())} onClick={dialog === "save" ? save : dialog === "edit" ? edit : remove}>
              {busy ? "Saving…" : dialog === "delete" ? "Delete view" : "Save"}
            </Button>
          </>
        }
      >
        {dialog !== "delete" && (
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (dialog === "save") save();
              else edit();
            }}
          >
            <label htmlFor={`${id}-name`} className="block text-sm font-medium">
              Name
              <input
                id={`${id}-name`}
                value={name}
                maxLength={60}
                autoFocus
                onChange={(e) => setName(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
              />
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} className="h-4 w-4 accent-brand-600" />
              Share with my team
            </label>
          </form>
        )}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </Dialog>
    </div>
  );
}

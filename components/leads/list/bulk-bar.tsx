"use client";

import { useId, useState } from "react";
import { bulkAssignAction, bulkDeleteAction, bulkPriorityAction, bulkStatusAction, bulkTagsAction, restoreLeadsAction } from "@/app/t/[host]/leads/actions";
import type { BulkTarget } from "@/lib/leads/bulk/target-schema";
import { filterPart, listQueryToParams, type LeadListQuery } from "@/lib/leads/list/list-query";
import { LEAD_PRIORITIES, LEAD_STATUSES } from "@/models/lead-enums";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { numberFormat, PRIORITY_LABELS, STATUS_LABELS } from "./format";
import type { ListTag, ListUser } from "./types";
import { sendChecked } from "@/lib/core/actions/payload-size";

type Props = {
  query: LeadListQuery;
  selectedIds: string[];
  allMatching: boolean;
  total: number;
  users: ListUser[];
  tags: ListTag[];
  can: { write: boolean; assign: boolean; delete: boolean; export: boolean };
  onDone: () => void;
  onClear: () => void;
};

type Kind = "assign" | "tags" | "status" | "priority" | "delete";
type Result = { ok: true; data: { message: string; batchId?: string } } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * Actions on the ticked leads, or on every lead matching the filters ("all matching": the server
 * evaluates the filters again). Deleting asks first and offers Undo.
 */
export function BulkBar({ query, selectedIds, allMatching, total, users, tags, can, onDone, onClear }: Props) {
  const toast = useToast();
  const id = useId();
  const [open, setOpen] = useState<Kind | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [assignee, setAssignee] = useState(users[0]?.id ?? "");
  const [tagOp, setTagOp] = useState<"add" | "remove">("add");
  const [tagText, setTagText] = useState("");
  const [status, setStatus] = useState<string>("contacted");
  const [priority, setPriority] = useState<string>("high");

  const count = allMatching ? total : selectedIds.length;
  const filterSearch = listQueryToParams(filterPart(query)).toString();
  const target: BulkTarget = allMatching ? { mode: "all", query: filterSearch } : { mode: "ids", ids: selectedIds };
  const exportHref = `/api/v1/leads/export?${allMatching ? filterSearch : `${new URLSearchParams({ sort: query.sort, dir: query.dir })}&ids=${selectedIds.join(",")}`}`;
  const what = `${numberFormat.format(count)} lead${count === 1 ? "" : "s"}`;

  const close = () => {
    setOpen(null);
    setError(null);
  };

  async function run(action: () => Promise<Result>) {
    setBusy(true);
    setError(null);
    try {
      const res = await action();
      if (!res.ok) {
        setError([res.error, ...Object.values(res.fieldErrors ?? {}).flat()].join(" "));
        return;
      }
      close();
      const batchId = res.data.batchId;
      toast({
        message: res.data.message,
        action: batchId
          ? {
              label: "Undo",
              onClick: async () => {
                const undo = (await restoreLeadsAction({ batchId })) as Result;
                toast(undo.ok ? { message: undo.data.message } : { message: undo.error, tone: "error" });
                onDone();
              },
            }
          : undefined,
      });
      onDone();
    } catch {
      setError("Something went wrong on our side. Nothing was changed; please try again.");
    } finally {
      setBusy(false);
    }
  }

  const submit = () => {
    switch (open) {
      case "assign":
        return run(() => bulkAssignAction({ target, userId: assignee }) as Promise<Result>);
      case "tags":
        return run(() => sendChecked(bulkTagsAction, { target, op: tagOp, tags: tagText.split(",").map((t) => t.trim()).filter(Boolean) }) as Promise<Result>);
      case "status":
        return run(() => bulkStatusAction({ target, status }) as Promise<Result>);
      case "priority":
        return run(() => bulkPriorityAction({ target, priority }) as Promise<Result>);
      case "delete":
        return run(() => bulkDeleteAction({ target }) as Promise<Result>);
    }
  };

  const titles: Record<Kind, string> = {
    assign: `Assign ${what}`,
    tags: `Tag ${what}`,
    status: `Change the status of ${what}`,
    priority: `Change the priority of ${what}`,
    delete: `Delete ${what}?`,
  };

  return (
    <div role="region" aria-label="Bulk actions" className="sticky top-0 z-20 flex flex-wrap items-center gap-2 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-800">
      <p className="mr-2 font-semibold" aria-live="polite">
        {allMatching ? `All ${what} matching the filters` : `${what} selected`}
      </p>
      {can.assign && (
        <Button size="sm" onClick={() => setOpen("assign")}>
          Assign
        </Button>
      )}
      {can.write && (
        <>
          <Button size="sm" onClick={() => setOpen("tags")}>
            Tag
          </Button>
          <Button size="sm" onClick={() => setOpen("status")}>
            Status
          </Button>
          <Button size="sm" onClick={() => setOpen("priority")}>
            Priority
          </Button>
        </>
      )}
      <a href={`/inbox/bulk?${allMatching ? new URLSearchParams({ query: filterSearch }) : new URLSearchParams({ ids: selectedIds.join(",") })}`} className={buttonClass("secondary", "sm")}>
        Send text
      </a>
      {can.export && (
        <a href={exportHref} download className={buttonClass("secondary", "sm")}>
          Export CSV
        </a>
      )}
      {can.delete && (
        <Button size="sm" variant="danger" onClick={() => setOpen("delete")}>
          Delete
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear selection
      </Button>

      <Dialog
        open={open !== null}
        onClose={close}
        title={open ? titles[open] : ""}
        size="sm"
        description={[
          allMatching ? `All ${what} matching the current filters, on every page (as they match when you confirm), not only the ones shown.` : "",
          open === "delete" ? "They leave every list at once. You can undo this from the message that follows, or restore them for 30 days." : "",
        ].filter(Boolean).join(" ") || undefined}
        footer={
          <>
            <Button onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button variant={open === "delete" ? "danger" : "primary"} onClick={submit} disabled={busy || (open === "tags" && !tagText.trim())}>
              {busy ? "Working…" : open === "delete" ? `Delete ${what}` : "Apply"}
            </Button>
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          className="space-y-3"
        >
          {open === "assign" && (
            <label htmlFor={`${id}-assignee`} className="block text-sm font-medium">
              Assign to
              <select id={`${id}-assignee`} className={selectClass} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
                <option value="">Nobody (unassign)</option>
              </select>
            </label>
          )}
          {open === "tags" && (
            <>
              <fieldset className="flex gap-4 text-sm">
                <legend className="sr-only">Add or remove</legend>
                <label className="flex items-center gap-2">
                  <input type="radio" name="tag-op" checked={tagOp === "add"} onChange={() => setTagOp("add")} className="accent-brand-600" /> Add tags
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="tag-op" checked={tagOp === "remove"} onChange={() => setTagOp("remove")} className="accent-brand-600" /> Remove tags
                </label>
              </fieldset>
              <label htmlFor={`${id}-tags`} className="block text-sm font-medium">
                Tags (comma-separated)
                <input id={`${id}-tags`} list={`${id}-tag-list`} className={selectClass} value={tagText} onChange={(e) => setTagText(e.target.value)} autoFocus />
              </label>
              <datalist id={`${id}-tag-list`}>
                {tags.map((t) => (
                  <option key={t.name} value={t.name} />
                ))}
              </datalist>
            </>
          )}
          {open === "status" && (
            <label htmlFor={`${id}-status`} className="block text-sm font-medium">
              New status
              <select id={`${id}-status`} className={selectClass} value={status} onChange={(e) => setStatus(e.target.value)}>
                {LEAD_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {open === "priority" && (
            <label htmlFor={`${id}-priority`} className="block text-sm font-medium">
              New priority
              <select id={`${id}-priority`} className={selectClass} value={priority} onChange={(e) => setPriority(e.target.value)}>
                {LEAD_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {PRIORITY_LABELS[p]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
        </form>
      </Dialog>
    </div>
  );
}

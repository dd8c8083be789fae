"use client";
import { useRouter } from "next/navigation";
import { Suspense, useState, useTransition } from "react";
import type { LeadView } from "@/lib/leads/get-lead";
import type { DuplicateMatch } from "@/lib/leads/duplicates/find-duplicates";
import type { TimelineEntry } from "@/lib/leads/timeline/get-lead-timeline";
import type { Assignee } from "@/lib/leads/write/list-assignees";
import type { CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { mergeLeadsAction } from "@/app/t/[host]/leads/[id]/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CustomFieldsPanel } from "./custom-fields-panel";
import { LeadDetailsEditor } from "./lead-details-editor";
import { LeadHeader } from "./lead-header";
import { DuplicatesPending, PossibleDuplicates, type MergeCandidate } from "./possible-duplicates";
import { TagsEditor, type TagOption } from "./tags-editor";
import { Timeline } from "./timeline";
import { MergeChoicesForm, type MergePlan } from "./merge-choices";

export type LeadRecordProps = {
  lead: LeadView;
  timeline: { entries: TimelineEntry[]; hasMore: boolean };
  assignees: Assignee[];
  tags: TagOption[];
  customFields: CustomFieldDefinition[];
  /** Streamed: the page renders without waiting for the duplicate check. */
  duplicates: Promise<DuplicateMatch[]>;
  unfinishedMerges: { keptId: string; mergedId: string; mergedName: string }[];
  can: { write: boolean; assign: boolean; delete: boolean; manageFields: boolean };
  /** The person's time zone (the request's), for dates rendered on the server and in the browser alike. */
  timeZone: string;
};

/** The lead page: everything a rep needs for one seller on one screen. */
export function LeadRecord({ lead, timeline, assignees, tags, customFields, duplicates, unfinishedMerges, can, timeZone }: LeadRecordProps) {
  const router = useRouter();
  const [mergeTarget, setMergeTarget] = useState<MergeCandidate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const [plan, setPlan] = useState<MergePlan | null>(null);
  const merge = (keep: string, other: string, choices?: MergePlan["choices"]) =>
    start(async () => {
      setError(null);
      const res = await mergeLeadsAction({ keep_id: keep, merge_id: other, choices });
      if (!res.ok) return setError(res.error);
      setMergeTarget(null);
      if (res.data.keptId !== lead.id) router.push(`/leads/${res.data.keptId}`);
      else router.refresh();
    });
  const closeMerge = () => {
    setMergeTarget(null);
    setError(null);
  };

  return (
    <div className="mx-auto max-w-6xl space-y-4">
      {unfinishedMerges.map((m) => (
        <div key={m.mergedId} role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
          A merge of “{m.mergedName}” into this lead did not finish.{" "}
          <Button size="sm" disabled={pending} onClick={() => merge(m.keptId, m.mergedId)}>
            Finish merge
          </Button>
        </div>
      ))}
      <LeadHeader lead={lead} assignees={assignees} canWrite={can.write} canAssign={can.assign} canDelete={can.delete} timeZone={timeZone} />
      <Suspense fallback={<DuplicatesPending />}>
        <PossibleDuplicates duplicates={duplicates} onMerge={can.write ? setMergeTarget : undefined} busy={pending} />
      </Suspense>
      {error && !mergeTarget && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="space-y-4 lg:col-span-3">
          <LeadDetailsEditor lead={lead} canWrite={can.write} onMerge={setMergeTarget} />
          <CustomFieldsPanel leadId={lead.id} defs={customFields} values={lead.custom_fields} canWrite={can.write} canManage={can.manageFields} />
          <TagsEditor leadId={lead.id} tags={lead.tags} catalogue={tags} canWrite={can.write} />
        </div>
        <div className="lg:col-span-2">
          <Timeline key={timeline.entries[0]?.id ?? "empty"} leadId={lead.id} initial={timeline.entries} hasMore={timeline.hasMore} canWrite={can.write} timeZone={timeZone} />
        </div>
      </div>
      <Dialog
        open={mergeTarget !== null}
        onClose={closeMerge}
        title="Merge these two leads?"
        description={mergeTarget?.name ? `“${lead.name}” and “${mergeTarget.name}” (${mergeTarget.phone}) become one lead: texts, calls, notes, history, tags, phones and e-mails of both are kept; choose which lead stays and which values win.` : undefined}
        footer={
          <>
            <Button onClick={closeMerge} disabled={pending}>
              Cancel
            </Button>
            <Button variant="primary" disabled={pending || !plan} onClick={() => plan && merge(plan.keepId, plan.mergeId, plan.choices)}>
              {pending ? "Merging…" : "Merge"}
            </Button>
          </>
        }
      >
        {mergeTarget && <MergeChoicesForm leadId={lead.id} otherId={mergeTarget.id} onChange={setPlan} />}
        {/* The page behind the dialog is inert and covered: a failed merge is told here. */}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </Dialog>
    </div>
  );
}

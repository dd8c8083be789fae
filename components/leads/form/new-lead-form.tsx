"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { leadInputSchema, type LeadFormValues } from "@/lib/zod/schemas/lead";
import { LEAD_PRIORITIES, LEAD_STATUSES } from "@/models/lead-enums";
import type { DuplicateMatch } from "@/lib/leads/duplicates/find-duplicates";
import { createLeadAction } from "@/app/t/[host]/leads/new/actions";
import { Button } from "@/components/ui/button";
import { DuplicateList } from "./duplicate-list";
import { label, SelectField, TextField } from "@/components/ui/field";
import { applyServerErrors, errorAt, LeadDetailsFields } from "./lead-details-fields";
import { sendChecked } from "@/lib/core/actions/payload-size";

/** Create a lead: checked in the browser and again on the server; possible duplicates are shown before anything is saved. */
export function NewLeadForm({ tagNames }: { tagNames: string[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateMatch[]>([]);
  const [tagsText, setTagsText] = useState("");
  const { register, handleSubmit, setError, formState, getValues } = useForm<LeadFormValues>({ resolver: zodResolver(leadInputSchema), defaultValues: { status: "new", priority: "medium" } });

  const send = (values: LeadFormValues, allowDuplicate: boolean) =>
    start(async () => {
      setMessage(null);
      const tags = tagsText.split(",").map((t) => t.trim()).filter(Boolean);
      const res = await sendChecked(createLeadAction, { ...values, tags, allow_duplicate: allowDuplicate });
      if (!res.ok) {
        applyServerErrors(setError, res.fieldErrors);
        setMessage(res.error);
        return;
      }
      if (!res.data.created) {
        setDuplicates(res.data.duplicates);
        return;
      }
      router.push(`/leads/${res.data.id}`);
    });

  return (
    <form onSubmit={handleSubmit((v) => send(v, false))} noValidate className="space-y-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <LeadDetailsFields register={register} errors={formState.errors} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Status" {...register("status")} error={errorAt(formState.errors, "status")} options={LEAD_STATUSES.map((s) => ({ value: s, label: label(s) }))} />
        <SelectField label="Priority" {...register("priority")} error={errorAt(formState.errors, "priority")} options={LEAD_PRIORITIES.map((p) => ({ value: p, label: label(p) }))} />
        <TextField label="Next follow-up" type="datetime-local" {...register("next_follow_up")} error={errorAt(formState.errors, "next_follow_up")} />
        <TextField className="sm:col-span-3" label="Tags (comma separated)" value={tagsText} onChange={(e) => setTagsText(e.target.value)} list="new-lead-tags" error={errorAt(formState.errors, "tags")} />
        <datalist id="new-lead-tags">
          {tagNames.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      {duplicates.length > 0 && (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
          <p className="text-sm font-medium">This looks like a lead you already have. Open it (and add what you know there), or create a new lead anyway.</p>
          <DuplicateList duplicates={duplicates} />
          <Button className="mt-2" onClick={() => send(getValues(), true)} disabled={pending}>
            Create anyway
          </Button>
        </div>
      )}
      {message && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : "Create lead"}
      </Button>
    </form>
  );
}

"use client";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { leadDetailsSchema, type LeadDetailsFormValues } from "@/lib/zod/schemas/lead";
import type { LeadView } from "@/lib/leads/get-lead";
import type { DuplicateMatch } from "@/lib/leads/duplicates/find-duplicates";
import { updateLeadDetailsAction } from "@/app/t/[host]/leads/[id]/actions";
import { Button } from "@/components/ui/button";
import { formatPhone } from "../list/format";
import { label } from "../form/field";
import { applyServerErrors, detailsFormValues, LeadDetailsFields } from "../form/lead-details-fields";
import { DuplicateList } from "../form/duplicate-list";
import { mergeCandidate, type MergeCandidate } from "./possible-duplicates";

/** The lead's details, edited together; nothing is saved while any field is wrong. */
export function LeadDetailsEditor({ lead, canWrite, onMerge }: { lead: LeadView; canWrite: boolean; onMerge: (lead: MergeCandidate) => void }) {
  const [editing, setEditing] = useState(false);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateMatch[]>([]);
  const form = useForm<LeadDetailsFormValues>({ resolver: zodResolver(leadDetailsSchema), defaultValues: detailsFormValues(lead) as LeadDetailsFormValues, mode: "onSubmit" });
  const { register, handleSubmit, setError, reset, formState } = form;

  const submit = handleSubmit((values) =>
    start(async () => {
      setMessage(null);
      const res = await updateLeadDetailsAction({ ...values, lead_id: lead.id });
      if (!res.ok) {
        applyServerErrors(setError, res.fieldErrors);
        setMessage(res.error);
        return;
      }
      setDuplicates(res.data.duplicates);
      setMessage(res.data.changed.length ? "Saved." : "Nothing changed.");
      setEditing(false);
    }),
  );

  if (!editing) {
    const a = lead.address;
    const p = lead.property_details;
    const money = (n: number | null) => (n === null ? "—" : `$${n.toLocaleString("en-US")}`);
    return (
      <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <div className="flex items-center justify-between">
          <h2 id="details-heading" className="font-semibold">
            Details
          </h2>
          {canWrite && (
            <Button
              size="sm"
              onClick={() => {
                reset(detailsFormValues(lead) as LeadDetailsFormValues);
                setEditing(true);
              }}
            >
              Edit details
            </Button>
          )}
        </div>
        {message && (
          <p role="status" className="mt-2 text-sm text-emerald-800 dark:text-emerald-300">
            {message}
          </p>
        )}
        {duplicates.length > 0 && (
          <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
            <p className="text-sm font-medium">This lead now matches:</p>
            <DuplicateList duplicates={duplicates} onMerge={(id) => onMerge(mergeCandidate(duplicates, id))} mergeLabel="Merge into this lead" />
          </div>
        )}
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <Item label="Phone" value={formatPhone(lead.phone)} />
          <Item label="E-mail" value={lead.email} />
          <Item label="Address" value={a.full_address} />
          <Item label="County" value={a.county} />
          <Item label="Property" value={[p.type?.replace(/_/g, " "), p.bedrooms !== undefined ? `${p.bedrooms} bd` : null, p.bathrooms !== undefined ? `${p.bathrooms} ba` : null, p.square_feet ? `${p.square_feet.toLocaleString("en-US")} sq ft` : null, p.year_built ? `built ${p.year_built}` : null].filter(Boolean).join(" · ") || null} />
          <Item label="Lot size" value={p.lot_size ? `${p.lot_size.toLocaleString("en-US")} sq ft` : null} />
          <Item label="Estimated value" value={money(lead.estimated_value)} />
          <Item label="Asking price" value={money(lead.asking_price)} />
          <Item label="Source" value={lead.source ? label(lead.source) : null} />
        </dl>
        {lead.notes && <p className="mt-3 text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{lead.notes}</p>}
      </section>
    );
  }

  return (
    <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="details-heading" className="mb-3 font-semibold">
        Edit details
      </h2>
      <form onSubmit={submit} noValidate>
        <LeadDetailsFields register={register} errors={formState.errors} />
        {message && (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
            {message}
          </p>
        )}
        <div className="mt-4 flex gap-2">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? "Saving…" : "Save details"}
          </Button>
          <Button onClick={() => setEditing(false)} disabled={pending}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}

function Item({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="font-medium text-slate-900 dark:text-slate-100">{value || "—"}</dd>
    </div>
  );
}

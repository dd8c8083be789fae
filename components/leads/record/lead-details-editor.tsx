"use client";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { leadDetailsFormSchema, type LeadDetailsFormInput } from "@/lib/zod/schemas/lead";
import type { LeadView } from "@/lib/leads/get-lead";
import type { DuplicateMatch } from "@/lib/leads/duplicates/find-duplicates";
import { updateLeadDetailsAction } from "@/app/t/[host]/leads/[id]/actions";
import { Button } from "@/components/ui/button";
import { formatPhone } from "../list/format";
import { label } from "@/components/ui/field";
import { applyServerErrors, detailsFormValues, LeadDetailsFields } from "../form/lead-details-fields";
import { detailItems } from "./detail-items";
import { DuplicateList } from "../form/duplicate-list";
import { ContactLists, EMAIL_STATUS_LABELS, EMAIL_TYPE_LABELS, PHONE_STATUS_LABELS, PHONE_TYPE_LABELS } from "../form/contact-lists";
import { mergeCandidate, type MergeCandidate } from "./possible-duplicates";
import { sendChecked } from "@/lib/core/actions/payload-size";

/** The lead's details, edited together; nothing is saved while any field is wrong. */
export function LeadDetailsEditor({ lead, canWrite, onMerge }: { lead: LeadView; canWrite: boolean; onMerge: (lead: MergeCandidate) => void }) {
  const [editing, setEditing] = useState(false);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateMatch[]>([]);
  const form = useForm<LeadDetailsFormInput>({ resolver: zodResolver(leadDetailsFormSchema), defaultValues: detailsFormValues(lead) as LeadDetailsFormInput, mode: "onSubmit" });
  const { register, handleSubmit, setError, reset, formState, control } = form;

  const submit = handleSubmit((values) =>
    start(async () => {
      setMessage(null);
      // The first phone and e-mail are the primary ones.
      const phones = (values.phones ?? []) as { number: string }[];
      const emails = (values.emails ?? []) as { address: string }[];
      const res = await sendChecked(updateLeadDetailsAction, { ...values, phone: phones[0]?.number ?? "", email: emails[0]?.address ?? "", emails, lead_id: lead.id } as Parameters<typeof updateLeadDetailsAction>[0]);
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
                reset(detailsFormValues(lead) as LeadDetailsFormInput);
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
          <div>
            <dt className="text-slate-600 dark:text-slate-400">{lead.phones.length > 1 ? "Phones" : "Phone"}</dt>
            <dd>
              <ul className="space-y-0.5">
                {lead.phones.map((p, i) => (
                  <li key={p.number}>
                    <span className="font-medium text-slate-900 dark:text-slate-100">{formatPhone(p.number)}</span>
                    <span className="text-slate-600 dark:text-slate-400">
                      {" "}
                      · {[PHONE_TYPE_LABELS[p.type] ?? p.type, i === 0 ? "Primary" : null].filter(Boolean).join(" · ")}
                    </span>
                    {p.status !== "active" && <span className="ml-1 rounded bg-red-100 px-1.5 text-xs font-medium text-red-900 dark:bg-red-900/50 dark:text-red-100">{PHONE_STATUS_LABELS[p.status] ?? p.status}</span>}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">{lead.emails.length > 1 ? "E-mails" : "E-mail"}</dt>
            <dd>
              {lead.emails.length === 0 ? (
                <span className="font-medium text-slate-900 dark:text-slate-100">—</span>
              ) : (
                <ul className="space-y-0.5">
                  {lead.emails.map((em, i) => (
                    <li key={em.address}>
                      <span className="font-medium break-all text-slate-900 dark:text-slate-100">{em.address}</span>
                      {(em.type || i === 0) && (
                        <span className="text-slate-600 dark:text-slate-400">
                          {" "}
                          · {[em.type ? (EMAIL_TYPE_LABELS[em.type] ?? em.type) : null, i === 0 ? "Primary" : null].filter(Boolean).join(" · ")}
                        </span>
                      )}
                      {em.status && em.status !== "active" && <span className="ml-1 rounded bg-red-100 px-1.5 text-xs font-medium text-red-900 dark:bg-red-900/50 dark:text-red-100">{EMAIL_STATUS_LABELS[em.status] ?? em.status}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          {detailItems(lead).map((item) => (
            <Item key={item.label} label={item.label} value={item.value} />
          ))}
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
        <LeadDetailsFields register={register} errors={formState.errors} contacts={<ContactLists control={control} register={register} errors={formState.errors} />} />
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

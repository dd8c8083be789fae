"use client";
import { useEffect, useState } from "react";
import { previewMergeAction } from "@/app/t/[host]/leads/[id]/actions";
import type { MergePreviewRow } from "@/lib/leads/merge/merge-leads";
import type { MergeChoices } from "@/lib/leads/merge/plan-merge";
import { PRIORITY_LABELS, STATUS_LABELS } from "../list/format";

const FIELD_LABELS: Record<string, string> = {
  name: "Name", status: "Status", priority: "Priority", email: "Primary e-mail", address: "Property address", county: "County",
  mailing_address: "Mailing address", assigned_to: "Assigned to", source: "Source", estimated_value: "Estimated value",
  asking_price: "Asking price", next_follow_up: "Next follow-up", lead_score: "Score",
};

function shown(field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (field === "status") return STATUS_LABELS[String(v) as keyof typeof STATUS_LABELS] ?? String(v);
  if (field === "priority") return PRIORITY_LABELS[String(v) as keyof typeof PRIORITY_LABELS] ?? String(v);
  if (typeof v === "number" && /value|price/.test(field)) return `$${v.toLocaleString("en-US")}`;
  if (typeof v === "object") return Object.values(v as Record<string, unknown>).filter(Boolean).join(", ") || "—";
  return String(v);
}

export type MergePlan = { keepId: string; mergeId: string; choices: MergeChoices };

/**
 * Which lead survives, and field by field which value wins: the defaults are the server's (the
 * most advanced status, the highest priority, a value where the survivor has none). Phones,
 * e-mails, tags, notes and history of both are always kept.
 */
export function MergeChoicesForm({ leadId, otherId, onChange }: { leadId: string; otherId: string; onChange: (plan: MergePlan | null) => void }) {
  const [keepThis, setKeepThis] = useState(true);
  const [preview, setPreview] = useState<{ kept: { id: string; name: string }; merged: { id: string; name: string }; rows: MergePreviewRow[] } | null>(null);
  const [choices, setChoices] = useState<MergeChoices>({});
  const [error, setError] = useState<string | null>(null);
  const keepId = keepThis ? leadId : otherId;
  const mergeId = keepThis ? otherId : leadId;

  useEffect(() => {
    let live = true;
    onChange(null);
    previewMergeAction({ keep_id: keepId, merge_id: mergeId }).then((res) => {
      if (!live) return;
      if (!res.ok) return setError(res.error);
      setError(null);
      setPreview(res.data);
      const defaults = Object.fromEntries(res.data.rows.map((r) => [r.field, r.choice])) as MergeChoices;
      setChoices(defaults);
      onChange({ keepId, mergeId, choices: defaults });
    });
    return () => {
      live = false;
    };
    // onChange is the parent's setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keepId, mergeId]);

  const pick = (field: string, value: "kept" | "merged") => {
    const next = { ...choices, [field]: value };
    setChoices(next);
    onChange({ keepId, mergeId, choices: next });
  };

  return (
    <div className="space-y-3 text-sm">
      <fieldset>
        <legend className="font-medium">Which lead stays?</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="merge-survivor" checked={keepThis} onChange={() => setKeepThis(true)} className="accent-brand-600" /> This lead (its link stays)
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="merge-survivor" checked={!keepThis} onChange={() => setKeepThis(false)} className="accent-brand-600" /> The other lead
        </label>
      </fieldset>
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {!preview && !error && <p role="status">Comparing the two leads…</p>}
      {preview && preview.rows.length === 0 && <p>Nothing to choose: the other lead adds only what this one lacks.</p>}
      {preview &&
        preview.rows.map((row) => (
          <fieldset key={`${keepId}-${row.field}`} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
            <legend className="px-1 font-medium">{FIELD_LABELS[row.field] ?? row.field.replace(/^property_details\./, "").replace(/_/g, " ")}</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name={`merge-${row.field}`} checked={choices[row.field] === "kept"} onChange={() => pick(row.field, "kept")} className="accent-brand-600" />
              {shown(row.field, row.kept)} <span className="text-slate-600 dark:text-slate-400">({preview.kept.name}, stays)</span>
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name={`merge-${row.field}`} checked={choices[row.field] === "merged"} onChange={() => pick(row.field, "merged")} className="accent-brand-600" />
              {shown(row.field, row.merged)} <span className="text-slate-600 dark:text-slate-400">({preview.merged.name}, merged away)</span>
            </label>
          </fieldset>
        ))}
    </div>
  );
}

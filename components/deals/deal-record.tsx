"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { changeDealStatusAction, deleteDealAction, saveDealAnalysisAction } from "@/app/t/[host]/deals/actions";
import type { DealView } from "@/lib/deals/get-deal";
import type { DealTimelineEntry } from "@/lib/deals/get-deal-timeline";
import type { BuyerOption } from "@/lib/deals/search-buyer-options";
import { DEAL_TRANSITIONS } from "@/lib/deals/transitions";
import type { DealStatus } from "@/models/deal-enums";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ToastProvider, useToast } from "@/components/ui/toast";
import { BuyerPicker } from "./buyer-picker";
import { DealAnalyzer, type AnalyzerValues } from "./deal-analyzer";
import { DealDetailsForm } from "./deal-details-form";
import { day, DEAL_STATUS_LABELS, DEAL_TYPE_LABELS, money, percent, StatusBadge } from "./format";
import { sendChecked } from "@/lib/core/actions/payload-size";

export type DealRecordProps = {
  deal: DealView;
  lead: { id: string; name: string } | null;
  buyer: BuyerOption | null;
  timeline: DealTimelineEntry[];
  offerRule: number;
  can: { write: boolean; delete?: boolean };
  timeZone: string;
  /** Panels other modules place on the page (matching buyers, documents). */
  children?: React.ReactNode;
};

const ACTION_LABELS: Record<DealStatus, string> = { pending: "Reopen as pending", under_contract: "Mark under contract", closed: "Close deal", cancelled: "Cancel deal" };

export function DealRecord(props: DealRecordProps) {
  return (
    <ToastProvider>
      <Record {...props} />
    </ToastProvider>
  );
}

function Record({ deal, lead, buyer, timeline, offerRule, can, timeZone, children }: DealRecordProps) {
  const toast = useToast();
  const id = useId();
  const router = useRouter();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [statusError, setStatusError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const a = deal.analysis;
  const [analysis, setAnalysis] = useState<AnalyzerValues>({ arv: a ? String(a.arv) : "", repairs: a ? String(a.repairs) : "", assignment_fee: a ? String(a.assignment_fee) : deal.financials.assignment_fee !== null ? String(deal.financials.assignment_fee) : "" });
  const [analysisErrors, setAnalysisErrors] = useState<Record<string, string[] | undefined>>({});
  const open = deal.status === "pending" || deal.status === "under_contract";
  const f = deal.financials;

  const move = (status: DealStatus, cancel_reason?: string) =>
    start(async () => {
      setStatusError(null);
      setReasonError(null);
      const res = await sendChecked(changeDealStatusAction, { deal_id: deal.id, status, cancel_reason: cancel_reason ?? "" });
      if (!res.ok) {
        if (res.fieldErrors?.cancel_reason) return setReasonError(res.fieldErrors.cancel_reason[0]!);
        setCancelOpen(false);
        return setStatusError(Object.values(res.fieldErrors ?? {})[0]?.[0] ? `${res.error === "Please correct the highlighted fields." ? "" : `${res.error} `}${Object.values(res.fieldErrors ?? {})[0]![0]}`.trim() : res.error);
      }
      setCancelOpen(false);
      setReason("");
      toast({ message: `Deal ${DEAL_STATUS_LABELS[status].toLowerCase()}` });
    });

  const remove = () =>
    start(async () => {
      setDeleteError(null);
      const res = await deleteDealAction({ deal_id: deal.id });
      if (!res.ok) return setDeleteError(res.error);
      setDeleteOpen(false);
      router.push("/deals");
    });

  const saveAnalysis = () =>
    start(async () => {
      setAnalysisErrors({});
      const res = await sendChecked(saveDealAnalysisAction, { deal_id: deal.id, ...analysis });
      if (!res.ok) {
        setAnalysisErrors(res.fieldErrors ?? {});
        return toast({ message: res.error, tone: "error" });
      }
      toast({ message: "Analysis saved with the deal" });
    });

  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/deals" className="text-brand-700 hover:underline dark:text-brand-100">
              Deals
            </Link>
          </p>
          <h1 className="text-2xl font-bold">{deal.address.full_address || deal.address.street || "Deal"}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <StatusBadge status={deal.status} />
            <span>{DEAL_TYPE_LABELS[deal.deal_type]}</span>
            {lead && (
              <span>
                · Seller{" "}
                <Link href={`/leads/${lead.id}`} className="text-brand-700 hover:underline dark:text-brand-100">
                  {lead.name}
                </Link>
              </span>
            )}
          </p>
          {deal.status === "cancelled" && deal.cancel_reason && <p className="mt-1 text-sm">Cancelled: {deal.cancel_reason}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          {can.write && (
            <div className="flex flex-wrap gap-2" role="group" aria-label="Deal status">
              {DEAL_TRANSITIONS[deal.status].map((to) => (
                <Button key={to} size="sm" variant={to === "closed" ? "primary" : to === "cancelled" ? "danger" : "secondary"} disabled={pending} onClick={() => (to === "cancelled" ? setCancelOpen(true) : move(to))}>
                  {ACTION_LABELS[to]}
                </Button>
              ))}
            </div>
          )}
          {can.delete && (
            <Button size="sm" variant="secondary" disabled={pending} onClick={() => setDeleteOpen(true)}>
              Delete deal
            </Button>
          )}
        </div>
      </header>
      {!can.write && <p className="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-800">You can read this deal; disposition managers change it.</p>}
      {statusError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {statusError}
        </p>
      )}

      <section aria-label="Results" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["Purchase price", money(f.purchase_price), "purchase"],
          [deal.deal_type === "wholesale" ? "Assignment fee" : "Sale price", money(deal.deal_type === "wholesale" ? f.assignment_fee : f.sale_price), "fee"],
          ["Profit", money(f.profit), "profit"],
          ["ROI", percent(f.roi), "roi"],
        ].map(([label, value, key]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
            <p className="text-xs text-slate-600 dark:text-slate-400">{label}</p>
            <p className="text-lg font-semibold" data-testid={`deal-${key}`}>
              {value}
            </p>
          </div>
        ))}
      </section>

      <div className="grid gap-4 lg:grid-cols-5">
        <div className="space-y-4 lg:col-span-3">
          <section aria-labelledby={`${id}-analyzer`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <h2 id={`${id}-analyzer`} className="font-semibold">
              Deal analyzer
            </h2>
            {a?.analyzed_at && <p className="text-xs text-slate-600 dark:text-slate-400">Saved {day(a.analyzed_at)} at a {a.offer_rule}% rule: MAO {money(a.mao)}.</p>}
            <div className="mt-3">
              <DealAnalyzer values={analysis} onChange={setAnalysis} offerRule={offerRule} contractPrice={f.purchase_price} errors={analysisErrors}>
                {can.write && (
                  <Button size="sm" variant="primary" disabled={pending} onClick={saveAnalysis}>
                    Save analysis with the deal
                  </Button>
                )}
              </DealAnalyzer>
            </div>
          </section>
          <DealDetailsForm key={deal.updated_at ?? deal.id} deal={deal} canWrite={can.write} onSaved={(message) => toast({ message })} />
          {children}
        </div>
        <div className="space-y-4 lg:col-span-2">
          <BuyerPicker dealId={deal.id} buyer={buyer} open={open} canWrite={can.write} onDone={(message) => toast({ message })} />
          <section aria-labelledby={`${id}-history`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <h2 id={`${id}-history`} className="font-semibold">
              History
            </h2>
            <ol className="mt-3 space-y-3" aria-label="Deal history, newest first">
              {timeline.length === 0 && <li className="text-sm text-slate-600 dark:text-slate-400">Nothing yet.</li>}
              {timeline.map((e) => (
                <li key={e.id} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
                  <p className="text-sm font-medium">{e.description}</p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {new Date(e.at).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone })} · by {e.actor}
                  </p>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>

      <Dialog
        open={deleteOpen}
        onClose={() => setDeleteOpen(false)}
        title="Delete this deal?"
        description={open ? "The deal, its financials and its documents are deleted for good, and the lead goes back to contacted. The activity log keeps a record." : "The deal, its financials and its documents are deleted for good. The activity log keeps a record."}
        footer={
          <>
            <Button onClick={() => setDeleteOpen(false)} disabled={pending}>
              Keep the deal
            </Button>
            <Button variant="danger" disabled={pending} onClick={remove}>
              {pending ? "Deleting…" : "Delete deal"}
            </Button>
          </>
        }
      >
        {deleteError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {deleteError}
          </p>
        ) : (
          <p className="text-sm">This cannot be undone. To keep the history of a deal that fell through, cancel it instead.</p>
        )}
      </Dialog>

      <Dialog
        open={cancelOpen}
        onClose={() => setCancelOpen(false)}
        title="Cancel this deal?"
        description="The lead goes back to contacted. Say why, for the history."
        footer={
          <>
            <Button onClick={() => setCancelOpen(false)} disabled={pending}>
              Keep the deal
            </Button>
            <Button variant="danger" disabled={pending} onClick={() => move("cancelled", reason)}>
              {pending ? "Cancelling…" : "Cancel deal"}
            </Button>
          </>
        }
      >
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
          Cancel reason
        </label>
        <textarea id={`${id}-reason`} rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={reasonError ? true : undefined} aria-describedby={reasonError ? `${id}-reason-error` : undefined} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" />
        {reasonError && (
          <p id={`${id}-reason-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {reasonError}
          </p>
        )}
      </Dialog>
    </div>
  );
}

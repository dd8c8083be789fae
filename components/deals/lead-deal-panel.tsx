"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { createDealAction } from "@/app/t/[host]/deals/actions";
import { DEAL_TYPES, type DealStatus, type DealType } from "@/models/deal-enums";
import { Button, buttonClass } from "@/components/ui/button";
import { DealAnalyzer, type AnalyzerValues } from "./deal-analyzer";
import { DEAL_TYPE_LABELS, StatusBadge } from "./format";
import { sendChecked } from "@/lib/core/actions/payload-size";

type Props = {
  leadId: string;
  estimatedValue: number | null;
  askingPrice: number | null;
  offerRule: number;
  deal: { id: string; status: DealStatus } | null;
  canCreate: boolean;
};

/**
 * The lead page's deal panel: the analyzer for anyone who can see the lead (reps included), and
 * for disposition managers and admins the button that opens the deal with it.
 */
export function LeadDealPanel({ leadId, estimatedValue, askingPrice, offerRule, deal, canCreate }: Props) {
  const id = useId();
  const router = useRouter();
  const [values, setValues] = useState<AnalyzerValues>({ arv: estimatedValue ? String(estimatedValue) : "", repairs: "", assignment_fee: "10000" });
  const [type, setType] = useState<DealType>("wholesale");
  const [price, setPrice] = useState(askingPrice ? String(askingPrice) : "");
  const [contractDate, setContractDate] = useState("");
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const contractPrice = price.trim() === "" ? null : Number(price.replace(/[$,\s]/g, ""));

  const create = () =>
    start(async () => {
      setError(null);
      setErrors({});
      const res = await sendChecked(createDealAction, { lead_id: leadId, deal_type: type, purchase_price: price, contract_date: contractDate, ...values });
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        return setError(res.error);
      }
      router.push(`/deals/${res.data.id}`);
    });

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-heading`} className="font-semibold">
          Deal analyzer
        </h2>
        {deal && (
          <span className="flex items-center gap-2 text-sm">
            <StatusBadge status={deal.status} />
            <Link href={`/deals/${deal.id}`} className={buttonClass("secondary", "sm")}>
              Open the deal
            </Link>
          </span>
        )}
      </div>
      <div className="mt-3">
        <DealAnalyzer values={values} onChange={setValues} offerRule={offerRule} contractPrice={Number.isFinite(contractPrice) ? contractPrice : null} errors={errors}>
          {canCreate && !deal && (
            <div className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800">
              <div className="grid gap-3 sm:grid-cols-3">
                <div>
                  <label htmlFor={`${id}-type`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
                    Deal type
                  </label>
                  <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as DealType)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
                    {DEAL_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {DEAL_TYPE_LABELS[t]}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={`${id}-price`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
                    Contract price with the seller
                  </label>
                  <input id={`${id}-price`} inputMode="numeric" value={price} onChange={(e) => setPrice(e.target.value)} aria-invalid={errors.purchase_price ? true : undefined} aria-describedby={errors.purchase_price ? `${id}-price-error` : undefined} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" />
                  {errors.purchase_price && (
                    <p id={`${id}-price-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                      {errors.purchase_price[0]}
                    </p>
                  )}
                </div>
                <div>
                  <label htmlFor={`${id}-date`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
                    Contract date
                  </label>
                  <input id={`${id}-date`} type="date" value={contractDate} onChange={(e) => setContractDate(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" />
                </div>
              </div>
              {error && (
                <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                  {error}
                  {errors.lead_id ? ` ${errors.lead_id[0]}.` : ""}
                </p>
              )}
              <Button variant="primary" onClick={create} disabled={pending}>
                {pending ? "Creating…" : "Create deal"}
              </Button>
            </div>
          )}
          {!canCreate && !deal && <p className="text-sm text-slate-600 dark:text-slate-400">A disposition manager opens the deal once the seller signs.</p>}
        </DealAnalyzer>
      </div>
    </section>
  );
}

"use client";
import Link from "next/link";
import { useEffect, useId, useState, useTransition } from "react";
import { assignDealBuyerAction, searchBuyerOptionsAction } from "@/app/t/[host]/deals/actions";
import type { BuyerOption } from "@/lib/deals/search-buyer-options";
import { Button } from "@/components/ui/button";
import { sendChecked } from "@/lib/core/actions/payload-size";

const label = (b: BuyerOption) => (b.company ? `${b.name} (${b.company})` : b.name);

/**
 * The deal's buyer: who it is assigned to, and a search over every buyer of the workspace (name,
 * company, phone or e-mail as you type) with an "Assign" button per result.
 */
export function BuyerPicker({ dealId, buyer, open, canWrite, onDone }: { dealId: string; buyer: BuyerOption | null; open: boolean; canWrite: boolean; onDone: (message: string, tone?: "error") => void }) {
  const id = useId();
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<BuyerOption[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    if (!canWrite || !open || q.trim().length < 2) return;
    const t = setTimeout(async () => {
      const res = await sendChecked(searchBuyerOptionsAction, { q }, { q: "Buyer search" });
      if (res.ok) setOptions(res.data);
      else setError(res.fieldErrors?.q?.[0] ?? res.error);
    }, 250);
    return () => clearTimeout(t);
  }, [q, canWrite, open]);

  const assign = (buyerId: string | undefined, name: string) =>
    start(async () => {
      setError(null);
      const res = await assignDealBuyerAction({ deal_id: dealId, buyer_id: buyerId ?? "" });
      if (!res.ok) {
        setError(res.fieldErrors?.buyer_id?.[0] ?? res.error);
        return;
      }
      setQ("");
      setOptions(null);
      onDone(buyerId ? `${name} assigned` : "Buyer unassigned");
    });

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={`${id}-heading`} className="font-semibold">
        Buyer
      </h2>
      <p className="mt-2 text-sm" data-testid="deal-buyer">
        {buyer ? (
          <>
            <Link href={`/buyers/${buyer.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
              {label(buyer)}
            </Link>
            {!buyer.active && " (inactive)"}
          </>
        ) : (
          "No buyer assigned yet."
        )}
      </p>
      {canWrite && open && buyer && (
        <Button size="sm" className="mt-2" disabled={pending} onClick={() => assign(undefined, label(buyer))}>
          Unassign
        </Button>
      )}
      {canWrite && open && (
        <div className="mt-3">
          <label htmlFor={`${id}-search`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Find any buyer
          </label>
          <input id={`${id}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, company, phone or e-mail" aria-describedby={error ? `${id}-error` : undefined} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" />
          {options && (
            <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label="Buyers found">
              {options.length === 0 && <li className="p-2 text-sm text-slate-600 dark:text-slate-400">No buyer found.</li>}
              {options.map((o) => (
                <li key={o.id} className="flex items-center justify-between gap-2 p-2 text-sm">
                  <span>
                    {label(o)}
                    {!o.active && <span className="text-slate-600 dark:text-slate-400"> · inactive</span>}
                  </span>
                  <Button size="sm" disabled={pending || o.id === buyer?.id} onClick={() => assign(o.id, label(o))} aria-label={`Assign ${label(o)}`}>
                    Assign
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}

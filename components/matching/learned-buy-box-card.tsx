"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/core/errors-response";
import type { LearnedBuyBox } from "@/lib/matching/learn-buy-box";
import { Button } from "@/components/ui/button";

const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;

/**
 * What the buyer's closed deals say about their box, where it contradicts what they told us, and
 * a button to widen it (the server recomputes the widening; the button only names the buyer).
 */
export function LearnedBuyBoxCard({
  buyerId,
  learned,
  canWrite,
  widen,
}: {
  buyerId: string;
  learned: LearnedBuyBox;
  canWrite: boolean;
  widen: (input: { buyer_id: string }) => Promise<ActionResult<{ widened: boolean }>>;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const w = learned.widening;
  const changes = w
    ? [
        ...learned.addLocationLabels.map((l) => `add ${l}`),
        ...w.add_types.map((t) => `add ${t.replaceAll("_", " ")}`),
        ...(w.price_range?.min !== undefined ? [`lower the minimum to ${money(w.price_range.min)}`] : []),
        ...(w.price_range?.max !== undefined ? [`raise the maximum to ${money(w.price_range.max)}`] : []),
      ]
    : [];
  return (
    <section aria-labelledby="learned-box-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="learned-box-heading" className="font-semibold">
        Learned buy box
      </h2>
      {learned.findings.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          {learned.closedDeals === 0 ? "No deals closed with us yet: nothing to learn from." : `Their ${learned.closedDeals === 1 ? "closed deal fits" : `${learned.closedDeals} closed deals fit`} the box they gave us.`}
        </p>
      ) : (
        <>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {learned.findings.map((f) => (
              <li key={f.code}>{f.message}</li>
            ))}
          </ul>
          {changes.length > 0 && (
            <p className="mt-2 text-sm">
              Suggested: {changes.join("; ")}.
            </p>
          )}
          {canWrite && w && (
            <Button
              size="sm"
              variant="primary"
              className="mt-3"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  setMessage(null);
                  const res = await widen({ buyer_id: buyerId });
                  if (!res.ok) return setMessage({ ok: false, text: res.error });
                  setMessage({ ok: true, text: res.data.widened ? "Buy box widened." : "The box already covers their deals." });
                  router.refresh();
                })
              }
            >
              {pending ? "Widening…" : "Widen the buy box"}
            </Button>
          )}
        </>
      )}
      <p role="status" aria-live="polite" className={`mt-2 text-sm ${message?.ok === false ? "text-red-700 dark:text-red-400" : "text-emerald-800 dark:text-emerald-300"}`}>
        {message?.text}
      </p>
    </section>
  );
}

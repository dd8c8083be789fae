"use client";
import { useState, useTransition } from "react";
import { assignDealBuyerAction } from "@/app/t/[host]/deals/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** The ranked buyers panel's "Assign" on the deal page (inside the deal page's toasts). */
export function AssignMatchButton({ dealId, buyerId, name, assigned }: { dealId: string; buyerId: string; name: string; assigned: boolean }) {
  const toast = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (assigned) return <span className="text-sm font-medium text-emerald-800 dark:text-emerald-200">Assigned</span>;
  return (
    <span className="flex items-center gap-2">
      <Button
        size="sm"
        disabled={pending}
        aria-label={`Assign ${name} to this deal`}
        onClick={() =>
          start(async () => {
            setError(null);
            const res = await assignDealBuyerAction({ deal_id: dealId, buyer_id: buyerId });
            if (!res.ok) return setError(res.fieldErrors?.buyer_id?.[0] ?? res.error);
            toast({ message: `${name} assigned` });
          })
        }
      >
        Assign
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}

"use client";

import { useState, useTransition } from "react";
import { resolveFlaggedReplyAction } from "@/app/t/[host]/settings/compliance/actions";
import { Button } from "@/components/ui/button";

/** Confirm a flagged reply as an opt-out, or keep the number textable. */
export function FlaggedReplyActions({ id, name }: { id: string; name: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const decide = (decision: "opt_out" | "keep") =>
    start(async () => {
      const r = await resolveFlaggedReplyAction({ id, decision });
      setError(r.ok ? null : r.error);
    });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="sm" variant="danger" disabled={pending} onClick={() => decide("opt_out")} aria-label={`Opt out ${name}`}>
        Opt out
      </Button>
      <Button size="sm" disabled={pending} onClick={() => decide("keep")} aria-label={`Keep texting ${name}`}>
        Not a stop
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </div>
  );
}

"use client";

import { useState } from "react";
import { subdomainProblem } from "@/lib/core/tenancy/host";
import { TextField } from "@/components/ui/field";

/** Goes to a workspace's sign-in by its address (`acme` → acme.dealcycle.com/signin). */
export function FindWorkspaceForm({ protocol, appDomain }: { protocol: string; appDomain: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = String(new FormData(event.currentTarget).get("workspace") ?? "").trim().toLowerCase();
        const sub = value.endsWith(`.${appDomain}`) ? value.slice(0, -appDomain.length - 1) : value;
        const problem = sub ? subdomainProblem(sub) : "Enter your workspace's address";
        if (problem) return setError(problem);
        // Another host: a full page load, not a client-side navigation.
        window.location.assign(`${protocol}://${sub}.${appDomain}/signin`); // eslint-disable-line @next/next/no-location-assign-relative-destination
      }}
    >
      <div className="flex-1">
        <TextField label="Your workspace" name="workspace" placeholder="yourcompany" autoComplete="off" error={error} hint={`.${appDomain}`} />
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-950">
        Go to sign-in
      </button>
    </form>
  );
}

"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/**
 * An unexpected failure inside a workspace page: the navigation stays, the page says what
 * happened and offers to try again. The reference lets support find the server's log entry.
 */
export default function WorkspaceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-start gap-3 py-12">
      <h1 className="text-xl font-semibold">This page could not be shown</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Something went wrong on our side. Try again; if it keeps happening, send your admin the reference below.
      </p>
      {error.digest && (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Reference: <code>{error.digest}</code>
        </p>
      )}
      <Button variant="primary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}

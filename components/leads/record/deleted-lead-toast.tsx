"use client";
import { useEffect, useRef } from "react";
import { createRoot, type Root } from "react-dom/client";
import type { useRouter } from "next/navigation";
import { restoreLeadsAction } from "@/app/t/[host]/leads/actions";
import { ToastProvider, useToast } from "@/components/ui/toast";

type Router = ReturnType<typeof useRouter>;
export type DeletedLead = { leadId: string; name: string; batchId: string };

let root: Root | null = null;
let shown = 0;

/**
 * "Deleted “X”" with Undo, shown while the browser moves from the lead page to the list. The lead
 * page (and any toast area inside it) goes away with the navigation, and the list's toasts belong
 * to the list, so this toast lives in a small React root of its own on <body>, which client-side
 * navigation leaves alone. A full page load ends it, like any toast.
 *
 * Undo calls the list's own restore action: a server action runs on the page it is called from
 * (the list, by then), and Next.js's forwarding of an action to the page that defines it goes to
 * an internal /t/... path, which proxy.ts refuses.
 */
export function showDeletedLeadToast(deleted: DeletedLead, router: Router): void {
  if (!root) {
    const host = document.createElement("div");
    host.dataset.toastHost = "lead-deleted";
    document.body.appendChild(host);
    root = createRoot(host);
  }
  shown += 1;
  root.render(
    <ToastProvider>
      <DeletedToast key={shown} deleted={deleted} router={router} />
    </ToastProvider>,
  );
}

function DeletedToast({ deleted, router }: { deleted: DeletedLead; router: Router }) {
  const toast = useToast();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    const name = deleted.name || "the lead";
    toast({
      message: `Deleted “${name}”.`,
      action: {
        label: "Undo",
        onClick: async () => {
          const res = await restoreLeadsAction({ batchId: deleted.batchId });
          if (!res.ok) return toast({ message: res.error, tone: "error" });
          toast({ message: `Restored “${name}”.`, action: { label: "Open lead", onClick: () => router.push(`/leads/${deleted.leadId}`) } });
          router.refresh();
        },
      },
    });
  }, [deleted, router, toast]);
  return null;
}

"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteLeadAction } from "@/app/t/[host]/leads/[id]/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { showDeletedLeadToast } from "./deleted-lead-toast";

/** Delete, after a confirmation; then the list, with Undo in a toast. */
export function DeleteLeadButton({ lead }: { lead: { id: string; name: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const close = () => {
    if (pending) return;
    setOpen(false);
    setError(null);
  };
  const confirm = () =>
    start(async () => {
      setError(null);
      const res = await deleteLeadAction({ lead_id: lead.id });
      if (!res.ok) return setError(res.error);
      showDeletedLeadToast({ leadId: lead.id, name: res.data.name, batchId: res.data.batchId }, router);
      router.push("/leads");
    });

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Delete “${lead.name}”?`}
        description="The lead leaves every list and its tags are counted again. Its notes, history and conversations are kept, so Undo, offered right after, brings it back as it was."
        footer={
          <>
            <Button onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirm} disabled={pending}>
              {pending ? "Deleting…" : "Delete lead"}
            </Button>
          </>
        }
      >
        {error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : (
          <p className="text-sm">You go back to the lead list.</p>
        )}
      </Dialog>
    </>
  );
}

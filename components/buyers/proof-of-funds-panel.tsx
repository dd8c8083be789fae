"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import type { BuyerRecord } from "@/lib/buyers/buyer-record";
import { Button } from "@/components/ui/button";
import { UploadFailed, uploadInPieces } from "@/components/uploads/upload-in-pieces";
import { shortDate } from "./format";

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** The buyer's proof of funds: the file, its expiry (valid or expired), and uploading a new one. */
export function ProofOfFundsPanel({ buyerId, proof, canWrite }: { buyerId: string; proof: BuyerRecord["proofOfFunds"]; canWrite: boolean }) {
  const id = useId();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const sent = useRef<{ file: File; id: string } | null>(null);
  return (
    <section aria-labelledby={`${id}-h`} className={card}>
      <h2 id={`${id}-h`} className="font-semibold">
        Proof of funds
      </h2>
      {proof ? (
        <p className="mt-2 text-sm">
          <a href={`/api/v1/buyers/${buyerId}/proof-of-funds`} className="text-brand-700 underline dark:text-brand-100">
            {proof.fileName ?? "Proof of funds"}
          </a>{" "}
          · {proof.valid ? <span className="text-emerald-800 dark:text-emerald-300">valid until {shortDate(proof.expiresAt)}</span> : <span className="font-semibold text-red-800 dark:text-red-300">expired {shortDate(proof.expiresAt)}</span>}
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">None on file.</p>
      )}
      {canWrite && (
        <form
          noValidate
          className="mt-3 grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const file = (form.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
            const expiresAt = (form.elements.namedItem("expires_at") as HTMLInputElement | null)?.value ?? "";
            setError(null);
            setErrors({});
            if (!file || file.size === 0) return setErrors({ file: "Choose the proof of funds file (PDF or image)" });
            setBusy(true);
            setProgress(0);
            try {
              // In pieces, like a deal's documents: a request through the proxy carries at most 10 MB.
              // The same file sent again after a refused date reuses its upload.
              const uploadId = sent.current?.file === file ? sent.current.id : await uploadInPieces(file, { onProgress: setProgress });
              sent.current = { file, id: uploadId };
              const res = await fetch(`/api/v1/buyers/${buyerId}/proof-of-funds`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ upload_id: uploadId, expires_at: expiresAt }) });
              const json = (await res.json().catch(() => null)) as { ok?: boolean; error?: { message?: string; fields?: Record<string, string[]> } | string } | null;
              if (!res.ok || !json?.ok) {
                const err = json?.error;
                const fields = (typeof err === "object" ? err?.fields : undefined) ?? {};
                // Only a refused date leaves the upload to send again; anything else used it up.
                if (!(Object.keys(fields).length === 1 && fields.expires_at)) sent.current = null;
                throw new UploadFailed(typeof err === "string" ? err : (err?.message ?? "The upload failed; nothing was changed."), fields);
              }
              sent.current = null;
              form.reset();
              router.refresh();
            } catch (err) {
              const failed = err instanceof UploadFailed ? err : new UploadFailed("The upload failed; nothing was changed.");
              setErrors(Object.fromEntries(Object.entries(failed.fields ?? {}).map(([k, v]) => [k, v[0]])));
              setError(failed.message);
            } finally {
              setBusy(false);
              setProgress(null);
            }
          }}
        >
          <div>
            <label htmlFor={`${id}-file`} className="text-sm font-semibold">
              {proof ? "Replace with" : "Upload"} (PDF or image)
            </label>
            <input id={`${id}-file`} name="file" type="file" accept="application/pdf,image/*" className="mt-1 block w-full text-sm" aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? `${id}-file-error` : undefined} />
            {errors.file && (
              <p id={`${id}-file-error`} role="alert" className="text-sm text-red-700 dark:text-red-300">
                {errors.file}
              </p>
            )}
          </div>
          <div>
            <label htmlFor={`${id}-exp`} className="text-sm font-semibold">
              Expires on
            </label>
            <input id={`${id}-exp`} name="expires_at" type="date" className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" aria-invalid={errors.expires_at ? true : undefined} aria-describedby={errors.expires_at ? `${id}-exp-error` : undefined} />
            {errors.expires_at && (
              <p id={`${id}-exp-error`} role="alert" className="text-sm text-red-700 dark:text-red-300">
                {errors.expires_at}
              </p>
            )}
          </div>
          <Button type="submit" size="sm" disabled={busy}>
            {busy ? "Uploading…" : "Upload"}
          </Button>
          {progress !== null && (
            <progress className="block h-2 w-full sm:col-span-3" max={1} value={progress} aria-label="Upload progress">
              {Math.round(progress * 100)}%
            </progress>
          )}
          {error && Object.keys(errors).length === 0 && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300 sm:col-span-3">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

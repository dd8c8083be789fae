"use client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import type { DealDocumentView } from "@/lib/deals/documents/deal-documents";
import { DEAL_DOCUMENT_TYPES, DEAL_DOCUMENT_TYPE_LABELS, type DealDocumentType } from "@/models/deal-enums";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { UploadFailed, uploadInPieces } from "@/components/uploads/upload-in-pieces";

type Props = {
  dealId: string;
  documents: DealDocumentView[];
  canWrite: boolean;
  /** The biggest file accepted, in bytes (FILE_MAX_MB). */
  maxBytes: number;
};

const ACCEPT = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.heic,.heif,.docx,.xlsx,application/pdf,image/*";

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const dateOf = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium" }) : "");

/** A deal's documents: the list (each a download link), upload with progress, and delete for those who may change the deal. */
export function DealDocuments({ dealId, documents, canWrite, maxBytes }: Props) {
  const id = useId();
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [type, setType] = useState<DealDocumentType>("contract");
  const [progress, setProgress] = useState<number | null>(null);
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<{ file?: string; type?: string; form?: string }>({});
  const [removing, setRemoving] = useState<DealDocumentView | null>(null);
  const [pending, start] = useTransition();
  const busy = pending || progress !== null;

  const upload = async (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    const file = fileRef.current?.files?.[0];
    if (!file) return setErrors({ file: "Choose a file to upload." });
    if (file.size === 0) return setErrors({ file: "The file is empty." });
    if (file.size > maxBytes) return setErrors({ file: `The file is ${formatBytes(file.size)}; the most one upload takes is ${formatBytes(maxBytes)}.` });
    setProgress(0);
    setStatus(`Uploading ${file.name}…`);
    try {
      const uploadId = await uploadInPieces(file, { onProgress: setProgress });
      setStatus("Checking the file…");
      const res = await fetch(`/api/v1/deals/${dealId}/documents`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ upload_id: uploadId, type }) });
      const body = (await res.json().catch(() => ({}))) as { document?: DealDocumentView; error?: { message?: string; fields?: Record<string, string[]> } };
      if (!res.ok) throw new UploadFailed(body.error?.message ?? "The upload failed. Try again.", body.error?.fields);
      setStatus(`${body.document?.name ?? file.name} uploaded.`);
      if (fileRef.current) fileRef.current.value = "";
      start(() => router.refresh());
    } catch (err) {
      const failed = err instanceof UploadFailed ? err : new UploadFailed("The upload failed. Try again.");
      setStatus("");
      setErrors({ file: failed.fields?.file?.[0] ?? (failed.fields?.type ? undefined : failed.message), type: failed.fields?.type?.[0] });
    } finally {
      setProgress(null);
    }
  };

  const remove = (doc: DealDocumentView) =>
    start(async () => {
      const res = await fetch(`/api/v1/deals/${dealId}/documents/${doc.id}`, { method: "DELETE" });
      if (!res.ok && res.status !== 404) {
        const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        setErrors({ form: body.error?.message ?? "The document could not be deleted. Try again." });
      } else setStatus(`${doc.name} deleted.`);
      setRemoving(null);
      router.refresh();
    });

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="deal-documents">
      <h2 id={`${id}-title`} className="font-semibold">
        Documents
      </h2>
      {documents.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No documents yet{canWrite ? ": upload the contract, photos or the buyer's proof of funds." : "."}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 dark:divide-slate-800" aria-label="Documents of this deal">
          {documents.map((doc) => (
            <li key={doc.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                {doc.href ? (
                  <a href={doc.href} download className="break-all font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {doc.name}
                    <span className="sr-only"> (download)</span>
                  </a>
                ) : (
                  <span className="break-all font-medium">{doc.name}</span>
                )}
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {[doc.typeLabel, formatBytes(doc.size), dateOf(doc.uploadedAt)].filter(Boolean).join(" · ")}
                </p>
              </div>
              {canWrite && doc.href && (
                <Button size="sm" variant="ghost" disabled={busy} onClick={() => setRemoving(doc)} aria-label={`Delete ${doc.name}`}>
                  Delete
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}

      {canWrite && (
        <form onSubmit={upload} noValidate className="mt-4 grid gap-3 border-t border-slate-200 pt-4 sm:grid-cols-[10rem_1fr_auto] sm:items-end dark:border-slate-800">
          <div>
            <label htmlFor={`${id}-type`} className="block text-sm font-medium">
              Document type
            </label>
            <select
              id={`${id}-type`}
              value={type}
              onChange={(e) => setType(e.target.value as DealDocumentType)}
              aria-invalid={errors.type ? true : undefined}
              aria-describedby={errors.type ? `${id}-type-error` : undefined}
              className="mt-1 block h-10 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              {DEAL_DOCUMENT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {DEAL_DOCUMENT_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
            {errors.type && (
              <p id={`${id}-type-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                {errors.type}
              </p>
            )}
          </div>
          <div>
            <label htmlFor={`${id}-file`} className="block text-sm font-medium">
              File
            </label>
            <input
              ref={fileRef}
              id={`${id}-file`}
              name="file"
              type="file"
              accept={ACCEPT}
              aria-invalid={errors.file ? true : undefined}
              aria-describedby={`${id}-file-hint${errors.file ? ` ${id}-file-error` : ""}`}
              className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100"
            />
            <p id={`${id}-file-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              PDF, image (PNG, JPEG, GIF, WebP, HEIC), Word or Excel; up to {formatBytes(maxBytes)}.
            </p>
            {errors.file && (
              <p id={`${id}-file-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                {errors.file}
              </p>
            )}
          </div>
          <Button type="submit" variant="primary" disabled={busy}>
            {progress !== null ? "Uploading…" : "Upload"}
          </Button>
        </form>
      )}
      {progress !== null && (
        <progress className="mt-3 block h-2 w-full" max={1} value={progress} aria-label="Upload progress">
          {Math.round(progress * 100)}%
        </progress>
      )}
      <p role="status" aria-live="polite" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        {status}
      </p>
      {errors.form && (
        <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {errors.form}
        </p>
      )}

      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title="Delete this document?"
        description={removing ? `${removing.name} is deleted for everyone in your company.` : undefined}
        footer={
          <>
            <Button onClick={() => setRemoving(null)} disabled={pending}>
              Keep it
            </Button>
            <Button variant="danger" disabled={pending} onClick={() => removing && remove(removing)}>
              {pending ? "Deleting…" : "Delete document"}
            </Button>
          </>
        }
      >
        <span />
      </Dialog>
    </section>
  );
}

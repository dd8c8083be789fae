"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { ImportPreview, ImportView } from "@/lib/leads/import/imports";
import { IMPORT_TARGETS } from "@/lib/leads/import/targets";
import { BUYER_IMPORT_TARGETS } from "@/lib/buyers/import/buyer-targets";
import type { Assignee } from "@/lib/leads/write/list-assignees";
import { analyzeImportAction, cancelImportAction, createImportAction, previewImportAction, resumeImportAction, startImportAction } from "@/app/t/[host]/leads/import/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { sendChecked } from "@/lib/core/actions/payload-size";

const MAX_BYTES = 50 * 1024 * 1024;
const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

type Settings = { dedupe: "skip" | "update" | "create"; source: string; tags: string; assign_to: string };

function ProgressView({ imp }: { imp: ImportView }) {
  const p = imp.progress;
  const pct = imp.rowCount ? Math.round((p.next_row / imp.rowCount) * 100) : 0;
  const done = ["completed", "failed", "cancelled"].includes(imp.status);
  return (
    <div className="space-y-2" aria-live="polite">
      <p className="text-sm font-medium" data-testid="import-status">
        {imp.status === "completed" ? "Import finished" : imp.status === "failed" ? "Import stopped" : imp.status === "cancelled" ? "Import cancelled" : imp.status === "queued" ? "Waiting for the worker…" : `Importing… ${pct}%`}
      </p>
      <progress className="h-2 w-full" max={100} value={done ? 100 : pct} aria-label="Import progress" />
      <p className="text-sm" data-testid="import-counts">
        {p.created} created · {p.updated} updated · {p.skipped} skipped · {p.rejected} not imported · {p.next_row} of {imp.rowCount} rows read
        {p.warned > 0 && ` · ${p.warned} imported with a value left out (see the report)`}
      </p>
      {imp.limitReached && <p className="text-sm font-medium text-red-700">Your plan&apos;s lead limit was reached: the rows after it were not imported (they are in the report).</p>}
      {imp.error && <p className="text-sm text-red-700">{imp.error}</p>}
      {done && p.skipped + p.rejected + p.warned > 0 && (
        <a className={buttonClass("secondary", "sm")} href={`/api/v1/imports/${imp.id}/report`} download>
          Download rows not imported ({p.skipped + p.rejected}){p.warned > 0 && ` and rows with warnings (${p.warned})`}
        </a>
      )}
    </div>
  );
}

/** Upload → check the columns → import in the background, with progress and a report of what was not imported. */
export function ImportWizard({ recent, customFields, assignees, kind = "leads" }: { recent: ImportView[]; customFields: { key: string; label: string }[]; assignees: Assignee[]; kind?: "leads" | "buyers" }) {
  const buyers = kind === "buyers";
  const noun = buyers ? "buyer" : "lead";
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<{ column: number; target: string }[]>([]);
  const [settings, setSettings] = useState<Settings>({ dedupe: "skip", source: "", tags: "", assign_to: "" });
  const [running, setRunning] = useState<ImportView | null>(null);
  const [mappingErrors, setMappingErrors] = useState<Record<string, string[]>>({});

  // Progress by polling: the job runs in the worker, whether or not this page stays open.
  useEffect(() => {
    if (!running || ["completed", "failed", "cancelled"].includes(running.status)) return;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/v1/imports/${running.id}`, { cache: "no-store" });
      if (res.ok) setRunning(await res.json());
    }, 1000);
    return () => clearInterval(timer);
  }, [running]);

  const upload = (file: File) =>
    start(async () => {
      setError(null);
      setPreview(null);
      setRunning(null);
      if (file.size > MAX_BYTES) return setError(`The file is ${(file.size / 1048576).toFixed(1)} MB; the most an import takes is 50 MB. Split the list into smaller files.`);
      const created = await createImportAction({ file_name: file.name, file_size: file.size, kind });
      if (!created.ok) return setError(created.error);
      const { id, chunkSize } = created.data;
      const pieces = Math.max(1, Math.ceil(file.size / chunkSize));
      for (let seq = 0; seq < pieces; seq++) {
        setUploading(`Uploading… ${Math.round((seq / pieces) * 100)}%`);
        const res = await fetch(`/api/v1/imports/${id}/chunks/${seq}`, { method: "PUT", body: file.slice(seq * chunkSize, (seq + 1) * chunkSize) });
        if (!res.ok) {
          setUploading(null);
          return setError(((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? "The upload failed. Try again.");
        }
      }
      setUploading("Reading the file…");
      const analyzed = await analyzeImportAction({ import_id: id, chunk_count: pieces });
      setUploading(null);
      if (!analyzed.ok) return setError(analyzed.error);
      setPreview(analyzed.data);
      setMapping(analyzed.data.import.mapping.map((m) => ({ column: m.column, target: m.target })));
    });

  const payload = () => ({
    import_id: preview!.import.id,
    mapping,
    dedupe: settings.dedupe,
    source: settings.source,
    tags: settings.tags.split(",").map((t) => t.trim()).filter(Boolean),
    assign_to: settings.assign_to,
  });

  const refresh = () =>
    start(async () => {
      const res = await sendChecked(previewImportAction, payload());
      if (res.ok) setPreview(res.data);
      else setError(res.error);
    });

  const begin = () =>
    start(async () => {
      setError(null);
      setMappingErrors({});
      const res = await sendChecked(startImportAction, payload());
      if (!res.ok) {
        setMappingErrors(res.fieldErrors ?? {});
        return setError(res.error);
      }
      setPreview(null);
      setRunning(res.data);
    });

  const targets = buyers ? BUYER_IMPORT_TARGETS.map((t) => ({ value: t.value as string, label: t.label })) : [...IMPORT_TARGETS.map((t) => ({ value: t.value as string, label: t.label })), ...customFields.map((f) => ({ value: `custom:${f.key}`, label: `Field: ${f.label}` }))];

  return (
    <div className="mt-6 space-y-6">
      {!preview && !running && (
        <section className="rounded-lg border border-dashed border-slate-300 bg-white p-6 dark:border-slate-700 dark:bg-slate-900">
          <label htmlFor="import-file" className="block text-sm font-medium">
            CSV file (up to 50 MB)
          </label>
          <input id="import-file" type="file" accept=".csv,.txt,text/csv" disabled={pending} onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])} className="mt-2 block text-sm" />
          {uploading && (
            <p role="status" className="mt-2 text-sm">
              {uploading}
            </p>
          )}
        </section>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {error}
          {mappingErrors.mapping && <span className="block">{mappingErrors.mapping.join(" ")}</span>}
        </p>
      )}
      {preview && (
        <section aria-labelledby="mapping-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="mapping-heading" className="font-semibold">
            {preview.import.fileName}: {preview.import.rowCount.toLocaleString("en-US")} rows · <span data-testid="preview-valid">{preview.valid.toLocaleString("en-US")} ready</span>
            {preview.warned > 0 && <span data-testid="preview-warned"> (of which {preview.warned.toLocaleString("en-US")} with a value left out)</span>} · {preview.invalid.toLocaleString("en-US")} with problems
            {preview.checked < preview.import.rowCount && <span className="font-normal"> in the first {preview.checked.toLocaleString("en-US")} rows (the import checks every row)</span>}
          </h2>
          {preview.numberColumns.some((c) => c.warning) && (
            <ul className="space-y-1 text-sm font-medium text-amber-800 dark:text-amber-300" data-testid="number-warnings">
              {preview.numberColumns.filter((c) => c.warning).map((c) => (
                <li key={c.column}>{c.warning}</li>
              ))}
            </ul>
          )}
          {!buyers && preview.valid > preview.capacity.remaining && (
            <p className="text-sm font-medium text-red-700">
              Your plan has room for {preview.capacity.remaining.toLocaleString("en-US")} more leads ({preview.capacity.used.toLocaleString("en-US")} of {preview.capacity.max.toLocaleString("en-US")} used): the import will stop there and report the rest.
            </p>
          )}
          <div className="relative overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Columns of the file and where each goes</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col" className="p-2">Column in file</th>
                  <th scope="col" className="p-2">Example</th>
                  <th scope="col" className="p-2">Reads as</th>
                  <th scope="col" className="p-2">Import into</th>
                </tr>
              </thead>
              <tbody>
                {preview.import.headers.map((h, column) => (
                  <tr key={column} className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="p-2 text-left font-medium">{h}</th>
                    <td className="max-w-xs truncate p-2 text-slate-700 dark:text-slate-300">{preview.rows.find((r) => r.cells[column])?.cells[column] ?? ""}</td>
                    <td className="whitespace-nowrap p-2 text-slate-700 dark:text-slate-300" data-testid={`reads-as-${column}`}>
                      {preview.numberColumns.find((c) => c.column === column)?.readAs ?? ""}
                    </td>
                    <td className="p-2">
                      <select
                        aria-label={`Import "${h}" into`}
                        className={selectClass}
                        value={mapping.find((m) => m.column === column)?.target ?? "ignore"}
                        onChange={(e) => setMapping(mapping.map((m) => (m.column === column ? { ...m, target: e.target.value } : m)))}
                      >
                        {targets.map((t) => (
                          <option key={t.value} value={t.value}>
                            {t.label}
                          </option>
                        ))}
                      </select>
                      {mappingErrors[`mapping.${column}`] && <span className="ml-2 text-red-700">{mappingErrors[`mapping.${column}`][0]}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="grid gap-4 sm:grid-cols-4">
            <label className="flex flex-col text-sm">
              <span className="font-medium">Duplicates (same phone{buyers ? " or e-mail" : ", e-mail or address"})</span>
              <select className={selectClass} value={settings.dedupe} onChange={(e) => setSettings({ ...settings, dedupe: e.target.value as Settings["dedupe"] })}>
                <option value="skip">Skip them</option>
                <option value="update">Update the existing {noun}</option>
                <option value="create">Create them anyway</option>
              </select>
            </label>
            {!buyers && (<label className="flex flex-col text-sm">
              <span className="font-medium">Source for these leads</span>
              <input className={selectClass} value={settings.source} maxLength={50} onChange={(e) => setSettings({ ...settings, source: e.target.value })} placeholder="propstream" />
            </label>)}
            <label className="flex flex-col text-sm">
              <span className="font-medium">Tags for these {noun}s</span>
              <input className={selectClass} value={settings.tags} onChange={(e) => setSettings({ ...settings, tags: e.target.value })} placeholder="absentee, march list" />
            </label>
            {!buyers && assignees.length > 0 && (
              <label className="flex flex-col text-sm">
                <span className="font-medium">Assign to</span>
                <select className={selectClass} value={settings.assign_to} onChange={(e) => setSettings({ ...settings, assign_to: e.target.value })}>
                  <option value="">Nobody</option>
                  {assignees.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <div>
            <h3 className="text-sm font-semibold">Preview</h3>
            <ul className="mt-2 divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="preview-rows">
              {preview.rows.map((r) => (
                <li key={r.row} className="py-1.5">
                  <span className="text-slate-600 dark:text-slate-400">Row {r.row + 2}: </span>
                  {r.ok ? (
                    <span>
                      {r.name} · {r.phone}
                      {r.address ? ` · ${r.address}` : ""}
                      {r.numbers ? ` · ${r.numbers}` : ""}
                      {r.warnings.length > 0 && <span className="block text-amber-800 dark:text-amber-300">{r.warnings.join("; ")}</span>}
                    </span>
                  ) : (
                    <span className="text-red-700 dark:text-red-400">{r.reason}</span>
                  )}
                </li>
              ))}
            </ul>
          </div>
          <div className="flex gap-2">
            <Button onClick={refresh} disabled={pending}>
              Update preview
            </Button>
            <Button variant="primary" onClick={begin} disabled={pending}>
              Import {(preview.checked < preview.import.rowCount ? preview.import.rowCount : preview.valid).toLocaleString("en-US")} rows
            </Button>
            <Button variant="ghost" onClick={() => start(async () => void (await cancelImportAction({ import_id: preview.import.id }), setPreview(null)))}>
              Cancel
            </Button>
          </div>
        </section>
      )}
      {running && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="mb-2 font-semibold">{running.fileName}</h2>
          <ProgressView imp={running} />
          <div className="mt-3 flex gap-2">
            {running.status === "failed" && (
              <Button onClick={() => start(async () => { const r = await resumeImportAction({ import_id: running.id }); if (r.ok) setRunning(r.data); })}>Resume</Button>
            )}
            {["completed", "failed", "cancelled"].includes(running.status) && (
              <Button onClick={() => setRunning(null)}>Import another file</Button>
            )}
          </div>
        </section>
      )}
      {recent.length > 0 && (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="font-semibold">
            Recent imports
          </h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {recent.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <span>
                  <span className="font-medium">{i.fileName}</span> ·{" "}
                  {i.status === "uploading" || i.status === "ready" ? (
                    // Waiting files count against the upload limits until started or discarded (or deleted after a day).
                    <>not started{i.status === "uploading" ? " (upload unfinished)" : ""} · kept for a day</>
                  ) : (
                    <>
                      {i.status} · {i.progress.created} created, {i.progress.updated} updated, {i.progress.skipped + i.progress.rejected} not imported
                      {i.progress.warned > 0 && `, ${i.progress.warned} with warnings`}
                    </>
                  )}
                </span>
                <span className="flex gap-2">
                  {(i.status === "uploading" || i.status === "ready") && (
                    <Button size="sm" variant="ghost" disabled={pending} onClick={() => start(async () => void (await cancelImportAction({ import_id: i.id }), router.refresh()))}>
                      Discard
                    </Button>
                  )}
                  {["queued", "running", "failed"].includes(i.status) && (
                    <Button size="sm" onClick={() => setRunning(i)}>
                      Show progress
                    </Button>
                  )}
                  {i.progress.skipped + i.progress.rejected + i.progress.warned > 0 && (
                    <a className={buttonClass("secondary", "sm")} href={`/api/v1/imports/${i.id}/report`} download>
                      Report
                    </a>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

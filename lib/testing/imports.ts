// Running a CSV import in tests the way the browser does: the file uploaded in the import's
// pieces, analyzed (automatic mapping and preview), started and worked to its end.
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { analyzeImport, createImport, getImportOrThrow, rejectedRowsCsv, startImport, storeImportChunk, type ImportSettings } from "@/lib/leads/import/imports";
import { processLeadImport, type ProcessOptions } from "@/lib/leads/import/process-import";

type ImportOptions = { kind?: "leads" | "buyers"; fileName?: string; timeZone?: string };

const bytesOf = (file: string | Uint8Array) => (typeof file === "string" ? new TextEncoder().encode(file) : file);

/** Uploads the file in pieces and analyzes it: its id and preview. */
export async function uploadImport(ctx: TenantContext, file: string | Uint8Array, { kind, fileName, timeZone }: ImportOptions = {}) {
  const bytes = bytesOf(file);
  const { id, chunkSize } = await createImport(ctx, { file_name: fileName ?? (kind === "buyers" ? "buyers.csv" : "leads.csv"), file_size: bytes.length, ...(kind ? { kind } : {}) });
  let seq = 0;
  for (let at = 0; at < bytes.length || seq === 0; at += chunkSize) await storeImportChunk(ctx, id, seq++, bytes.subarray(at, at + chunkSize));
  return { id, preview: await analyzeImport(ctx, id, seq, timeZone) };
}

/** Uploads, analyzes, starts with the automatic mapping (unless settings say otherwise) and runs the import. */
export async function runImport(ctx: TenantContext, file: string | Uint8Array, settings: Partial<ImportSettings> = {}, options: ImportOptions & { process?: ProcessOptions } = {}) {
  const { id, preview } = await uploadImport(ctx, file, options);
  await startImport(ctx, { import_id: id, mapping: preview.import.mapping, dedupe: "skip", tags: [], ...settings }, options.timeZone);
  await processLeadImport(ctx.tenantId, id, options.process);
  return { id, preview, view: await getImportOrThrow(ctx, id) };
}

/** The import's rejected-rows report, as the user downloads it (byte-order mark included). */
export async function rejectedReportText(ctx: TenantContext, id: string): Promise<string> {
  let text = "";
  for await (const part of rejectedRowsCsv(ctx, id)) text += part;
  return text;
}

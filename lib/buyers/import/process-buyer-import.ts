import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext, type TenantContext } from "@/lib/core/db/tenant-context";
import { derivedObjectId, insertIgnoringDuplicates } from "@/lib/leads/import/derived-id";
import { importRows, openImportFile, recordProblem } from "@/lib/leads/import/read-file";
import type { CsvRecord } from "@/lib/leads/import/csv/parse-csv";
import type { ColumnMapping } from "@/lib/leads/import/targets";
import { Buyer } from "@/models/buyer";
import { LeadImport, LeadImportChunk, LeadImportRow } from "@/models/lead-import";
import { mapBuyerRow, type BuyerImportDoc } from "./buyer-targets";
import { loadTagResolver } from "@/lib/tags/resolve-tag-names";

const BATCH = 500;
// An existing buyer keeps its stored price bounds here, so an update that would leave min > max is a rejected row.
type Entry = { id: string; row?: number; name: string; min?: number | null; max?: number | null };

/**
 * Runs (or resumes) a buyer import: the lead import's pipeline (stored file, batches committed with
 * progress saved after each, ids derived from the import and the row so a re-run batch adds
 * nothing twice, the report of rows not imported), with buyer rows. Duplicates are found by phone,
 * then e-mail, among the tenant's buyers and the file's earlier rows: skipped, updated (the file's
 * values win, a blank cell keeps the stored value, tags and locations are added) or created anyway.
 */
export async function processBuyerImport(tenantId: string, importId: string, opts: { batchSize?: number } = {}): Promise<string> {
  const base = systemContext(tenantId, "import", importId);
  const imports = scoped(base, LeadImport);
  const imp = await imports.findById(importId).lean();
  if (!imp || !["queued", "running"].includes(imp.status)) return imp?.status ?? "missing";
  const ctx: TenantContext = {
    tenantId,
    actor: { kind: "system", source: "import", ref: importId, label: `Import of ${imp.file_name}` },
    userId: imp.user_id ? String(imp.user_id) : undefined,
    ip: imp.ip_address ?? undefined,
    userAgent: imp.user_agent ?? undefined,
    permissions: ["buyers.read", "buyers.write"],
  };
  const startedAt = (imp.created_at as unknown as Date) ?? new Date();
  await imports.updateOne({ _id: imp._id }, { $set: { status: "running", started_at: imp.started_at ?? new Date(), error: undefined } });
  const file = await openImportFile(base, imp);
  const reader = importRows(file);
  const mapping = (imp.mapping ?? []) as unknown as ColumnMapping[];
  const options = (imp.options ?? {}) as { dedupe?: string; tags?: string[] };
  const dedupe = options.dedupe ?? "skip";
  const extraTags = options.tags ?? [];
  // Tag names become the catalogue's look-alikes ("Absentee Owner" → "absentee-owner"), as for leads;
  // a new name joins the catalogue through the tag-usage subscriber.
  const resolveTags = await loadTagResolver(ctx);

  const index = new Map<string, Entry>();
  for await (const b of scoped(ctx, Buyer).find({}, { name: 1, phone: 1, email: 1, price_range: 1 }).lean().cursor()) {
    const entry: Entry = { id: String(b._id), name: b.name ?? "", min: b.price_range?.min, max: b.price_range?.max };
    if (b.phone && !index.has(`p:${b.phone}`)) index.set(`p:${b.phone}`, entry);
    if (b.email && !index.has(`e:${b.email}`)) index.set(`e:${b.email}`, entry);
  }

  const progress = { next_row: 0, created: 0, updated: 0, skipped: 0, rejected: 0, warned: 0, ...(imp.progress ?? {}) };
  for (let row = 0; row < progress.next_row; row++) if ((await reader.next()).done) break;
  const batchSize = opts.batchSize ?? BATCH;
  let cancelled = false;
  for (;;) {
    const start = progress.next_row;
    const batch: CsvRecord[] = [];
    while (batch.length < batchSize) {
      const next = await reader.next();
      if (next.done) break;
      batch.push(next.value.record);
    }
    if (!batch.length) break;
    cancelled ||= (await imports.findById(importId, { cancel_requested: 1 }).lean())?.cancel_requested === true;
    const counts = { created: 0, updated: 0, skipped: 0, rejected: 0, warned: 0 };
    const created: Record<string, unknown>[] = [];
    const updates: { id: string; buyer: BuyerImportDoc }[] = [];
    const reportRows: Record<string, unknown>[] = [];
    const report = (row: number, line: number, outcome: "rejected" | "skipped" | "warned", reason: string, cells: string[]) => {
      counts[outcome] += 1;
      reportRows.push({ _id: derivedObjectId(startedAt, importId, row, "row"), import_id: imp._id, row, line, outcome, reason: reason.slice(0, 2000), cells: cells.slice(0, file.headers.length + 5) });
    };
    batch.forEach((record, i) => {
      const row = start + i;
      if (cancelled) return report(row, record.line, "rejected", "Not imported: the import was cancelled before this row.", record.cells);
      const problem = recordProblem(record, file.headers);
      if (problem) return report(row, record.line, "rejected", problem, record.cells);
      const mapped = mapBuyerRow(record.cells, mapping, file.headers);
      if (!mapped.ok) return report(row, record.line, "rejected", mapped.reason, record.cells);
      const buyer = mapped.buyer;
      buyer.tags = resolveTags([...buyer.tags, ...extraTags]);
      const warn = () => mapped.warnings.length && report(row, record.line, "warned", mapped.warnings.join("; "), record.cells);
      const ownId = String(derivedObjectId(startedAt, importId, row, "buyer"));
      const byPhone = index.get(`p:${buyer.phone}`);
      const match = byPhone ?? (buyer.email ? index.get(`e:${buyer.email}`) : undefined);
      if (match?.id === ownId) {
        counts.created += 1;
        return warn();
      }
      if (match && dedupe !== "create") {
        const what = match.row !== undefined ? `row ${match.row + 2} of this file` : `the existing buyer "${match.name}"`;
        if (dedupe === "skip" || match.row !== undefined) return report(row, record.line, "skipped", `Duplicate of ${what} (same ${byPhone ? "phone" : "e-mail"})`, record.cells);
        // Bounds the file leaves blank keep their stored value, so the pair must still be in order.
        const min = buyer.price_range?.min ?? match.min;
        const max = buyer.price_range?.max ?? match.max;
        if (min != null && max != null && min > max) {
          const which = buyer.price_range?.min != null ? "minimum" : "maximum";
          return report(row, record.line, "rejected", `Price range: the ${which} would leave the minimum (${min.toLocaleString("en-US")}) above the maximum (${max.toLocaleString("en-US")}) of the existing buyer "${match.name}"`, record.cells);
        }
        match.min = min;
        match.max = max;
        updates.push({ id: match.id, buyer });
        counts.updated += 1;
        return warn();
      }
      created.push({ ...buyer, _id: derivedObjectId(startedAt, importId, row, "buyer") });
      const entry = { id: ownId, row, name: buyer.name };
      if (!index.has(`p:${buyer.phone}`)) index.set(`p:${buyer.phone}`, entry);
      if (buyer.email && !index.has(`e:${buyer.email}`)) index.set(`e:${buyer.email}`, entry);
      counts.created += 1;
      warn();
    });

    if (created.length) await insertIgnoringDuplicates(() => scoped(ctx, Buyer).insertMany(created, { ordered: false, eventMeta: { import_id: importId, file_name: imp.file_name } }));
    if (reportRows.length) await insertIgnoringDuplicates(() => scoped(ctx, LeadImportRow).insertMany(reportRows, { ordered: false }));
    for (const u of updates) {
      const { tags, preferred_locations, property_types, price_range, ...rest } = u.buyer;
      // Each bound the file gives, on its own path: a file with only a minimum keeps the stored maximum.
      const bounds = Object.fromEntries(Object.entries(price_range ?? {}).map(([k, v]) => [`price_range.${k}`, v]));
      await scoped(ctx, Buyer).updateOne(
        { _id: u.id },
        { $set: { ...rest, ...bounds }, $addToSet: { tags: { $each: tags }, preferred_locations: { $each: preferred_locations }, property_types: { $each: property_types } } },
        { eventMeta: { import_id: importId, file_name: imp.file_name } },
      );
    }
    progress.next_row = start + batch.length;
    for (const k of ["created", "updated", "skipped", "rejected", "warned"] as const) progress[k] += counts[k];
    await imports.updateOne({ _id: imp._id }, { $set: { progress } });
  }
  await recordActivity(ctx, {
    type: "buyers_imported",
    description: `Imported ${imp.file_name}: ${progress.created} buyers created, ${progress.updated} updated, ${progress.skipped} skipped, ${progress.rejected} not imported${cancelled ? " (cancelled)" : ""}`,
    metadata: { import_id: importId, ...progress, cancelled },
  });
  const status = cancelled ? "cancelled" : "completed";
  await imports.updateOne({ _id: imp._id }, { $set: { status, finished_at: new Date() } });
  await scoped(ctx, LeadImportChunk).deleteMany({ import_id: imp._id });
  return status;
}

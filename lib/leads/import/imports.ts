import "server-only";
import { Types } from "mongoose";
import { z } from "zod";
import { can, requirePermission } from "@/lib/core/permissions";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { objectIdSchema, shortText } from "@/lib/zod/fields";
import { tagNameSchema } from "@/lib/zod/schemas/tag";
import { DEDUPE_MODES, LeadImport, LeadImportChunk, LeadImportRow } from "@/models/lead-import";
import { getLeadCapacity } from "../capacity";
import { assertAssignee } from "../write/lead-changes";
import { autoMapColumns } from "./auto-map";
import { mapRow } from "./map-row";
import { readNumberColumnCells } from "./number-column-cells";
import { dateOrdersOf } from "./date-columns";
import { checkNumberColumns, decimalMarksOf, describeNumbers, lotSizeByValues, unitlessLotSize, type NumberColumnCheck } from "./number-columns";
import { enqueueLeadImport } from "./queue";
import { assertChunkFits, checkDeclaredSize, chunkSlots, UPLOAD_CHUNK_BYTES } from "@/lib/uploads/limits";
import { withUploadRoom } from "@/lib/uploads/room";
import { insertIgnoringDuplicates } from "./derived-id";
import { checkImportFile, chunkId, importRows, MAX_FILE_BYTES, openImportFile, recordProblem } from "./read-file";
import { abandonedBefore, pendingImportUploads, PENDING_IMPORT_STATUSES } from "./upload-quota";
import { isKnownTarget, MULTI_TARGETS, type ColumnMapping } from "./targets";
import type { Permission } from "@/lib/core/permissions";
import { autoMapBuyerColumns, BUYER_MULTI_TARGETS, isBuyerTarget, mapBuyerRow } from "@/lib/buyers/import/buyer-targets";
import { labelOfLocationKey } from "@/lib/buyers/locations";

// An import's rows become leads, or cash buyers (kind "buyers"): the same upload, analysis,
// preview, background run and report; the mapping, row reading and permission differ.
export const IMPORT_KINDS = ["leads", "buyers"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
const IMPORT_PERMISSION: Record<ImportKind, Permission> = { leads: "leads.import", buyers: "buyers.write" };
const kindOf = (imp: { kind?: string | null }): ImportKind => (imp.kind === "buyers" ? "buyers" : "leads");

/** The person may import something (leads or buyers); which kind is checked once the import is read. */
function requireSomeImport(ctx: TenantContext): void {
  if (!can(ctx, "leads.import") && !can(ctx, "buyers.write")) requirePermission(ctx, "leads.import");
}

export const createImportSchema = z.object({
  file_name: z.string().trim().min(1, "Choose a file").max(255),
  file_size: z.coerce.number().int().min(1, "The file is empty.").max(MAX_FILE_BYTES, "The most an import takes is 50 MB. Split the list into smaller files."),
  kind: z.enum(IMPORT_KINDS, { error: "Import leads or buyers" }).default("leads"),
});

export const importSettingsSchema = z.object({
  import_id: objectIdSchema,
  mapping: z.array(z.object({ column: z.number().int().min(0).max(499), target: z.string().max(80) })).max(500),
  dedupe: z.enum(DEDUPE_MODES, { error: "Choose what to do with duplicates" }).default("skip"),
  source: z.preprocess((v) => (v === "" ? undefined : v), shortText("Source", 50).toLowerCase().optional()),
  tags: z.array(tagNameSchema).max(20, "At most 20 tags").default([]),
  assign_to: z.preprocess((v) => (v === "" ? undefined : v), objectIdSchema.optional()),
});
export type ImportSettings = z.infer<typeof importSettingsSchema>;

export type ImportView = {
  id: string;
  kind: ImportKind;
  fileName: string;
  fileSize: number;
  status: string;
  encoding: string | null;
  headers: string[];
  rowCount: number;
  mapping: ColumnMapping[];
  options: { dedupe: string; source: string | null; tags: string[] };
  progress: { next_row: number; created: number; updated: number; skipped: number; rejected: number; warned: number };
  limitReached: boolean;
  error: string | null;
  createdAt: string | null;
  finishedAt: string | null;
};

function toView(i: Record<string, any>): ImportView {
  return {
    id: String(i._id),
    kind: kindOf(i),
    fileName: i.file_name,
    fileSize: i.file_size ?? 0,
    status: i.status,
    encoding: i.encoding ?? null,
    headers: i.headers ?? [],
    rowCount: i.row_count ?? 0,
    mapping: (i.mapping ?? []).map((m: ColumnMapping) => ({ column: m.column, header: m.header, target: m.target })),
    options: { dedupe: i.options?.dedupe ?? "skip", source: i.options?.source ?? null, tags: i.options?.tags ?? [] },
    progress: { next_row: 0, created: 0, updated: 0, skipped: 0, rejected: 0, warned: 0, ...(i.progress ?? {}) },
    limitReached: i.limit_reached === true,
    error: i.error ?? null,
    createdAt: i.created_at ? new Date(i.created_at).toISOString() : null,
    finishedAt: i.finished_at ? new Date(i.finished_at).toISOString() : null,
  };
}

/** Imports are the importer's own unless they see every lead. */
function ownFilter(ctx: TenantContext): Record<string, unknown> {
  return can(ctx, "leads.read_all") || !ctx.userId ? {} : { user_id: new Types.ObjectId(ctx.userId) };
}

async function findImport(ctx: TenantContext, importId: string) {
  requireSomeImport(ctx);
  const imp = await scoped(ctx, LeadImport).findOne({ _id: Types.ObjectId.isValid(importId) ? importId : new Types.ObjectId(), ...ownFilter(ctx) }).lean();
  if (!imp) throw notFound("Import");
  // Someone who may not import this kind does not learn it exists.
  if (!can(ctx, IMPORT_PERMISSION[kindOf(imp)])) throw notFound("Import");
  return imp;
}

export async function getImportOrThrow(ctx: TenantContext, importId: string): Promise<ImportView> {
  return toView(await findImport(ctx, importId));
}

/**
 * Recent imports: those that ran, and the ones still waiting to be started (until they count as
 * abandoned). Imports refused or cancelled before they started are not listed: nothing came of them.
 */
export async function listImports(ctx: TenantContext, limit = 20, kind: ImportKind = "leads"): Promise<ImportView[]> {
  requirePermission(ctx, IMPORT_PERMISSION[kind]);
  const shown = {
    $or: [
      { status: { $in: ["queued", "running", "completed"] } },
      { started_at: { $exists: true } },
      { status: { $in: [...PENDING_IMPORT_STATUSES] }, created_at: { $gte: abandonedBefore(new Date()) } },
    ],
  };
  const ofKind: Record<string, unknown> = kind === "buyers" ? { kind: "buyers" } : { kind: { $ne: "buyers" } };
  const rows = await scoped(ctx, LeadImport).find({ $and: [ownFilter(ctx), shown, ofKind] } as Record<string, unknown>, { mapping: 0, headers: 0 }).sort({ created_at: -1 }).limit(limit).lean();
  return rows.map(toView);
}

/** Step 1: an import waiting for its file, if the file's size and the pending uploads' limits allow it. */
export async function createImport(ctx: TenantContext, input: Omit<z.infer<typeof createImportSchema>, "kind"> & { kind?: ImportKind }): Promise<{ id: string; chunkSize: number }> {
  const kind: ImportKind = input.kind === "buyers" ? "buyers" : "leads";
  requirePermission(ctx, IMPORT_PERMISSION[kind]);
  checkDeclaredSize(input.file_size, MAX_FILE_BYTES);
  const imp = await withUploadRoom(ctx, "imports", input.file_size, "import", () => pendingImportUploads(ctx), () =>
    scoped(ctx, LeadImport).create({
      user_id: ctx.userId,
      ip_address: ctx.ip,
      user_agent: ctx.userAgent,
      read_all: can(ctx, "leads.read_all"),
      kind,
      file_name: input.file_name,
      file_size: input.file_size,
      status: "uploading",
    }),
  );
  return { id: String(imp._id), chunkSize: UPLOAD_CHUNK_BYTES };
}

/** Step 2: one piece of the file, exactly the declared file's piece at that place (sent again, it replaces itself). */
export async function storeImportChunk(ctx: TenantContext, importId: string, seq: number, data: Uint8Array): Promise<void> {
  const imp = await findImport(ctx, importId);
  if (imp.status !== "uploading") throw new AppError("conflict", "This import already has its file.");
  assertChunkFits(imp.file_size, seq, data.length);
  const _id = chunkId(importId, seq);
  const chunks = scoped(ctx, LeadImportChunk);
  // The same piece sent twice at once: one row, the later copy's bytes (never a duplicate-key error).
  const fresh = await insertIgnoringDuplicates(() => chunks.create({ _id, import_id: imp._id, seq, data: Buffer.from(data) }));
  if (!fresh) await chunks.updateOne({ _id }, { $set: { data: Buffer.from(data) } });
}

export type ImportPreview = {
  import: ImportView;
  rows: { row: number; line: number; cells: string[]; ok: boolean; reason: string | null; warnings: string[]; name: string | null; phone: string | null; address: string | null; numbers: string | null }[];
  /** How each number column reads, and whether its values look right for their field. */
  numberColumns: NumberColumnCheck[];
  valid: number;
  /** Rows the counts are for: the whole file, or its first PREVIEW_CHECKED_ROWS (the import checks every row). */
  checked: number;
  /** Of the valid rows, those imported with a value left out. */
  warned: number;
  invalid: number;
  capacity: { max: number; used: number; remaining: number };
};

/**
 * Step 3: read the whole file once (piece by piece, in slices that leave the server to others),
 * check it can be imported, count its rows, guess the mapping, and show a preview. A file that
 * cannot be imported is refused with the reason, and its stored pieces are deleted.
 */
export async function analyzeImport(ctx: TenantContext, importId: string, chunkCount?: number, timeZone?: string): Promise<ImportPreview> {
  void chunkCount; // The declared size says how many pieces there are; the browser's count is not needed.
  const imp = await findImport(ctx, importId);
  if (!["uploading", "ready"].includes(imp.status)) throw new AppError("conflict", "This import has already started.");
  let file;
  try {
    file = await checkImportFile(ctx, imp);
  } catch (err) {
    if (err instanceof AppError) {
      await scoped(ctx, LeadImport).updateOne({ _id: imp._id }, { $set: { status: "failed", error: err.message } });
      await scoped(ctx, LeadImportChunk).deleteMany({ import_id: imp._id });
    }
    throw err;
  }
  let mapping = kindOf(imp) === "buyers" ? autoMapBuyerColumns(file.headers) : autoMapColumns(file.headers, await getCustomFieldDefinitions(ctx));
  // A lot size column that does not name its unit is read by its values (acres or square feet).
  if (mapping.some(unitlessLotSize)) mapping = lotSizeByValues(mapping, await readNumberColumnCells(ctx, { ...imp, encoding: file.encoding, delimiter: file.delimiter }, mapping));
  await scoped(ctx, LeadImport).updateOne(
    { _id: imp._id },
    { $set: { status: "ready", chunk_count: chunkSlots(imp.file_size), encoding: file.encoding, delimiter: file.delimiter, headers: file.headers, row_count: file.rowCount, mapping } },
  );
  return previewImport(ctx, { import_id: importId, mapping, dedupe: "skip", tags: [], timeZone });
}

/** The mapping checked: known targets, single-value targets used once, name and phone present. */
function checkMapping(mapping: { column: number; target: string }[], headers: string[], customKeys: string[], kind: ImportKind = "leads"): ColumnMapping[] {
  const known = (t: string) => (kind === "buyers" ? isBuyerTarget(t) : isKnownTarget(t, customKeys));
  const multi = kind === "buyers" ? BUYER_MULTI_TARGETS : MULTI_TARGETS;
  const errors: Record<string, string[]> = {};
  const used = new Map<string, number>();
  for (const m of mapping) {
    if (m.column >= headers.length) continue;
    if (!known(m.target)) (errors[`mapping.${m.column}`] ??= []).push(`Unknown field "${m.target}"`);
    else if (!multi.has(m.target) && used.has(m.target)) (errors[`mapping.${m.column}`] ??= []).push(`"${headers[used.get(m.target)!]}" already goes to this field`);
    used.set(m.target, used.get(m.target) ?? m.column);
  }
  if (!used.has("name") && !used.has("first_name") && !used.has("last_name")) (errors.mapping ??= []).push(`Choose the column with the ${kind === "buyers" ? "buyer" : "seller"}'s name (or first and last name)`);
  if (!used.has("phone")) (errors.mapping ??= []).push("Choose the column with the phone number");
  if (Object.keys(errors).length) throw new AppError("bad_request", "Please correct the column mapping.", errors);
  return headers.map((header, column) => ({ column, header, target: mapping.find((m) => m.column === column)?.target ?? "ignore" }));
}

/** A preview counts ready rows among at most this many; the import itself checks every row. */
export const PREVIEW_CHECKED_ROWS = 10_000;

/**
 * A preview with the given mapping: the first rows as they would be imported, and counts for the
 * file's first PREVIEW_CHECKED_ROWS rows (read as a stream that stops there, so a preview of a big
 * file takes as long as one of a small file).
 */
export async function previewImport(ctx: TenantContext, settings: Pick<ImportSettings, "import_id" | "mapping" | "dedupe" | "tags"> & { source?: string; timeZone?: string }, rowsShown = 20): Promise<ImportPreview> {
  const imp = await findImport(ctx, settings.import_id);
  if (imp.status !== "ready") throw new AppError("conflict", imp.status === "uploading" ? "The file is not uploaded yet." : "This import has already started.");
  const file = await openImportFile(ctx, imp);
  const mapping = settings.mapping.map((m) => ({ column: m.column, header: file.headers[m.column] ?? "", target: m.target }));
  if (kindOf(imp) === "buyers") return previewBuyerImport(imp, file, mapping, rowsShown);
  const defs = await getCustomFieldDefinitions(ctx);
  // Two passes over the file: each number column's reading is decided by all its values first.
  const numberCells = await readNumberColumnCells(ctx, imp, mapping);
  const decimalMarks = decimalMarksOf(mapping, numberCells);
  const numberColumns = checkNumberColumns(mapping, numberCells, decimalMarks);
  const rowCtx = { mapping, headers: file.headers, customFields: defs, source: settings.source, tags: settings.tags, decimalMarks, dateOrders: dateOrdersOf(mapping, numberCells, file.delimiter), timeZone: settings.timeZone };
  const { rows, valid, warned, total } = await checkPreviewRows(file, rowsShown, (cells) => mapRow(cells, rowCtx), ({ lead }) => ({
    name: lead.name,
    phone: lead.phone,
    address: [lead.address?.street, lead.address?.city, lead.address?.state, lead.address?.zip_code].filter(Boolean).join(", ") || null,
    numbers: describeNumbers(lead, settings.timeZone),
  }));
  const view = toView({ ...imp, mapping });
  return { import: view, rows: rows.slice(0, rowsShown * 2), numberColumns, valid, checked: total, warned, invalid: total - valid, capacity: await getLeadCapacity(ctx) };
}

type PreviewRow = ImportPreview["rows"][number];
type CheckedRow<T> = ({ ok: true; warnings: PreviewRow["warnings"] } & T) | { ok: false; reason: string };

/**
 * Reads the first PREVIEW_CHECKED_ROWS rows of the file with `map`, counting valid and warned ones,
 * and keeps the first `rowsShown` rows plus up to `rowsShown` bad ones for the preview table.
 */
async function checkPreviewRows<T>(
  file: Awaited<ReturnType<typeof openImportFile>>,
  rowsShown: number,
  map: (cells: string[]) => CheckedRow<T>,
  describe: (mapped: { ok: true; warnings: PreviewRow["warnings"] } & T) => Pick<PreviewRow, "name" | "phone" | "address" | "numbers">,
) {
  let valid = 0;
  let warned = 0;
  let total = 0;
  let shownBad = 0;
  const rows: ImportPreview["rows"] = [];
  for await (const { row, record } of importRows(file)) {
    if (total === PREVIEW_CHECKED_ROWS) break;
    total += 1;
    const problem = recordProblem(record, file.headers);
    const mapped: CheckedRow<T> = problem ? { ok: false, reason: problem } : map(record.cells);
    if (mapped.ok) valid += 1;
    if (mapped.ok && mapped.warnings.length) warned += 1;
    if (rows.length < rowsShown || (!mapped.ok && shownBad < rowsShown)) {
      if (!mapped.ok) shownBad += 1;
      rows.push({
        row,
        line: record.line,
        cells: record.cells.slice(0, file.headers.length).map((c) => (c.length > 120 ? `${c.slice(0, 120)}…` : c)),
        ok: mapped.ok,
        reason: mapped.ok ? null : mapped.reason,
        warnings: mapped.ok ? mapped.warnings : [],
        ...(mapped.ok ? describe(mapped) : { name: null, phone: null, address: null, numbers: null }),
      });
    }
  }
  return { rows, valid, warned, total };
}

const usd = (n: number) => `$${n.toLocaleString("en-US")}`;
/** "$150,000–$300,000", "from $150,000", "up to $300,000", as the buyer list shows a range. */
function priceRangeText(range: { min?: number; max?: number } | undefined): string {
  if (!range || (range.min == null && range.max == null)) return "";
  if (range.min != null && range.max != null) return `${usd(range.min)}–${usd(range.max)}`;
  return range.min != null ? `from ${usd(range.min)}` : `up to ${usd(range.max!)}`;
}

/** The buyer import's preview: buyer rows read with mapBuyerRow; no plan capacity (buyers have none). */
async function previewBuyerImport(imp: Record<string, any>, file: Awaited<ReturnType<typeof openImportFile>>, mapping: ColumnMapping[], rowsShown: number): Promise<ImportPreview> {
  const { rows, valid, warned, total } = await checkPreviewRows(file, rowsShown, (cells) => mapBuyerRow(cells, mapping, file.headers), ({ buyer: b }) => ({
    name: b.name ?? null,
    phone: b.phone ?? null,
    address: b.preferred_locations.length ? b.preferred_locations.map(labelOfLocationKey).join("; ") : null,
    numbers: [b.property_types.join(", ").replaceAll("_", " "), priceRangeText(b.price_range)].filter(Boolean).join(" · ") || null,
  }));
  const unlimited = { max: 0, used: 0, remaining: Number.MAX_SAFE_INTEGER };
  return { import: toView({ ...imp, mapping }), rows: rows.slice(0, rowsShown * 2), numberColumns: [], valid, checked: total, warned, invalid: total - valid, capacity: unlimited };
}

/**
 * Step 4: save the mapping and choices and queue the job. `timeZone` is the importer's (the zone
 * the lead pages show dates in), kept on the import: a follow-up day without a time is 9:00 there.
 */
export async function startImport(ctx: TenantContext, settings: ImportSettings, timeZone?: string): Promise<ImportView> {
  const imp = await findImport(ctx, settings.import_id);
  if (imp.status !== "ready") throw new AppError("conflict", imp.status === "uploading" ? "The file is not uploaded yet." : "This import has already started.");
  const kind = kindOf(imp);
  const defs = kind === "buyers" ? [] : await getCustomFieldDefinitions(ctx);
  const mapping = checkMapping(settings.mapping, imp.headers ?? [], defs.map((d) => d.key), kind);
  if (kind === "buyers") {
    const attempts = (imp.attempts ?? 0) + 1;
    await scoped(ctx, LeadImport).updateOne({ _id: imp._id, status: "ready" }, { $set: { status: "queued", mapping, options: { dedupe: settings.dedupe, tags: settings.tags }, attempts } });
    await enqueueLeadImport({ tenantId: ctx.tenantId, importId: String(imp._id) }, attempts);
    return getImportOrThrow(ctx, String(imp._id));
  }
  let assignTo: Types.ObjectId | undefined;
  if (settings.assign_to) {
    if (settings.assign_to !== ctx.userId) requirePermission(ctx, "leads.assign");
    assignTo = await assertAssignee(ctx, settings.assign_to);
  }
  const attempts = (imp.attempts ?? 0) + 1;
  await scoped(ctx, LeadImport).updateOne(
    { _id: imp._id, status: "ready" },
    { $set: { status: "queued", mapping, options: { dedupe: settings.dedupe, source: settings.source, tags: settings.tags, assign_to: assignTo, time_zone: timeZone }, attempts } },
  );
  await enqueueLeadImport({ tenantId: ctx.tenantId, importId: String(imp._id) }, attempts);
  return getImportOrThrow(ctx, String(imp._id));
}

/** Queues a failed (or stalled) import again; it continues from its last committed batch. */
export async function resumeImport(ctx: TenantContext, importId: string): Promise<ImportView> {
  const imp = await findImport(ctx, importId);
  if (!["failed", "running", "queued"].includes(imp.status) || !(imp.headers ?? []).length || !(imp.mapping ?? []).length) throw new AppError("conflict", "This import cannot be resumed.");
  const attempts = (imp.attempts ?? 0) + 1;
  await scoped(ctx, LeadImport).updateOne({ _id: imp._id }, { $set: { status: "queued", attempts, error: undefined } });
  await enqueueLeadImport({ tenantId: ctx.tenantId, importId }, attempts);
  return getImportOrThrow(ctx, importId);
}

export async function cancelImport(ctx: TenantContext, importId: string): Promise<ImportView> {
  const imp = await findImport(ctx, importId);
  if (["completed", "cancelled"].includes(imp.status)) return toView(imp);
  if (["uploading", "ready", "failed"].includes(imp.status)) {
    await scoped(ctx, LeadImport).updateOne({ _id: imp._id }, { $set: { status: "cancelled", finished_at: new Date() } });
    await scoped(ctx, LeadImportChunk).deleteMany({ import_id: imp._id });
  } else await scoped(ctx, LeadImport).updateOne({ _id: imp._id }, { $set: { cancel_requested: true } });
  return getImportOrThrow(ctx, importId);
}

/** The rows that were not imported or were imported with a value left out, original cells first, then why. */
export async function* rejectedRowsCsv(ctx: TenantContext, importId: string): AsyncGenerator<string> {
  const { csvLine } = await import("./csv/write-csv");
  const imp = await findImport(ctx, importId);
  const headers = imp.headers ?? [];
  // A semicolon file came from Excel in a locale with decimal commas ("2,5"): the report keeps its
  // delimiter, so that Excel opens it in columns and its numbers read the same when imported again.
  const delimiter = imp.delimiter === ";" ? ";" : ",";
  yield `\ufeff${csvLine([...headers, "Import row", "Import result", "Import error"], delimiter)}`;
  const cursor = scoped(ctx, LeadImportRow).find({ import_id: imp._id }).sort({ row: 1 }).lean().cursor();
  for await (const r of cursor) {
    const cells = headers.map((_, i) => r.cells?.[i] ?? "");
    yield csvLine([...cells, r.row + 2, r.outcome === "skipped" ? "Skipped" : r.outcome === "warned" ? "Imported with warnings" : "Not imported", r.reason], delimiter);
  }
}

export { MAX_FILE_BYTES };

import "server-only";
import type { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext, type TenantContext } from "@/lib/core/db/tenant-context";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { recordActivity } from "@/lib/activities/record-activity";
import { loadTagResolver } from "@/lib/tags/resolve-tag-names";
import { Lead } from "@/models/lead";
import { LeadImport, LeadImportChunk, LeadImportRow } from "@/models/lead-import";
import { Tenant } from "@/models/tenant";
import { getLeadDocumentOrThrow } from "../get-lead";
import { duplicateKeys } from "../duplicates/find-duplicates";
import { MAX_CONTACT_POINTS } from "@/models/lead-enums";
import { emailsOf, phonesOf, uniteEmails, unitePhones, type EmailEntry, type PhoneEntry } from "../contacts/sync-contacts";
import { leadLimitMessage } from "../capacity";
import { saveLeadChanges } from "../write/lead-changes";
import { derivedObjectId, insertIgnoringDuplicates } from "./derived-id";
import { mapRow } from "./map-row";
import { processBuyerImport } from "@/lib/buyers/import/process-buyer-import";
import { readNumberColumnCells } from "./number-column-cells";
import { dateOrdersOf } from "./date-columns";
import { decimalMarksOf } from "./number-columns";
import { importRows, openImportFile, recordProblem } from "./read-file";
import type { CsvRecord } from "./csv/parse-csv";
import type { ColumnMapping } from "./targets";

export const IMPORT_BATCH = 500;

/** For tests: stop as a crash would, after N committed batches, or in the middle of batch N+1. */
export type ProcessOptions = { batchSize?: number; crashAfterBatches?: number; crashMidBatch?: number };

type IndexEntry = { id: string; visible: boolean; row?: number; name?: string };
/** Every row read is created, updated, skipped or rejected; `warned` counts the created and updated rows that had a value left out. */
type Progress = { next_row: number; created: number; updated: number; skipped: number; rejected: number; warned: number };

/**
 * Runs (or resumes) an import. Rows are committed in batches; after each batch the next row and
 * the counts are saved on the import. Leads, report rows and activities have ids derived from the
 * import and the row, so re-running a batch that was half written before a crash adds nothing
 * twice. Returns the final status.
 */
export async function processLeadImport(tenantId: string, importId: string, opts: ProcessOptions = {}): Promise<string> {
  const base = systemContext(tenantId, "import", importId);
  const imports = scoped(base, LeadImport);
  const imp = await imports.findById(importId).lean();
  if (!imp || !["queued", "running"].includes(imp.status)) return imp?.status ?? "missing";
  // A buyer list runs through the same pipeline with buyer rows.
  if (imp.kind === "buyers") return processBuyerImport(tenantId, importId, { batchSize: opts.batchSize });

  const readAll = imp.read_all === true;
  // The import acts as the system, with the rights of the member who started it (their user id
  // also decides which leads are theirs to update when they may not see every lead).
  const ctx: TenantContext = {
    tenantId,
    actor: { kind: "system", source: "import", ref: importId, label: `Import of ${imp.file_name}` },
    userId: imp.user_id ? String(imp.user_id) : undefined,
    ip: imp.ip_address ?? undefined,
    userAgent: imp.user_agent ?? undefined,
    permissions: readAll ? ["leads.read", "leads.read_all", "leads.write"] : ["leads.read", "leads.write"],
  };
  const startedAt = (imp.created_at as unknown as Date) ?? new Date();
  await imports.updateOne({ _id: imp._id }, { $set: { status: "running", started_at: imp.started_at ?? new Date(), error: undefined } });

  // The file is read as a stream, one batch of rows at a time: memory stays at about one stored piece.
  const file = await openImportFile(base, imp);
  const reader = importRows(file);
  const take = async (n: number) => {
    const out: CsvRecord[] = [];
    while (out.length < n) {
      const next = await reader.next();
      if (next.done) break;
      out.push(next.value.record);
    }
    return out;
  };
  const customFields = await getCustomFieldDefinitions(ctx);
  const options = (imp.options ?? {}) as { dedupe?: string; source?: string | null; tags?: string[]; assign_to?: Types.ObjectId | null; time_zone?: string };
  const mapping = (imp.mapping ?? []) as unknown as ColumnMapping[];
  const columnCells = await readNumberColumnCells(base, imp, mapping);
  const rowCtx = { mapping, headers: file.headers, customFields, source: options.source ?? undefined, tags: options.tags ?? [], decimalMarks: decimalMarksOf(mapping, columnCells), dateOrders: dateOrdersOf(mapping, columnCells, file.delimiter), timeZone: options.time_zone };
  const dedupe = options.dedupe ?? "skip";
  const assignee = (options.assign_to as Types.ObjectId | undefined) ?? (readAll ? undefined : (imp.user_id as Types.ObjectId | undefined));

  const index = await buildDedupeIndex(ctx);
  const tenant = await Tenant.findById(tenantId, { max_leads: 1 }).lean();
  const maxLeads = tenant?.max_leads ?? 0;
  let remaining = maxLeads - (await scoped(ctx, Lead).countDocuments());
  let limitHit = imp.limit_reached === true;

  const progress: Progress = { next_row: 0, created: 0, updated: 0, skipped: 0, rejected: 0, warned: 0, ...(imp.progress ?? {}) };
  // Tag names become the catalogue's look-alikes ("Absentee Owner" → "absentee-owner").
  const resolveTags = await loadTagResolver(ctx);
  const batchSize = opts.batchSize ?? IMPORT_BATCH;
  let batches = 0;
  // Once cancelled, the rows left are still read, into the report: nothing stops half-imported
  // without the report saying which rows were not imported.
  let cancelled = false;

  // Rows committed by an earlier run are read past, not processed again.
  for (let row = 0; row < progress.next_row; row++) if ((await reader.next()).done) break;

  for (;;) {
    const start = progress.next_row;
    const batch = await take(batchSize);
    if (!batch.length) break;
    // A resumed run's first batch may have been half written before a crash: it is finished before
    // a cancellation is honoured, so its rows are counted as what they became.
    if (batches > 0 || !imp.started_at) cancelled ||= (await imports.findById(importId, { cancel_requested: 1 }).lean())?.cancel_requested === true;
    const newLeads: Record<string, unknown>[] = [];
    const reportRows: Record<string, unknown>[] = [];
    const updates: { id: string; row: number; lead: Record<string, unknown>; custom: Record<string, unknown> }[] = [];
    const counts = { created: 0, updated: 0, skipped: 0, rejected: 0, warned: 0 };
    const report = (row: number, line: number, outcome: "rejected" | "skipped" | "warned", reason: string, cells: string[]) => {
      counts[outcome] += 1;
      // A reason quotes the row's values; cut to what a report row holds, or the row would not be saved.
      const text = reason.length > 2000 ? `${reason.slice(0, 1999)}…` : reason;
      reportRows.push({ _id: derivedObjectId(startedAt, importId, row, "row"), import_id: imp._id, row, line, outcome, reason: text, cells: cells.slice(0, file.headers.length + 5) });
    };

    batch.forEach((record, i) => {
      const row = start + i;
      if (cancelled) return report(row, record.line, "rejected", "Not imported: the import was cancelled before this row.", record.cells);
      if (limitHit) return report(row, record.line, "rejected", `Not imported: ${leadLimitMessage(maxLeads)}`, record.cells);
      const problem = recordProblem(record, file.headers);
      if (problem) return report(row, record.line, "rejected", problem, record.cells);
      const mapped = mapRow(record.cells, rowCtx);
      if (!mapped.ok) return report(row, record.line, "rejected", mapped.reason, record.cells);
      const lead = mapped.lead;
      if (lead.tags?.length) lead.tags = resolveTags(lead.tags);
      // An imported row with a value left out is in the report too, saying which (it is still counted as created or updated).
      const warn = () => mapped.warnings.length && report(row, record.line, "warned", mapped.warnings.join("; "), record.cells);
      const ownId = String(derivedObjectId(startedAt, importId, row, "lead"));
      const keys = duplicateKeys(lead);
      // Any of the row's numbers or e-mails, then its address, may name a lead already there.
      const hit = (prefix: string, values: readonly (string | null)[]) => values.map((v) => (v ? index.get(`${prefix}${v}`) : undefined)).find(Boolean);
      const byPhone = hit("p:", keys.phones);
      const byEmail = byPhone ? undefined : hit("e:", keys.emails);
      const match = byPhone || byEmail || hit("a:", [keys.address_key]) || undefined;
      if (match?.id === ownId) {
        // Written before a crash: count it (its insert's event gave it its activity).
        counts.created += 1;
        warn();
        return;
      }
      if (match && dedupe !== "create") {
        const what = match.row !== undefined ? `row ${match.row + 2} of this file` : match.visible ? `the existing lead "${match.name}"` : "an existing lead assigned to someone else";
        if (dedupe === "skip" || !match.visible) return report(row, record.line, "skipped", `Duplicate of ${what} (same ${byPhone ? "phone" : byEmail ? "e-mail" : "address"})`, record.cells);
        const pending = newLeads.find((l) => String(l._id) === match.id);
        if (pending) fillEmpty(pending, lead as Record<string, unknown>);
        else updates.push({ id: match.id, row, lead: lead as Record<string, unknown>, custom: mapped.custom });
        counts.updated += 1;
        warn();
        return;
      }
      if (remaining <= 0) {
        limitHit = true;
        return report(row, record.line, "rejected", `Not imported: ${leadLimitMessage(maxLeads)}`, record.cells);
      }
      remaining -= 1;
      const doc: Record<string, unknown> = {
        ...lead,
        _id: derivedObjectId(startedAt, importId, row, "lead"),
        address: lead.address ?? {},
        property_details: lead.property_details ?? {},
        assigned_to: lead.assigned_to ?? assignee,
        tags: lead.tags ?? [],
        custom_fields: Object.keys(mapped.custom).length ? mapped.custom : undefined,
      };
      newLeads.push(doc);
      const entry: IndexEntry = { id: ownId, visible: true, row, name: lead.name };
      for (const p of keys.phones) if (!index.has(`p:${p}`)) index.set(`p:${p}`, entry);
      for (const e of keys.emails) if (!index.has(`e:${e}`)) index.set(`e:${e}`, entry);
      if (keys.address_key) index.set(`a:${keys.address_key}`, entry);
      counts.created += 1;
      warn();
    });

    // The insert's domain event names the import: each lead gets its "Imported from …" activity
    // and the tags their counts through the subscribers (a retry inserts nothing twice).
    if (newLeads.length) await insertIgnoringDuplicates(() => scoped(ctx, Lead).insertMany(newLeads, { ordered: false, eventMeta: { import_id: importId, file_name: imp.file_name } }));
    if (opts.crashMidBatch !== undefined && batches === opts.crashMidBatch) throw new Error("simulated crash in the middle of a batch");
    if (reportRows.length) await insertIgnoringDuplicates(() => scoped(ctx, LeadImportRow).insertMany(reportRows, { ordered: false }));
    for (const u of updates) await applyImportUpdate(ctx, u.id, u.lead, u.custom, importId);

    progress.next_row = start + batch.length;
    progress.created += counts.created;
    progress.updated += counts.updated;
    progress.skipped += counts.skipped;
    progress.rejected += counts.rejected;
    progress.warned += counts.warned;
    await imports.updateOne({ _id: imp._id }, { $set: { progress, limit_reached: limitHit } });
    batches += 1;
    if (opts.crashAfterBatches !== undefined && batches >= opts.crashAfterBatches) throw new Error("simulated crash after a batch");
  }

  await recordActivity(ctx, {
    type: "leads_imported",
    description: `Imported ${imp.file_name}: ${progress.created} created, ${progress.updated} updated, ${progress.skipped} skipped, ${progress.rejected} not imported, ${progress.warned} with warnings${limitHit ? " (plan limit reached)" : ""}${cancelled ? " (cancelled)" : ""}`,
    metadata: { import_id: importId, ...progress, limit_reached: limitHit, cancelled },
  });
  const status = cancelled ? "cancelled" : "completed";
  await imports.updateOne({ _id: imp._id }, { $set: { status, finished_at: new Date() } });
  // The rows are in the leads and the report now; the file itself is no longer needed.
  await scoped(ctx, LeadImportChunk).deleteMany({ import_id: imp._id });
  return status;
}

/** phone / e-mail / address key → lead, for every lead of the tenant (one pass, then in memory). */
async function buildDedupeIndex(ctx: TenantContext): Promise<Map<string, IndexEntry>> {
  const index = new Map<string, IndexEntry>();
  const mine = ctx.permissions?.includes("leads.read_all") ? null : ctx.userId;
  const cursor = scoped(ctx, Lead).find({}, { name: 1, phone: 1, email: 1, phones: 1, emails: 1, address_key: 1, assigned_to: 1 }).lean().cursor();
  for await (const l of cursor) {
    const entry: IndexEntry = { id: String(l._id), visible: !mine || String(l.assigned_to ?? "") === mine, name: l.name ?? "" };
    // Every number and e-mail of the lead, not only its primary.
    for (const p of phonesOf(l)) if (!index.has(`p:${p.number}`)) index.set(`p:${p.number}`, entry);
    for (const e of emailsOf(l)) if (!index.has(`e:${e.address}`)) index.set(`e:${e.address}`, entry);
    if (l.address_key && !index.has(`a:${l.address_key}`)) index.set(`a:${l.address_key}`, entry);
  }
  return index;
}

const UPDATABLE = ["name", "email", "estimated_value", "asking_price", "source", "status", "priority", "next_follow_up"] as const;

/** "Update" mode: the file's values replace the lead's, tags are added, notes appended once. */
async function applyImportUpdate(ctx: TenantContext, id: string, lead: Record<string, unknown>, custom: Record<string, unknown>, importId: string) {
  const doc = await getLeadDocumentOrThrow(ctx, id).catch(() => null);
  if (!doc) return;
  await saveLeadChanges(ctx, doc, (d) => {
    for (const f of UPDATABLE) if (lead[f] !== undefined && f !== "status" && f !== "email") d.set(f, lead[f]);
    // Numbers and e-mails are added, never lost: the lead's primary phone stays, the file's
    // e-mail becomes the primary one and the lead's others follow it. A number both have takes a
    // line type and a do-not-call / wrong-number flag from the file, and keeps its own flag.
    const filePhones = (lead.phones as PhoneEntry[] | undefined) ?? [];
    if (filePhones.length) d.set("phones", unitePhones([...phonesOf(d), ...filePhones], MAX_CONTACT_POINTS));
    const fileEmails = (lead.emails as EmailEntry[] | undefined) ?? [];
    if (fileEmails.length) {
      const own = emailsOf(d);
      const first = own.find((e) => e.address.toLowerCase() === fileEmails[0].address.toLowerCase()) ?? fileEmails[0];
      d.set("emails", uniteEmails([first, ...own, ...fileEmails], MAX_CONTACT_POINTS));
    }
    const mailing = lead.mailing_address as Record<string, unknown> | undefined;
    if (mailing && Object.values(mailing).some(Boolean)) d.set("mailing_address", { ...mailing });
    const address = lead.address as Record<string, unknown> | undefined;
    if (address?.street) d.set("address", { ...address });
    for (const [k, v] of Object.entries((lead.property_details as Record<string, unknown>) ?? {})) if (v !== undefined) d.set(`property_details.${k}`, v);
    const tags = [...new Set([...((d.get("tags") as string[]) ?? []), ...((lead.tags as string[]) ?? [])])];
    d.set("tags", tags);
    const notes = lead.notes as string | undefined;
    const current = (d.get("notes") as string | undefined) ?? "";
    if (notes && !current.includes(notes)) d.set("notes", [current, notes].filter(Boolean).join("\n\n").slice(0, 20_000));
    if (Object.keys(custom).length) {
      d.set("custom_fields", { ...((d.get("custom_fields") as Record<string, unknown>) ?? {}), ...custom });
      d.markModified("custom_fields");
    }
  });
  void importId;
}

function fillEmpty(target: Record<string, unknown>, from: Record<string, unknown>) {
  for (const [k, v] of Object.entries(from)) {
    if (k === "phones") target.phones = unitePhones([...((target.phones as PhoneEntry[]) ?? []), ...((v as PhoneEntry[]) ?? [])], MAX_CONTACT_POINTS);
    else if (k === "emails") target.emails = uniteEmails([...((target.emails as EmailEntry[]) ?? []), ...((v as EmailEntry[]) ?? [])], MAX_CONTACT_POINTS);
    else if (k === "tags") target.tags = [...new Set([...((target.tags as string[]) ?? []), ...((v as string[]) ?? [])])];
    else if (target[k] === undefined || target[k] === null || target[k] === "") target[k] = v;
  }
}

import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { targetClauses, type LeadTarget } from "../bulk/target";
import { clausesFilter, segmentSort } from "../list/mongo-filter";
import { sortSpec } from "../list/sort-spec";
import { csvStreamOf } from "@/lib/leads/import/csv/write-csv";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import type { CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { emailsOf, phonesOf } from "../contacts/sync-contacts";
import { PHONE_STATUS_LABELS, PHONE_TYPE_LABELS } from "../contacts/labels";
import { sourceLabel } from "../enum-labels";
import { fieldsWith, topLevel, type ExportFacet, type LeadFieldDef } from "../fields";
import { dayOf } from "@/lib/validation/date";

type ExportLead = Record<string, unknown> & {
  _id: unknown;
  phone?: string;
  email?: string;
  phones?: { number?: string | null; type?: string | null; status?: string | null }[];
  emails?: { address?: string | null; type?: string | null; status?: string | null }[];
  custom_fields?: Record<string, unknown>;
};

type Column = [string, (l: ExportLead, users: Map<string, string>) => unknown];

/** A stored code in words ("single_family" → "Single family"); an unknown code as it is. */
const words = (labels: Readonly<Record<string, string>> | undefined, code: unknown) => (code ? (labels?.[String(code)] ?? String(code)) : "");

/** A path's value ("address.zip_code"). */
function valueAt(lead: ExportLead, path: string): unknown {
  let v: unknown = lead;
  for (const key of path.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** Every phone in columns the import reads back ("Phone 2", "Phone 2 type", "Phone 2 status"); past five, in one cell. */
const PHONE_COLUMNS = 5;
const EMAIL_COLUMNS = 3;

function phoneSlots(header: string): Column[] {
  const slots = Array.from({ length: PHONE_COLUMNS }, (_, i): Column[] => {
    const name = i === 0 ? header : `${header} ${i + 1}`;
    const at = (l: ExportLead) => phonesOf(l)[i];
    return [
      [name, (l) => at(l)?.number ?? (i === 0 ? l.phone : "")],
      [`${name} type`, (l) => (at(l) ? words(PHONE_TYPE_LABELS, at(l).type) : "")],
      [`${name} status`, (l) => (at(l) ? words(PHONE_STATUS_LABELS, at(l).status) : "")],
    ];
  }).flat();
  const more: Column = ["More phones", (l) => phonesOf(l).slice(PHONE_COLUMNS).map((p) => `${p.number} (${[words(PHONE_TYPE_LABELS, p.type), words(PHONE_STATUS_LABELS, p.status)].join(", ")})`).join("; ")];
  return [...slots, more];
}

function emailSlots(header: string): Column[] {
  const slots = Array.from({ length: EMAIL_COLUMNS }, (_, i): Column => [i === 0 ? header : `${header} ${i + 1}`, (l) => emailsOf(l)[i]?.address ?? (i === 0 ? l.email : "")]);
  return [...slots, ["More e-mails", (l) => emailsOf(l).slice(EMAIL_COLUMNS).map((e) => e.address).join("; ")]];
}

/** The column(s) of one registry field (lib/leads/fields.ts), by its export format. */
function columnsOf(field: LeadFieldDef & { export: ExportFacet }): Column[] {
  const { header, format = "value" } = field.export;
  const value = (l: ExportLead) => valueAt(l, field.path);
  switch (format) {
    case "phone-slots": return phoneSlots(header);
    case "email-slots": return emailSlots(header);
    case "words": return [[header, (l) => words(field.labels, value(l))]];
    case "source": return [[header, (l) => (value(l) ? sourceLabel(String(value(l))) : "")]];
    case "user": return [[header, (l, users) => (value(l) ? (users.get(String(value(l))) ?? "") : "")]];
    case "list": return [[header, (l) => ((value(l) as unknown[] | undefined) ?? []).join("; ")]];
    case "value": return [[header, value]];
  }
}

const EXPORTED = fieldsWith("export");
const COLUMNS: Column[] = EXPORTED.flatMap(columnsOf);
const ID_COLUMN: Column = ["Lead id", (l) => String(l._id)];

/** One column per custom field the workspace defines, under its label, before the lead id. */
function columnsWith(fields: CustomFieldDefinition[]): Column[] {
  const taken = new Set(COLUMNS.map(([h]) => h.toLowerCase()).concat(ID_COLUMN[0].toLowerCase()));
  const custom = fields.map((f): Column => {
    const header = taken.has(f.label.toLowerCase()) ? `${f.label} (custom field)` : f.label;
    return [header, (l) => customCell(f, l.custom_fields?.[f.key])];
  });
  return [...COLUMNS, ...custom, ID_COLUMN];
}

function customCell(field: CustomFieldDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return "";
  // A date field holds a day: written as 2026-03-01, not as a midnight timestamp.
  if (field.type === "date" && value instanceof Date) return Number.isNaN(value.getTime()) ? "" : dayOf(value);
  return value;
}

// The exported fields' top-level fields, the primary phone and e-mail that their slots fall back
// on, and the custom fields.
const PROJECTION = Object.fromEntries([...EXPORTED.map((f) => topLevel(f.path)), "phone", "email", "custom_fields"].map((f) => [f, 1]));

/**
 * The leads of a target this person may see, as a CSV stream (UTF-8 with a BOM so Excel reads
 * accents), read from a database cursor so memory stays flat however many there are. Every cell
 * is neutralised against formula injection. The export is logged once it has been sent.
 */
export async function exportLeadsCsv(ctx: TenantContext, target: LeadTarget, sort: { key: Parameters<typeof sortSpec>[0]; dir: "asc" | "desc" } = { key: "created", dir: "desc" }): Promise<ReadableStream<Uint8Array>> {
  requirePermission(ctx, "leads.export");
  const filter = clausesFilter(targetClauses(ctx, target));
  const columns = columnsWith(await getCustomFieldDefinitions(ctx));
  const users = new Map((await scoped(ctx, User).find({}, { name: 1 }).lean()).map((u) => [String(u._id), u.name ?? ""]));
  // One sort for the whole file: a value column's own order (empty values wherever the database puts them).
  const first = sortSpec(sort.key, sort.dir).segments[0];
  const order = first.kind === "value" ? segmentSort(first) : { created_at: -1 as const, _id: -1 as const };
  const cursor = scoped(ctx, Lead).find(filter, PROJECTION).sort(order).lean<ExportLead[]>().cursor({ batchSize: 500 });
  const done = (count: number) => recordActivity(ctx, { type: LEAD_ACTIVITY.exported, description: `Exported ${count} leads to CSV`, metadata: { count, mode: Array.isArray(target) ? "selection" : "filter" } });
  return csvStreamOf<ExportLead>(cursor, columns.map(([h]) => h), (lead) => columns.map(([, get]) => get(lead, users)), done);
}

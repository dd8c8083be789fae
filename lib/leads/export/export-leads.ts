import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/auth/permissions";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
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
import { PRIORITY_LABELS, PROPERTY_TYPE_LABELS, STATUS_LABELS, sourceLabel } from "../enum-labels";

type ExportLead = {
  _id: unknown;
  name?: string;
  phone?: string;
  email?: string;
  phones?: { number?: string | null; type?: string | null; status?: string | null }[];
  emails?: { address?: string | null; type?: string | null; status?: string | null }[];
  mailing_address?: { street?: string; city?: string; state?: string; zip_code?: string };
  address?: { street?: string; city?: string; state?: string; zip_code?: string; county?: string };
  property_details?: { type?: string; bedrooms?: number; bathrooms?: number; square_feet?: number; lot_size?: number; year_built?: number };
  status?: string;
  priority?: string;
  source?: string;
  assigned_to?: unknown;
  tags?: string[];
  next_follow_up?: Date;
  last_contacted?: Date;
  created_at?: Date;
  asking_price?: number;
  estimated_value?: number;
  lead_score?: number;
  notes?: string;
  custom_fields?: Record<string, unknown>;
};

type Column = [string, (l: ExportLead, users: Map<string, string>) => unknown];

/** A stored code in words ("single_family" → "Single family"); an unknown code as it is. */
const words = (labels: Record<string, string>, code: string | undefined) => (code ? (labels[code] ?? code) : "");

/** Every phone in columns the import reads back ("Phone 2", "Phone 2 type", "Phone 2 status"); past five, in one cell. */
const PHONE_COLUMNS = 5;
const EMAIL_COLUMNS = 3;
const phoneColumns: Column[] = Array.from({ length: PHONE_COLUMNS }, (_, i): Column[] => {
  const name = i === 0 ? "Phone" : `Phone ${i + 1}`;
  const at = (l: ExportLead) => phonesOf(l)[i];
  return [
    [name, (l) => at(l)?.number ?? (i === 0 ? l.phone : "")],
    [`${name} type`, (l) => (at(l) ? words(PHONE_TYPE_LABELS, at(l).type ?? undefined) : "")],
    [`${name} status`, (l) => (at(l) ? words(PHONE_STATUS_LABELS, at(l).status ?? undefined) : "")],
  ];
}).flat();
const emailColumns: Column[] = Array.from({ length: EMAIL_COLUMNS }, (_, i): Column => [i === 0 ? "Email" : `Email ${i + 1}`, (l) => emailsOf(l)[i]?.address ?? (i === 0 ? l.email : "")]);

const COLUMNS: Column[] = [
  ["Name", (l) => l.name],
  ...phoneColumns,
  ["More phones", (l) => phonesOf(l).slice(PHONE_COLUMNS).map((p) => `${p.number} (${[words(PHONE_TYPE_LABELS, p.type ?? undefined), words(PHONE_STATUS_LABELS, p.status ?? undefined)].join(", ")})`).join("; ")],
  ...emailColumns,
  ["More e-mails", (l) => emailsOf(l).slice(EMAIL_COLUMNS).map((e) => e.address).join("; ")],
  ["Street", (l) => l.address?.street],
  ["City", (l) => l.address?.city],
  ["State", (l) => l.address?.state],
  ["Zip", (l) => l.address?.zip_code],
  ["County", (l) => l.address?.county],
  ["Mailing address", (l) => l.mailing_address?.street],
  ["Mailing city", (l) => l.mailing_address?.city],
  ["Mailing state", (l) => l.mailing_address?.state],
  ["Mailing zip", (l) => l.mailing_address?.zip_code],
  ["Property type", (l) => words(PROPERTY_TYPE_LABELS, l.property_details?.type)],
  ["Bedrooms", (l) => l.property_details?.bedrooms],
  ["Bathrooms", (l) => l.property_details?.bathrooms],
  ["Square feet", (l) => l.property_details?.square_feet],
  ["Lot size", (l) => l.property_details?.lot_size],
  ["Year built", (l) => l.property_details?.year_built],
  ["Status", (l) => words(STATUS_LABELS, l.status)],
  ["Priority", (l) => words(PRIORITY_LABELS, l.priority)],
  ["Source", (l) => (l.source ? sourceLabel(l.source) : "")],
  ["Assigned to", (l, users) => (l.assigned_to ? (users.get(String(l.assigned_to)) ?? "") : "")],
  ["Tags", (l) => (l.tags ?? []).join("; ")],
  ["Next follow-up", (l) => l.next_follow_up],
  ["Last contacted", (l) => l.last_contacted],
  ["Created", (l) => l.created_at],
  ["Asking price", (l) => l.asking_price],
  ["Estimated value", (l) => l.estimated_value],
  ["Score", (l) => l.lead_score],
  ["Notes", (l) => l.notes],
];
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
  if (field.type === "date" && value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return value;
}

const PROJECTION = Object.fromEntries(
  ["name", "phone", "email", "phones", "emails", "mailing_address", "address", "property_details", "status", "priority", "source", "assigned_to", "tags", "next_follow_up", "last_contacted", "created_at", "asking_price", "estimated_value", "lead_score", "notes", "custom_fields"].map((f) => [f, 1]),
);

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

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
import { csvLine } from "@/lib/leads/import/csv/write-csv";

type ExportLead = {
  _id: unknown;
  name?: string;
  phone?: string;
  email?: string;
  address?: { street?: string; city?: string; state?: string; zip_code?: string; county?: string };
  property_details?: { type?: string; bedrooms?: number; bathrooms?: number; square_feet?: number; year_built?: number };
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
};

const COLUMNS: [string, (l: ExportLead, users: Map<string, string>) => unknown][] = [
  ["Name", (l) => l.name],
  ["Phone", (l) => l.phone],
  ["Email", (l) => l.email],
  ["Street", (l) => l.address?.street],
  ["City", (l) => l.address?.city],
  ["State", (l) => l.address?.state],
  ["Zip", (l) => l.address?.zip_code],
  ["County", (l) => l.address?.county],
  ["Property type", (l) => l.property_details?.type],
  ["Bedrooms", (l) => l.property_details?.bedrooms],
  ["Bathrooms", (l) => l.property_details?.bathrooms],
  ["Square feet", (l) => l.property_details?.square_feet],
  ["Year built", (l) => l.property_details?.year_built],
  ["Status", (l) => l.status],
  ["Priority", (l) => l.priority],
  ["Source", (l) => l.source],
  ["Assigned to", (l, users) => (l.assigned_to ? (users.get(String(l.assigned_to)) ?? "") : "")],
  ["Tags", (l) => (l.tags ?? []).join("; ")],
  ["Next follow-up", (l) => l.next_follow_up],
  ["Last contacted", (l) => l.last_contacted],
  ["Created", (l) => l.created_at],
  ["Asking price", (l) => l.asking_price],
  ["Estimated value", (l) => l.estimated_value],
  ["Score", (l) => l.lead_score],
  ["Notes", (l) => l.notes],
  ["Lead id", (l) => String(l._id)],
];

const PROJECTION = Object.fromEntries(
  ["name", "phone", "email", "address", "property_details", "status", "priority", "source", "assigned_to", "tags", "next_follow_up", "last_contacted", "created_at", "asking_price", "estimated_value", "lead_score", "notes"].map((f) => [f, 1]),
);

/**
 * The leads of a target this person may see, as a CSV stream (UTF-8 with a BOM so Excel reads
 * accents), read from a database cursor so memory stays flat however many there are. Every cell
 * is neutralised against formula injection. The export is logged once it has been sent.
 */
export async function exportLeadsCsv(ctx: TenantContext, target: LeadTarget, sort: { key: Parameters<typeof sortSpec>[0]; dir: "asc" | "desc" } = { key: "created", dir: "desc" }): Promise<ReadableStream<Uint8Array>> {
  requirePermission(ctx, "leads.export");
  const filter = clausesFilter(targetClauses(ctx, target));
  const users = new Map((await scoped(ctx, User).find({}, { name: 1 }).lean()).map((u) => [String(u._id), u.name ?? ""]));
  // One sort for the whole file: a value column's own order (empty values wherever the database puts them).
  const first = sortSpec(sort.key, sort.dir).segments[0];
  const order = first.kind === "value" ? segmentSort(first) : { created_at: -1 as const, _id: -1 as const };
  const cursor = scoped(ctx, Lead).find(filter, PROJECTION).sort(order).lean<ExportLead[]>().cursor({ batchSize: 500 });
  const encoder = new TextEncoder();
  let count = 0;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(COLUMNS.map(([h]) => h))}`));
    },
    async pull(controller) {
      try {
        let chunk = "";
        for (let i = 0; i < 200; i++) {
          const lead = (await cursor.next()) as ExportLead | null;
          if (!lead) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            await recordActivity(ctx, { type: LEAD_ACTIVITY.exported, description: `Exported ${count} leads to CSV`, metadata: { count, mode: Array.isArray(target) ? "selection" : "filter" } });
            controller.close();
            return;
          }
          count += 1;
          chunk += csvLine(COLUMNS.map(([, get]) => get(lead, users)));
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (err) {
        await cursor.close().catch(() => {});
        controller.error(err);
      }
    },
    async cancel() {
      await cursor.close();
    },
  });
}

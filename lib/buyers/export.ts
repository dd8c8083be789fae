import "server-only";
import { Types } from "mongoose";
import { recordActivity } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { csvStreamOf } from "@/lib/leads/import/csv/write-csv";
import { Buyer } from "@/models/buyer";
import { buyerIdsOfTarget, type BuyerTarget } from "./bulk";
import { CREDIT_LABELS, EXPERIENCE_LABELS, FUNDING_LABELS, label, PROPERTY_TYPE_LABELS } from "./labels";
import { labelOfLocationKey } from "./locations";

type B = Record<string, any>;
const day = (d: unknown) => (d ? new Date(d as string).toISOString().slice(0, 10) : "");

// Headers the buyer import maps back automatically, so an export re-imports as it was.
const COLUMNS: [string, (b: B) => unknown][] = [
  ["Name", (b) => b.name],
  ["Phone", (b) => b.phone],
  ["Email", (b) => b.email],
  ["Company", (b) => b.company],
  ["Website", (b) => b.website],
  ["Property types", (b) => (b.property_types ?? []).map((t: string) => label(PROPERTY_TYPE_LABELS, t)).join("; ")],
  ["Min price", (b) => b.price_range?.min],
  ["Max price", (b) => b.price_range?.max],
  ["Locations", (b) => (b.preferred_locations ?? []).map(labelOfLocationKey).join("; ")],
  ["Funding", (b) => label(FUNDING_LABELS, b.funding_type)],
  ["Credit", (b) => label(CREDIT_LABELS, b.credit_score)],
  ["Experience", (b) => label(EXPERIENCE_LABELS, b.experience_level)],
  ["Active", (b) => (b.is_active === false ? "no" : "yes")],
  ["Verified", (b) => (b.is_verified ? "yes" : "no")],
  ["Proof of funds expires", (b) => (b.proof_of_funds?.file_id ? day(b.proof_of_funds.expires_at) : "")],
  ["Tags", (b) => (b.tags ?? []).join("; ")],
  ["Deals closed", (b) => b.total_deals ?? 0],
  ["Last contacted", (b) => day(b.last_contacted)],
  ["Criteria", (b) => b.investment_criteria],
  ["Notes", (b) => b.notes],
  ["Buyer id", (b) => String(b._id)],
];

const CHUNK = 1000;

/**
 * The target's buyers (resolved as the bulk actions resolve it: "all matching" is the N the list
 * showed) as a CSV stream in name order (BOM for Excel, formula-safe cells: the lead export's
 * writer), read 1,000 at a time as the download asks, logged once sent.
 */
export async function exportBuyersCsv(ctx: TenantContext, target: BuyerTarget): Promise<ReadableStream<Uint8Array>> {
  requirePermission(ctx, "buyers.read");
  const ids = await buyerIdsOfTarget(ctx, target);
  const buyers = scoped(ctx, Buyer);
  let next = 0;
  let batch: B[] = [];
  const cursor = {
    async next(): Promise<B | null> {
      while (!batch.length && next < ids.length) {
        const chunk = ids.slice(next, (next += CHUNK));
        const byId = new Map((await buyers.find({ _id: { $in: chunk.map((id) => new Types.ObjectId(id)) } }).lean<B[]>()).map((b) => [String(b._id), b]));
        // In the resolved order; a buyer deleted since is left out.
        batch = chunk.flatMap((id) => byId.get(id) ?? []);
      }
      return batch.shift() ?? null;
    },
    async close() {
      next = ids.length;
      batch = [];
    },
  };
  const done = (count: number) => recordActivity(ctx, { type: "buyers_exported", description: `Exported ${count} buyers to CSV`, metadata: { count, mode: target.mode === "ids" ? "selection" : "filter" } });
  return csvStreamOf<B>(cursor, COLUMNS.map(([h]) => h), (b) => COLUMNS.map(([, get]) => get(b)), done);
}

import "server-only";
import { defineReadModel, readModelMode } from "@/lib/core/read-models/read-model";
import { Deal } from "@/models/deal";
import { DEAL_INDEX_PROJECTION, joinDealParties, shapeDealRow, toDealIndexRow, type DealIndexRow, type DealSourceDoc } from "./deal-index-row";

/**
 * The deals' read model (lib/core/read-models): a deal as a compact row with its buyer's and
 * seller's names (deal-index-row.ts), fed by deal events and by the buyer and lead events that
 * change what a deal row shows (subscriber.ts). The deal list, the board and the disposition
 * dashboard read it.
 */
export const dealReadModel = defineReadModel<DealIndexRow, DealSourceDoc>({
  name: "deal",
  version: 1,
  model: Deal,
  projection: DEAL_INDEX_PROJECTION,
  join: joinDealParties,
  toRow: toDealIndexRow,
  shapeRow: shapeDealRow,
  // Measured: about 520 bytes of heap a row with both names and a full address (50,000 rows parsed
  // from their JSON into a Map); budgeted higher for the search text a first search caches.
  rowBytes: 700,
});

/**
 * `DEAL_SUMMARY=off` reads deals from the database (as `LEAD_LIST_INDEX=off`, which turns every
 * read model off: MongoDB deployments, whose indexes serve these reads).
 */
export function dealReadModelsEnabled(): boolean {
  return process.env.DEAL_SUMMARY !== "off" && readModelMode() !== "off";
}

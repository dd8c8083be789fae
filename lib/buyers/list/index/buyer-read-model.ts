import "server-only";
import { defineReadModel } from "@/lib/core/read-models/read-model";
import { Buyer } from "@/models/buyer";
import { BUYER_INDEX_PROJECTION, shapeBuyerRow, toBuyerIndexRow, type BuyerIndexRow, type BuyerSourceDoc } from "./buyer-index-row";

/**
 * The buyer list's read model (lib/core/read-models): a buyer as a compact row, fed by buyer
 * events (every writer of buyers: forms, bulk actions, imports, deletes and restores, and the
 * contact counters and deal closings that write last_contacted, communication_count and
 * total_deals on the buyer).
 */
export const buyerReadModel = defineReadModel<BuyerIndexRow, BuyerSourceDoc>({
  name: "buyer",
  // 2: search keys for a phone's local number and last four digits and an e-mail's domain.
  // 3: search keys fold ß ø ł æ œ and keep words of other scripts.
  version: 3,
  model: Buyer,
  projection: BUYER_INDEX_PROJECTION,
  toRow: toBuyerIndexRow,
  shapeRow: shapeBuyerRow,
  // Measured: about 1,500 bytes a row (heap growth loading 10,000 rows, npm run bench:buyers;
  // docs/benchmarks.md, "Buyers"): three arrays a row (types, locations, search keys).
  rowBytes: 1500,
});

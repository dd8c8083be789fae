import "server-only";
import { defineReadModel } from "@/lib/core/read-models/read-model";
import { Lead } from "@/models/lead";
import { INDEX_PROJECTION, shapeRow, toIndexRow, type IndexRow, type IndexSourceDoc } from "./index-row";

/**
 * The lead list index as a read model (lib/core/read-models): a lead as a compact row
 * (index-row.ts), fed by lead events. Version 3: search keys of every phone, e-mail domain,
 * street and city.
 */
export const leadReadModel = defineReadModel<IndexRow, IndexSourceDoc>({
  name: "lead",
  version: 3,
  model: Lead,
  projection: INDEX_PROJECTION,
  toRow: toIndexRow,
  shapeRow,
  // Measured (docs/benchmarks.md): about 900 bytes a row.
  rowBytes: 900,
});

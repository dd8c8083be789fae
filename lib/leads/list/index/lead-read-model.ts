import "server-only";
import { createHash } from "node:crypto";
import { defineReadModel } from "@/lib/core/read-models/read-model";
import { Lead } from "@/models/lead";
import { LEAD_ROW_FIELDS, rowKeyOf } from "../../fields";
import { INDEX_PROJECTION, shapeRow, toIndexRow, type IndexRow, type IndexSourceDoc } from "./index-row";

/**
 * Bumped by hand when rows change meaning. Version 3: search keys of every phone, e-mail domain,
 * street and city. Version 4: keys fold ß ø ł æ œ and keep words of other scripts. Version 5: the
 * ZIP code's five digits.
 */
const MEANING = 5;

/**
 * Which fields a row holds, under which keys, of which kinds (lib/leads/fields.ts): a field added
 * to the list changes it, and with it the version, so the copies built before are left behind and
 * rebuilt by the worker instead of serving rows without the field.
 */
const LAYOUT = parseInt(createHash("sha1").update(LEAD_ROW_FIELDS.map((f) => `${rowKeyOf(f)}:${f.kind}`).join(",")).digest("hex").slice(0, 5), 16);

/**
 * The lead list index as a read model (lib/core/read-models): a lead as a compact row
 * (index-row.ts), fed by lead events.
 */
export const leadReadModel = defineReadModel<IndexRow, IndexSourceDoc>({
  name: "lead",
  version: MEANING * 10_000_000 + LAYOUT,
  model: Lead,
  projection: INDEX_PROJECTION,
  toRow: toIndexRow,
  shapeRow,
  // Measured (docs/benchmarks.md): about 900 bytes a row.
  rowBytes: 900,
});

import { z } from "zod";

/**
 * What a bulk action on a list applies to: the records ticked on screen (`ids`), or every record
 * the list's filters select (`all`, "select all N matching": the list's URL search string, parsed
 * again on the server like any URL). Either way the server decides which records that is, within
 * the tenant and what the person may see: ids of records they cannot see (another tenant's
 * included) match nothing. One shape for every list (leads, buyers).
 */
export function bulkTargetSchemaOf({ noun, maxIds }: { noun: string; maxIds: number }) {
  return z.discriminatedUnion("mode", [
    z.object({
      mode: z.literal("ids"),
      ids: z
        .array(z.string().regex(/^[0-9a-f]{24}$/i, "Invalid id"))
        .min(1, `Select at least one ${noun}`)
        .max(maxIds, `Select at most ${maxIds} ${noun}s, or use "all matching"`),
    }),
    z.object({ mode: z.literal("all"), query: z.string().max(4000, "The list state is too long") }),
  ]);
}

export type BulkTarget = { mode: "ids"; ids: string[] } | { mode: "all"; query: string };

import { z } from "zod";
import { objectIdSchema } from "@/lib/zod/fields";

/** The most leads a person can tick by hand (a page is at most 100). */
export const MAX_SELECTION = 500;

/**
 * What a bulk action applies to: the leads ticked on screen, or every lead the list's filters
 * select. Either way the server decides which leads that is, from the person's own visibility;
 * ids of leads they cannot see (another tenant's included) simply match nothing.
 */
export const bulkTargetSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("ids"), ids: z.array(objectIdSchema).min(1, "Select at least one lead").max(MAX_SELECTION, `Select at most ${MAX_SELECTION} leads, or use "all matching"`) }),
  // The list's URL search string; parsed again on the server like any URL.
  z.object({ mode: z.literal("all"), query: z.string().max(4000) }),
]);
export type BulkTarget = z.infer<typeof bulkTargetSchema>;

import { bulkTargetSchemaOf } from "@/lib/core/bulk/target-schema";

/** The most leads a person can tick by hand (a page is at most 100). */
export const MAX_SELECTION = 500;

/** The ticked leads, or every lead the list's filters select (lib/core/bulk/target-schema.ts). */
export const bulkTargetSchema = bulkTargetSchemaOf({ noun: "lead", maxIds: MAX_SELECTION });
export type { BulkTarget } from "@/lib/core/bulk/target-schema";

import { z } from "zod";
import { objectIdSchema } from "@/lib/zod/fields";
import { leadPrioritySchema, leadStatusSchema } from "@/lib/zod/schemas/lead";
import { tagNameSchema } from "@/lib/zod/schemas/tag";
import { bulkTargetSchema } from "./target-schema";

const tags = z.array(tagNameSchema).min(1, "Choose at least one tag").max(20, "At most 20 tags at once");

export const bulkAssignSchema = z.object({ target: bulkTargetSchema, userId: z.union([objectIdSchema, z.literal("")], { error: "Choose a teammate" }) });
export const bulkTagsSchema = z.object({ target: bulkTargetSchema, op: z.enum(["add", "remove"]), tags });
export const bulkStatusSchema = z.object({ target: bulkTargetSchema, status: leadStatusSchema });
export const bulkPrioritySchema = z.object({ target: bulkTargetSchema, priority: leadPrioritySchema });
export const bulkDeleteSchema = z.object({ target: bulkTargetSchema });
export const restoreLeadsSchema = z.object({ batchId: z.string().regex(/^[0-9a-f-]{36}$/i, "Nothing to restore") });

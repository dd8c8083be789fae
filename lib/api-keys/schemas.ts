import { z } from "zod";
import { PERMISSIONS } from "@/lib/core/permissions";
import { objectIdSchema } from "@/lib/zod/fields";

const scopeSchema = z.enum(PERMISSIONS, { error: "Unknown permission" });

export const createApiKeySchema = z.object({
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  // Checkbox groups arrive as one string or an array.
  scopes: z
    .union([scopeSchema, z.array(scopeSchema)], { error: "Choose at least one permission" })
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]))
    .refine((v) => v.length > 0, "Choose at least one permission"),
});

export const apiKeyIdSchema = z.object({ keyId: objectIdSchema });

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

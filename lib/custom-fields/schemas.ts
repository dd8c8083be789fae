// What the custom fields admin screen sends: the whole list in order, and the version it edited.
// Shared by the form and the server (no server imports here).
import { z } from "zod";
import { customFieldDefinitionsSchema } from "@/lib/zod/schemas/custom-fields";

export const saveCustomFieldsSchema = customFieldDefinitionsSchema.extend({
  /** The definitions' updated_at when the screen loaded them (null: there were none); a newer save wins nothing silently. */
  version: z.string().max(40).nullable().optional(),
});

export type SaveCustomFieldsInput = z.input<typeof saveCustomFieldsSchema>;

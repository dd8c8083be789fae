import { z } from "zod";
import { objectIdSchema } from "@/lib/zod/fields";
import { SAVED_VIEW_SCOPES, SAVED_VIEW_VISIBILITIES } from "@/models/saved-view-enums";

const name = z.string({ error: "Name the view" }).trim().min(1, "Name the view").max(60, "A view name is at most 60 characters");
// The list's URL search string; parsed and normalised again on the server.
const query = z.string().max(2000, "The view's filters are too long").transform((q) => q.replace(/^\?/, ""));
const visibility = z.enum(SAVED_VIEW_VISIBILITIES, { error: "Choose who sees the view" });
// Checkbox input: "on" when shared.
const shared = z.preprocess((v) => (v === "on" || v === "true" || v === true ? "shared" : v === undefined || v === "" || v === "false" || v === false ? "private" : v), visibility);

// Which list the view belongs to; the lead list unless told.
const scope = z.enum(SAVED_VIEW_SCOPES, { error: `List must be one of: ${SAVED_VIEW_SCOPES.join(", ")}` }).optional();

export const createSavedViewSchema = z.object({ name, query, visibility: shared, scope });
export const updateSavedViewSchema = z.object({ id: objectIdSchema, name: name.optional(), query: query.optional(), visibility: shared.optional(), scope });
export const deleteSavedViewSchema = z.object({ id: objectIdSchema, scope });

export type CreateSavedViewInput = z.infer<typeof createSavedViewSchema>;
export type UpdateSavedViewInput = z.infer<typeof updateSavedViewSchema>;

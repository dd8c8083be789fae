import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { SAVED_VIEW_SCOPES, SAVED_VIEW_VISIBILITIES } from "./saved-view-enums";
import { baseOptions, enumField, tenantField, tenantOwned } from "./shared";

export { SAVED_VIEW_SCOPES, SAVED_VIEW_VISIBILITIES };

/**
 * A saved list view ("smart list"): a name and the list's URL state. Private views belong to
 * their owner; shared views are visible to the whole tenant and edited only by their owner or an
 * admin.
 */
const savedViewSchema = new Schema(
  {
    tenant_id: tenantField,
    owner_id: { type: Schema.Types.ObjectId, ref: "User", required: [true, "owner is required"] },
    scope: { ...enumField(SAVED_VIEW_SCOPES, "scope", "leads"), required: true },
    name: { type: String, trim: true, required: [true, "name is required"], maxlength: [60, "name must be at most 60 characters"] },
    visibility: { ...enumField(SAVED_VIEW_VISIBILITIES, "visibility", "private"), required: true },
    // The list's URL parameters, normalised (lib/leads/list/list-query.ts), without a page cursor.
    query: { type: String, default: "", maxlength: [2000, "the view's filters are too long"] },
  },
  baseOptions("saved_views"),
);

savedViewSchema.index({ tenant_id: 1, scope: 1, owner_id: 1 });
savedViewSchema.index({ tenant_id: 1, scope: 1, visibility: 1 });

tenantOwned(savedViewSchema);

export type SavedViewDoc = InferSchemaType<typeof savedViewSchema>;
export const SavedView: Model<SavedViewDoc> = models.SavedView ?? model("SavedView", savedViewSchema);

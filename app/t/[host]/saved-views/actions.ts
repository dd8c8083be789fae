"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { createSavedViewSchema, deleteSavedViewSchema, updateSavedViewSchema } from "@/lib/saved-views/schemas";
import { createSavedView, deleteSavedView, updateSavedView } from "@/lib/saved-views/saved-views";

// The permission to read the view's list is checked by the data layer, per scope.
const refresh = (scope: "leads" | "deals" | "buyers" = "leads") => revalidatePath(`/t/[host]/${scope}`, "layout");

export const saveViewAction = tenantAction(createSavedViewSchema, null, async (ctx, input) => {
  const view = await createSavedView(ctx, input);
  revalidatePath("/leads", "layout");
  refresh(input.scope);
  return view;
});

export const updateViewAction = tenantAction(updateSavedViewSchema, null, async (ctx, input) => {
  await updateSavedView(ctx, input);
  revalidatePath("/leads", "layout");
  refresh(input.scope);
  return { id: input.id };
});

export const deleteViewAction = tenantAction(deleteSavedViewSchema, null, async (ctx, input) => {
  await deleteSavedView(ctx, input.id, input.scope);
  revalidatePath("/leads", "layout");
  refresh(input.scope);
  return { id: input.id };
});

"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/tenant-action";
import { createSavedViewSchema, deleteSavedViewSchema, updateSavedViewSchema } from "./schemas";
import { createSavedView, deleteSavedView, updateSavedView } from "./saved-views";

export const saveViewAction = tenantAction(createSavedViewSchema, "leads.read", async (ctx, input) => {
  const view = await createSavedView(ctx, input);
  revalidatePath("/leads", "layout");
  return view;
});

export const updateViewAction = tenantAction(updateSavedViewSchema, "leads.read", async (ctx, input) => {
  await updateSavedView(ctx, input);
  revalidatePath("/leads", "layout");
  return { id: input.id };
});

export const deleteViewAction = tenantAction(deleteSavedViewSchema, "leads.read", async (ctx, input) => {
  await deleteSavedView(ctx, input.id);
  revalidatePath("/leads", "layout");
  return { id: input.id };
});

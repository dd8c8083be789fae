"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { createSettingSchema, settingIdSchema, updateSettingSchema } from "@/lib/settings/schemas";
import { createSetting, deleteSetting, updateSetting } from "@/lib/settings/settings-store";

const refresh = () => revalidatePath("/", "layout");

export const createSettingAction = tenantAction(createSettingSchema, "settings.manage", async (ctx, input) => {
  const s = await createSetting(ctx, input);
  refresh();
  return { message: `Added ${s.category} / ${s.key}.` };
});

export const updateSettingAction = tenantAction(updateSettingSchema, "settings.manage", async (ctx, { id, ...input }) => {
  const s = await updateSetting(ctx, id, input);
  refresh();
  return { message: `Saved ${s.category} / ${s.key}.` };
});

export const deleteSettingAction = tenantAction(settingIdSchema, "settings.manage", async (ctx, { id }) => {
  await deleteSetting(ctx, id);
  refresh();
  return { message: "Deleted." };
});

"use server";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { saveCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { saveCustomFieldsSchema } from "@/lib/custom-fields/schemas";

export const saveCustomFieldsAction = tenantAction(saveCustomFieldsSchema, "settings.manage", async (ctx, input) => {
  const saved = await saveCustomFieldDefinitions(ctx, input);
  // Lead pages render the definitions: drop any copy the browser's router kept.
  revalidatePath("/t/[host]/leads/[id]", "page");
  return saved;
});

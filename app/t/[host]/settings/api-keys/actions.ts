"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { apiKeyIdSchema, createApiKeySchema } from "@/lib/api-keys/schemas";

const refresh = () => revalidatePath("/settings/api-keys");

export const createApiKeyAction = tenantAction(createApiKeySchema, "settings.manage", async (ctx, input) => {
  const key = await createApiKey(ctx, input);
  refresh();
  return key;
});

export const revokeApiKeyAction = tenantAction(apiKeyIdSchema, "settings.manage", async (ctx, { keyId }) => {
  await revokeApiKey(ctx, keyId);
  refresh();
  return { message: "Revoked: requests with this key are refused from now on." };
});

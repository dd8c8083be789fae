"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { renewTenantSession } from "@/lib/auth/renew-tenant-session";
import { changeMyPassword } from "@/lib/preferences/change-password";
import { updateMyProfile } from "@/lib/preferences/profile";
import { changePasswordSchema, profileSchema } from "@/lib/preferences/schemas";
import { THEME_COOKIE, THEME_COOKIE_MAX_AGE } from "@/lib/preferences/theme";

export const saveProfileAction = tenantAction(profileSchema, null, async (ctx, input) => {
  await updateMyProfile(ctx, input);
  // Read by the root layout's script before the first paint of every page on this host.
  (await cookies()).set(THEME_COOKIE, input.theme, { path: "/", maxAge: THEME_COOKIE_MAX_AGE, sameSite: "lax", httpOnly: false });
  revalidatePath("/", "layout");
  return { theme: input.theme };
});

export const changePasswordAction = tenantAction(changePasswordSchema, null, async (ctx, input) => {
  const { sessionVersion } = await changeMyPassword(ctx, { current: input.current, next: input.next });
  await renewTenantSession(ctx, sessionVersion);
  return { changed: true };
});

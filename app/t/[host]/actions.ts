"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { currentRequestInput } from "@/lib/core/tenancy/request-context";
import { endTenantSession } from "@/lib/auth/end-session";
import { sessionCookieOptions, tenantSessionCookieName } from "@/lib/core/session/session-cookies";

/**
 * Ends the session on the server (lib/auth/end-session.ts) and clears this host's cookie, then
 * sends the browser to the root host to clear the root cookie too.
 */
async function endSession(everywhere: boolean): Promise<never> {
  const next = await endTenantSession(await currentRequestInput(), { everywhere });
  (await cookies()).set(tenantSessionCookieName(), "", sessionCookieOptions(0));
  redirect(next);
}

export async function signOutAction(): Promise<never> {
  return endSession(false);
}

export async function signOutEverywhereAction(): Promise<never> {
  return endSession(true);
}

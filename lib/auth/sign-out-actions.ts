"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { scoped } from "@/lib/db/scoped";
import { appDomain } from "@/lib/env";
import { classifyHost } from "@/lib/tenancy/host";
import { rootOrigin, tenantHostParam } from "@/lib/tenancy/origins";
import { currentSession } from "@/lib/tenancy/request-context";
import { User } from "@/models/user";
import { decodeTenantSession, sessionCookieOptions, tenantSessionCookieName } from "./session-cookies";
import { recordSignOut } from "./sign-in-events";
import { signOutTicket } from "./sign-out-ticket";

/**
 * Ends the session on this tenant host, then sends the browser to the root host to end the root
 * session too (else the next visit would sign straight back in). "Everywhere" also bumps the
 * member's session_version, which ends every other session of this member at its next request.
 * Works in a suspended workspace: it changes no business data.
 */
async function endSession(everywhere: boolean): Promise<never> {
  const state = await currentSession();
  const jar = await cookies();
  // Whose root session to end: the member's, or the person a session no longer valid here named.
  const email = state.kind === "member" ? state.member.email : (await decodeTenantSession(jar.get(tenantSessionCookieName())?.value))?.email;
  if (state.kind === "member") {
    const { ctx, member } = state;
    if (everywhere) {
      // Set from the value read, guarded by it, rather than $inc (FerretDB can lose racing $inc).
      const users = scoped(ctx, User);
      const row = await users.findById(member.userId, { session_version: 1 }).lean();
      const current = row?.session_version ?? 0;
      await users.updateOne({ _id: member.userId, session_version: current }, { $set: { session_version: current + 1 } });
    }
    await recordSignOut({ ...ctx, userId: member.userId }, { email: member.email, everywhere });
  }
  jar.set(tenantSessionCookieName(), "", sessionCookieOptions(0));

  const match = classifyHost((await headers()).get("host"), appDomain());
  if (match.kind !== "subdomain" && match.kind !== "custom") redirect("/");
  const host = tenantHostParam(match);
  redirect(`${rootOrigin()}/api/auth/end?${new URLSearchParams({ to: host, ...(email ? signOutTicket(host, email) : {}) })}`);
}

export async function signOutAction(): Promise<never> {
  return endSession(false);
}

export async function signOutEverywhereAction(): Promise<never> {
  return endSession(true);
}

import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import { appDomain } from "@/lib/core/env";
import { classifyHost } from "@/lib/core/tenancy/host";
import { rootOrigin, tenantHostParam } from "@/lib/core/tenancy/origins";
import { resolveSession, type RequestInput } from "@/lib/core/tenancy/session-context";
import { User } from "@/models/user";
import { endTenantSessionOf } from "@/lib/core/session/session-cookies";
import { recordSignOut } from "./sign-in-events";
import { signOutTicket } from "./sign-out-ticket";

/**
 * Signing out on a tenant host, on the server: this tenant session, the root session it was
 * minted from and the other workspace sessions minted from that root end in the registry at once,
 * so copies of either cookie are refused on every host from now on. "Everywhere" also bumps the
 * member's session_version, which ends every other session of this member. Returns where the
 * browser goes next: the root host's /api/auth/end, which clears the root cookie of the person
 * who signed out (the caller clears this host's cookie). Works in a suspended workspace.
 */
export async function endTenantSession(input: RequestInput, { everywhere }: { everywhere: boolean }): Promise<string> {
  const state = await resolveSession(input);
  // Ended whether or not it still held: a session no longer valid here may still name a live root.
  const ended = await endTenantSessionOf(input.tenantSession);
  const email = state.kind === "member" ? state.member.email : ended?.email;
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

  const match = classifyHost(input.host, appDomain());
  if (match.kind !== "subdomain" && match.kind !== "custom") return "/";
  const host = tenantHostParam(match);
  return `${rootOrigin()}/api/auth/end?${new URLSearchParams({ to: host, ...(email ? signOutTicket(host, email) : {}) })}`;
}

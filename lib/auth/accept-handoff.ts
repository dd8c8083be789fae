import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { acceptInvite } from "@/lib/team/accept-invite";
import { isTheme, type Theme } from "@/lib/preferences/theme";
import { safeNextPath } from "@/lib/core/tenancy/origins";
import type { TenantInfo } from "@/lib/core/tenancy/resolve-tenant";
import { User } from "@/models/user";
import { consumeHandoff, type HandoffRecord } from "./handoff";
import type { TenantClaims } from "@/lib/core/session/session-claims";
import { startTenantSession } from "@/lib/core/session/session-registry";
import { recordSignIn, recordSignInFailure, type FailureReason } from "./sign-in-events";
import { sameToken } from "./sso-state";

export type HandoffError = "expired" | "not_member" | "inactive" | "invite";

export type HandoffOutcome =
  | { ok: true; claims: TenantClaims; next: string; theme: Theme }
  | { ok: false; error: HandoffError; message?: string };

type Input = {
  tenant: TenantInfo;
  code: unknown;
  /** The SSO state cookie of this tenant host. */
  state: string | undefined;
  /** The `dc_invite` cookie, when the person came from "Accept with Google" on an invitation. */
  inviteToken?: string;
  ip?: string;
  userAgent?: string;
};

/**
 * The tenant host's side of a hand-off: the code must be this tenant's and this browser's, and
 * the person must be an active member now. A Google identity may first accept a pending
 * invitation (the `dc_invite` cookie). Google's subject is linked to the member on first use and
 * must match afterwards. Returns the claims of the new tenant session, or why not.
 */
export async function acceptHandoff(input: Input): Promise<HandoffOutcome> {
  const { tenant } = input;
  const record = await consumeHandoff(input.code);
  if (!record || record.tenantId !== tenant.id || !sameToken(record.state, input.state)) return { ok: false, error: "expired" };

  const ctx: TenantContext = { tenantId: tenant.id, ip: input.ip, userAgent: input.userAgent };
  let inviteAccepted = false;
  let inviteProblem: string | undefined;
  if (record.amr === "google" && record.gsub && input.inviteToken) {
    try {
      await acceptInvite({
        tenantId: tenant.id,
        token: input.inviteToken,
        google: { sub: record.gsub, email: record.email, name: record.name },
        ip: input.ip,
        userAgent: input.userAgent,
      });
      inviteAccepted = true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      inviteProblem = err.message;
    }
  }

  const user = await scoped(ctx, User)
    .findOne({ email: record.email }, { email: 1, is_active: 1, session_version: 1, google_id: 1, "preferences.theme": 1 })
    .lean();
  const refusal = refusalReason(record, user, inviteAccepted);
  if (refusal) {
    await recordSignInFailure(ctx, { email: record.email, reason: refusal, method: record.amr, userId: user ? String(user._id) : undefined });
    if (inviteProblem) return { ok: false, error: "invite", message: inviteProblem };
    const error: HandoffError = refusal === "inactive" ? "inactive" : refusal === "session_ended" ? "expired" : "not_member";
    return { ok: false, error };
  }

  // Minted from the root session that issued the code, unless that one ended meanwhile (signed out).
  const sid = await startTenantSession(record.rootSid);
  if (!sid) {
    await recordSignInFailure(ctx, { email: record.email, reason: "session_ended", method: record.amr, userId: String(user!._id) });
    return { ok: false, error: "expired" };
  }
  const userId = String(user!._id);
  if (record.amr === "google" && !user!.google_id) {
    await scoped(ctx, User).updateOne({ _id: user!._id }, { $set: { google_id: record.gsub } });
  }
  await recordSignIn({ ...ctx, userId }, { email: record.email, method: record.amr });
  return {
    ok: true,
    next: safeNextPath(record.next),
    // This host's theme cookie, so the first page of a new browser already has the person's theme.
    theme: isTheme(user!.preferences?.theme) ? user!.preferences.theme : "auto",
    claims: { typ: "tenant", sub: userId, tid: tenant.id, email: record.email, sv: user!.session_version ?? 0, amr: record.amr, sid, rsid: record.rootSid },
  };
}

type UserRow = { _id: unknown; email?: string | null; is_active?: boolean | null; session_version?: number | null; google_id?: string | null; preferences?: { theme?: string | null } | null } | null;

function refusalReason(record: HandoffRecord, user: UserRow, inviteAccepted: boolean): FailureReason | null {
  if (!user) return "not_member";
  if (user.is_active === false) return "inactive";
  if (record.amr === "google" && user.google_id && user.google_id !== record.gsub) return "google_mismatch";
  if (inviteAccepted) return null;
  // Otherwise the root sign-in must have proved this very membership, still at the same version.
  const m = record.member;
  if (!m || m.u !== String(user._id)) return "not_member";
  if (m.v !== (user.session_version ?? 0)) return "session_ended";
  return null;
}

import "server-only";
import { z } from "zod";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { appDomain } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { NO_WORKSPACE, signInSucceeded, takeSignInSlots } from "@/lib/core/rate-limit/sign-in-limits";
import { classifyHost } from "@/lib/core/tenancy/host";
import { findTenantForHost, type TenantInfo } from "@/lib/core/tenancy/resolve-tenant";
import { emailSchema } from "@/lib/zod/fields";
import { findAccountsByEmail, toMembership, type Account } from "./memberships";
import { hashPassword, verifyPassword } from "./password";
import type { RootIdentity } from "@/lib/core/session/session-claims";
import { recordSignInFailure, type FailureReason } from "./sign-in-events";

/**
 * The sign-in form. Strings only: an operator object such as `{ "$ne": "" }` fails here, before
 * anything reaches a query. `to` is the workspace host the person is signing in to, if any.
 */
export const passwordSignInSchema = z.object({
  email: z.string({ error: "Enter your e-mail address" }).pipe(emailSchema),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "That password is too long"),
  to: z.string().max(300).optional(),
});

export const WRONG_CREDENTIALS = "Wrong e-mail or password.";
export const DEACTIVATED = "Your account in this workspace was deactivated. Ask an admin of the workspace to reactivate it.";

export type RequestMeta = { ip?: string; userAgent?: string };

// Verifying against a real hash when no account exists keeps the answer's timing the same, so
// response time does not reveal which e-mails have accounts.
let dummyHash: Promise<string> | null = null;
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword("timing-equaliser-not-a-password");
  return dummyHash;
}

/** The workspace a sign-in names by host; refuses unknown and closed workspaces. */
export async function signInTarget(to: string | undefined): Promise<TenantInfo | null> {
  if (!to) return null;
  const match = classifyHost(to, appDomain());
  const tenant = match.kind === "subdomain" || match.kind === "custom" ? await findTenantForHost(match) : null;
  if (!tenant) throw new AppError("not_found", "That workspace does not exist. Check its address.");
  if (tenant.subscription_status === "cancelled") throw new AppError("not_found", "This workspace was closed.");
  return tenant;
}

/**
 * E-mail and password sign-in on the root host. Returns the root session's claims: the person
 * and every active membership whose password this is. With a target workspace, its account must
 * be among them. Failures count against the account (the e-mail in the target workspace, or in
 * each of its workspaces without a target) and the client IP, and are logged in the workspace
 * they were aimed at. A locked account is left out of every sign-in, with or without a target,
 * so guessing cannot go on through another way in.
 */
export async function passwordSignIn(raw: unknown, meta: RequestMeta): Promise<RootIdentity> {
  const parsed = passwordSignInSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("bad_request", "Enter your e-mail address and password.");
  const { email, password, to } = parsed.data;
  const target = await signInTarget(to);

  const accounts = await findAccountsByEmail(email, { withPassword: true });
  const workspaces = [...new Set(accounts.map((a) => a.tenantId))];
  const aimed = target ? [target.id] : workspaces.length ? workspaces : [NO_WORKSPACE];
  // The failure is counted before the password is checked, atomically (see takeSignInSlots).
  const slots = await takeSignInSlots({ email, workspaces: aimed, ip: meta.ip }, workspaces);
  const usable = accounts.filter((a) => !slots.locked.has(a.tenantId));

  const matched: Account[] = [];
  for (const account of usable) {
    if (account.passwordHash && (await verifyPassword(account.passwordHash, password))) matched.push(account);
  }
  if (!usable.some((a) => a.passwordHash)) await verifyPassword(await timingDummy(), password);

  const active = matched.filter((a) => a.isActive);
  const inTarget = target ? matched.find((a) => a.tenantId === target.id) : undefined;
  let failure: { reason: FailureReason; message: string } | null = null;
  if (target && !inTarget) {
    failure = { reason: accounts.some((a) => a.tenantId === target.id) ? "bad_password" : "unknown_email", message: WRONG_CREDENTIALS };
  } else if (target && inTarget && !inTarget.isActive) {
    failure = { reason: "inactive", message: DEACTIVATED };
  } else if (!target && !active.length) {
    failure = { reason: accounts.length ? "bad_password" : "unknown_email", message: WRONG_CREDENTIALS };
  }

  if (failure) {
    // The slots taken above are this failure's count.
    const logIn = target ? [target.id] : workspaces;
    await Promise.all(
      logIn.map((tenantId) => {
        const ctx: TenantContext = { tenantId, ip: meta.ip, userAgent: meta.userAgent };
        const userId = accounts.find((a) => a.tenantId === tenantId)?.userId;
        return recordSignInFailure(ctx, { email, reason: failure.reason, method: "password", userId });
      }),
    );
    throw new AppError(failure.reason === "inactive" ? "forbidden" : "unauthorized", failure.message);
  }

  await signInSucceeded(slots, active.map((a) => a.tenantId));
  const primary = inTarget ?? active[0];
  return { typ: "root", email, name: primary.name, amr: "password", m: active.map(toMembership) };
}

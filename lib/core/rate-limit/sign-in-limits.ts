import "server-only";
import { AppError } from "@/lib/core/errors";
import { describeWait, peekBudget, refundBudget, resetBudget, spendBudget, type Budget } from "./rate-limit";

/** Failed sign-ins allowed per account (e-mail in one workspace) and per client IP. */
export const SIGN_IN_ACCOUNT: Budget = { name: "signin-account", max: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_IP: Budget = { name: "signin-ip", max: 30, windowSeconds: 15 * 60 };

// Without a trustworthy client address every such request shares one bucket (see request-meta.ts).
const UNKNOWN_IP = "unknown";

/** The account bucket of a sign-in aimed at no workspace by an e-mail that has no account. */
export const NO_WORKSPACE = "any";

/** A sign-in attempt: the e-mail, the workspaces (tenant ids, or NO_WORKSPACE) whose accounts it tries, the client IP. */
export type SignInSubject = { email: string; workspaces: string[]; ip?: string };

/**
 * The slots one attempt holds. Each is one failure counted in advance: an attempt that fails
 * keeps them; one that succeeds gives them back (signInSucceeded).
 */
export type SignInSlots = {
  subject: SignInSubject;
  /** Workspaces whose account is locked: their passwords must not be checked by this attempt. */
  locked: Set<string>;
  /** Aimed workspaces where this attempt holds a slot (one of the account's 5). */
  held: string[];
};

const account = (email: string, workspace: string) => `${workspace}|${email}`;
const ipOf = (s: { ip?: string }) => s.ip ?? UNKNOWN_IP;

export function rateLimitMessage(seconds: number): string {
  return `Too many failed sign-in attempts. Please wait ${describeWait(seconds)} and try again.`;
}

/**
 * Takes this attempt's slots BEFORE any password is checked: one of the client IP's 30 and one of
 * each aimed account's 5, each an atomic Redis INCR. N attempts racing for one account therefore
 * check at most 5 passwords between them: the 6th INCR sees 6 whatever the timing. (Reading the
 * counter, checking the password and counting the failure afterwards let 25 concurrent guesses
 * check 9 passwords.)
 *
 * `also` lists workspaces the attempt would prove without aiming at them (a sign-in proves every
 * membership with this password): they are only looked at, and left out when locked. Throws
 * rate_limited when the IP or every aimed account is out of attempts; then nothing was checked.
 */
export async function takeSignInSlots(subject: SignInSubject, also: string[] = []): Promise<SignInSlots> {
  const byIp = await spendBudget(SIGN_IN_IP, ipOf(subject));
  if (byIp.limited) throw new AppError("rate_limited", rateLimitMessage(byIp.retryAfterSeconds));

  const aimed = [...new Set(subject.workspaces)];
  const others = [...new Set(also)].filter((w) => !aimed.includes(w));
  const [taken, looked] = await Promise.all([
    Promise.all(aimed.map((w) => spendBudget(SIGN_IN_ACCOUNT, account(subject.email, w)))),
    Promise.all(others.map((w) => peekBudget(SIGN_IN_ACCOUNT, account(subject.email, w)))),
  ]);
  const locked = new Set([...aimed.filter((_, i) => taken[i].limited), ...others.filter((_, i) => looked[i].limited)]);
  const held = aimed.filter((w) => !locked.has(w));
  if (aimed.length && !held.length) {
    // No password will be checked: the IP's slot goes back (the over-limit account counts need not).
    await refundBudget(SIGN_IN_IP, ipOf(subject));
    throw new AppError("rate_limited", rateLimitMessage(Math.max(...taken.map((v) => v.retryAfterSeconds))));
  }
  return { subject, locked, held };
}

/**
 * The attempt proved the password of the accounts in `proved`: their failures are cleared; the
 * other slots it held (aimed accounts it did not prove, the IP's) are given back, since nothing
 * failed. A failed attempt calls nothing: its slots are its counted failures.
 */
export async function signInSucceeded(slots: SignInSlots, proved: string[]): Promise<void> {
  const { email } = slots.subject;
  await Promise.all([
    ...[...new Set(proved)].map((w) => resetBudget(SIGN_IN_ACCOUNT, account(email, w))),
    ...slots.held.filter((w) => !proved.includes(w)).map((w) => refundBudget(SIGN_IN_ACCOUNT, account(email, w))),
    refundBudget(SIGN_IN_IP, ipOf(slots.subject)),
  ]);
}

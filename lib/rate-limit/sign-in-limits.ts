import "server-only";
import { AppError } from "@/lib/errors";
import { describeWait, peekBudget, resetBudget, spendBudget, type Budget } from "./rate-limit";

/** Failed sign-ins allowed per account (e-mail in one workspace) and per client IP. */
export const SIGN_IN_ACCOUNT: Budget = { name: "signin-account", max: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_IP: Budget = { name: "signin-ip", max: 30, windowSeconds: 15 * 60 };

// Without a trustworthy client address every such request shares one bucket (see request-meta.ts).
const UNKNOWN_IP = "unknown";

/** The account bucket of a sign-in aimed at no workspace by an e-mail that has no account. */
export const NO_WORKSPACE = "any";

/** A sign-in attempt: the e-mail, the workspaces (tenant ids, or NO_WORKSPACE) whose accounts it tries, the client IP. */
export type SignInSubject = { email: string; workspaces: string[]; ip?: string };

const account = (email: string, workspace: string) => `${workspace}|${email}`;
const ipOf = (s: { ip?: string }) => s.ip ?? UNKNOWN_IP;

export function rateLimitMessage(seconds: number): string {
  return `Too many failed sign-in attempts. Please wait ${describeWait(seconds)} and try again.`;
}

/** Refuses before any password is checked once the client IP has used its failures. */
export async function assertIpAllowed(subject: { ip?: string }): Promise<void> {
  const byIp = await peekBudget(SIGN_IN_IP, ipOf(subject));
  if (byIp.limited) throw new AppError("rate_limited", rateLimitMessage(byIp.retryAfterSeconds));
}

/**
 * The workspaces among `workspaces` where this e-mail's account has used its failures. Their
 * passwords must not be checked at all, whichever way the sign-in reaches them (with or without
 * a target workspace). Throws rate_limited when every workspace the sign-in aims at is locked.
 */
export async function lockedWorkspaces(subject: SignInSubject, also: string[] = []): Promise<Set<string>> {
  const all = [...new Set([...subject.workspaces, ...also])];
  const verdicts = await Promise.all(all.map((w) => peekBudget(SIGN_IN_ACCOUNT, account(subject.email, w))));
  const locked = new Set(all.filter((_, i) => verdicts[i].limited));
  const aimed = subject.workspaces.map((w) => verdicts[all.indexOf(w)]);
  if (aimed.length && aimed.every((v) => v.limited)) {
    throw new AppError("rate_limited", rateLimitMessage(Math.max(...aimed.map((v) => v.retryAfterSeconds))));
  }
  return locked;
}

/** One failure against each account the sign-in tried, and against the client IP. */
export async function countSignInFailure(subject: SignInSubject): Promise<void> {
  await Promise.all([
    ...subject.workspaces.map((w) => spendBudget(SIGN_IN_ACCOUNT, account(subject.email, w))),
    spendBudget(SIGN_IN_IP, ipOf(subject)),
  ]);
}

/** A successful sign-in clears the failures of the accounts it proved (not the IP's). */
export async function clearAccountFailures(subject: SignInSubject): Promise<void> {
  await Promise.all(subject.workspaces.map((w) => resetBudget(SIGN_IN_ACCOUNT, account(subject.email, w))));
}

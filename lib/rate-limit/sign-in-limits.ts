import "server-only";
import { AppError } from "@/lib/errors";
import { describeWait, peekBudget, resetBudget, spendBudget, type Budget } from "./rate-limit";

/** Failed sign-ins allowed per account (e-mail in one workspace) and per client IP. */
export const SIGN_IN_ACCOUNT: Budget = { name: "signin-account", max: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_IP: Budget = { name: "signin-ip", max: 30, windowSeconds: 15 * 60 };

// Without a trustworthy client address every such request shares one bucket (see request-meta.ts).
const UNKNOWN_IP = "unknown";

export type SignInSubject = { email: string; tenantKey: string; ip?: string };

const account = (s: SignInSubject) => `${s.tenantKey}|${s.email}`;
const ip = (s: SignInSubject) => s.ip ?? UNKNOWN_IP;

export function rateLimitMessage(seconds: number): string {
  return `Too many failed sign-in attempts. Please wait ${describeWait(seconds)} and try again.`;
}

/** Refuses before any password is checked once the account or the IP has used its failures. */
export async function assertSignInAllowed(subject: SignInSubject): Promise<void> {
  const [byAccount, byIp] = await Promise.all([peekBudget(SIGN_IN_ACCOUNT, account(subject)), peekBudget(SIGN_IN_IP, ip(subject))]);
  const wait = Math.max(byAccount.retryAfterSeconds, byIp.retryAfterSeconds);
  if (byAccount.limited || byIp.limited) throw new AppError("rate_limited", rateLimitMessage(wait));
}

export async function countSignInFailure(subject: SignInSubject): Promise<void> {
  await Promise.all([spendBudget(SIGN_IN_ACCOUNT, account(subject)), spendBudget(SIGN_IN_IP, ip(subject))]);
}

/** A successful sign-in clears the account's failures (not the IP's). */
export async function clearAccountFailures(subject: SignInSubject): Promise<void> {
  await resetBudget(SIGN_IN_ACCOUNT, account(subject));
}

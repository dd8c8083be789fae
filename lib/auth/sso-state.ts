import "server-only";
import { timingSafeEqual } from "node:crypto";
import { usesSecureCookies } from "@/lib/core/tenancy/origins";

/**
 * The tenant host's half of a hand-off: a random value set as a cookie before the browser goes to
 * the root host, and carried back inside the code. A code only works in the browser that started
 * the sign-in, so nobody can slip their own session into someone else's browser (login CSRF).
 */
export function ssoStateCookieName(): string {
  return usesSecureCookies() ? "__Host-dc.sso-state" : "dc.sso-state";
}

export const SSO_STATE_MAX_AGE = 10 * 60;

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

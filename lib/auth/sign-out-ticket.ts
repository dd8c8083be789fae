import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "./secret";
import { sameToken } from "./sso-state";

/**
 * Signing out on a tenant host also ends the root session (else the next visit would sign the
 * person straight back in). The tenant host sends the browser to the root with this short-lived
 * signed ticket, so no other site can sign people out by linking to that address.
 */
const TTL_SECONDS = 120;

function sign(host: string, exp: number): string {
  return createHmac("sha256", authSecret()).update(`sign-out|${host}|${exp}`).digest("base64url");
}

export function signOutTicket(host: string, now = Date.now()): { exp: string; sig: string } {
  const exp = Math.floor(now / 1000) + TTL_SECONDS;
  return { exp: String(exp), sig: sign(host, exp) };
}

export function verifySignOutTicket(host: string, exp: unknown, sig: unknown, now = Date.now()): boolean {
  if (typeof exp !== "string" || typeof sig !== "string" || !/^\d{1,12}$/.test(exp)) return false;
  const expiry = Number(exp);
  if (expiry < Math.floor(now / 1000)) return false;
  return sameToken(sig, sign(host, expiry));
}

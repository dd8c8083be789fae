import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "@/lib/core/session/secret";
import { sameToken } from "./sso-state";

/**
 * Signing out on a tenant host also ends the root session (else the next visit would sign the
 * person straight back in). The tenant host sends the browser to the root with this short-lived
 * ticket, signed for the host and the person who signed out there. The root ends only that
 * person's session, so a link someone made with their own ticket signs nobody else out.
 */
const TTL_SECONDS = 120;

function sign(host: string, email: string, exp: number): string {
  return createHmac("sha256", authSecret()).update(`sign-out|${host}|${email}|${exp}`).digest("base64url");
}

export function signOutTicket(host: string, email: string, now = Date.now()): { exp: string; sig: string } {
  const exp = Math.floor(now / 1000) + TTL_SECONDS;
  return { exp: String(exp), sig: sign(host, email, exp) };
}

export function verifySignOutTicket(host: string, email: string, exp: unknown, sig: unknown, now = Date.now()): boolean {
  if (typeof exp !== "string" || typeof sig !== "string" || !/^\d{1,12}$/.test(exp)) return false;
  const expiry = Number(exp);
  if (expiry < Math.floor(now / 1000)) return false;
  return sameToken(sig, sign(host, email, expiry));
}

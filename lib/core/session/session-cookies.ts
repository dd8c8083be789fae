import "server-only";
import { decode, encode } from "next-auth/jwt";
import { usesSecureCookies } from "@/lib/core/tenancy/origins";
import { authSecret } from "./secret";
import { rootClaimsSchema, tenantClaimsSchema, type RootClaims, type RootIdentity, type TenantClaims } from "./session-claims";
import { endSessions, isSessionLive, startRootSession } from "./session-registry";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

// A different key derivation for tenant sessions, so a root token never decrypts as one.
const TENANT_SALT = "dealcycle.tenant-session";

export type CookieOptions = { httpOnly: boolean; sameSite: "lax"; path: string; secure: boolean; maxAge?: number };

/** next-auth's own session cookie on the root host (the name next-auth would pick itself). */
export function rootSessionCookieName(): string {
  return `${usesSecureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

/** The tenant host's session cookie: host-only (`__Host-` where https allows it). */
export function tenantSessionCookieName(): string {
  return usesSecureCookies() ? "__Host-dc.session" : "dc.session";
}

export function sessionCookieOptions(maxAge?: number): CookieOptions {
  return { httpOnly: true, sameSite: "lax", path: "/", secure: usesSecureCookies(), ...(maxAge === undefined ? {} : { maxAge }) };
}

export async function encodeRootSession(claims: RootClaims): Promise<string> {
  return encode({ token: { ...claims, sub: claims.email }, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
}

/** A new root session for what a sign-in proved: recorded in the registry, then encoded. */
export async function issueRootSession(identity: RootIdentity): Promise<string> {
  return encodeRootSession({ ...identity, sid: await startRootSession() });
}

export async function encodeTenantSession(claims: TenantClaims): Promise<string> {
  return encode({ token: claims, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS, salt: TENANT_SALT });
}

// Signature, expiry and shape only. Not exported: every reader must also ask the registry
// whether the session was ended (decodeRootSession / decodeTenantSession below).
async function readRootToken(value: string | undefined | null): Promise<RootClaims | null> {
  if (!value) return null;
  try {
    const parsed = rootClaimsSchema.safeParse(await decode({ token: value, secret: authSecret() }));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function readTenantToken(value: string | undefined | null): Promise<TenantClaims | null> {
  if (!value) return null;
  try {
    const parsed = tenantClaimsSchema.safeParse(await decode({ token: value, secret: authSecret(), salt: TENANT_SALT }));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The root session's claims, or null for a missing, expired, tampered, foreign or ended session. */
export async function decodeRootSession(value: string | undefined | null): Promise<RootClaims | null> {
  const claims = await readRootToken(value);
  return claims && (await isSessionLive(claims.sid)) ? claims : null;
}

/** The tenant session's claims, or null for a missing, expired, tampered, foreign or ended session. */
export async function decodeTenantSession(value: string | undefined | null): Promise<TenantClaims | null> {
  const claims = await readTenantToken(value);
  return claims && (await isSessionLive(claims.sid)) ? claims : null;
}

/**
 * Signing out on a tenant host: ends this tenant session, the root session it was minted from,
 * and every other tenant session minted from that root, whether or not they still held. Returns
 * the claims the cookie carried (whose session it was), or null for a cookie that is no session.
 */
export async function endTenantSessionOf(value: string | undefined | null): Promise<TenantClaims | null> {
  const claims = await readTenantToken(value);
  if (claims) await endSessions({ tenantSid: claims.sid, rootSid: claims.rsid });
  return claims;
}

/** Signing out on the root host: ends the root session and every tenant session minted from it. */
export async function endRootSessionOf(value: string | undefined | null): Promise<RootClaims | null> {
  const claims = await readRootToken(value);
  if (claims) await endSessions({ rootSid: claims.sid });
  return claims;
}

/** next-auth splits a large session cookie into `name.0`, `name.1`, ...; joins them back. */
export function joinChunkedCookie(name: string, all: { name: string; value: string }[]): string | undefined {
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = all
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}

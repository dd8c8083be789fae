import "server-only";
import { decode, encode } from "next-auth/jwt";
import { usesSecureCookies } from "@/lib/tenancy/origins";
import { authSecret } from "./secret";
import { rootClaimsSchema, tenantClaimsSchema, type RootClaims, type TenantClaims } from "./session-claims";

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

export async function encodeTenantSession(claims: TenantClaims): Promise<string> {
  return encode({ token: claims, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS, salt: TENANT_SALT });
}

/** The root session's claims, or null for a missing, expired, tampered or foreign token. */
export async function decodeRootSession(value: string | undefined | null): Promise<RootClaims | null> {
  if (!value) return null;
  try {
    const parsed = rootClaimsSchema.safeParse(await decode({ token: value, secret: authSecret() }));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function decodeTenantSession(value: string | undefined | null): Promise<TenantClaims | null> {
  if (!value) return null;
  try {
    const parsed = tenantClaimsSchema.safeParse(await decode({ token: value, secret: authSecret(), salt: TENANT_SALT }));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
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

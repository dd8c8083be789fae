import "server-only";
import { cookies } from "next/headers";
import { decodeRootSession, joinChunkedCookie, rootSessionCookieName } from "@/lib/core/session/session-cookies";
import type { RootClaims } from "@/lib/core/session/session-claims";

/** The root host's session of the current request (pages and actions on the root host). */
export async function readRootSession(): Promise<RootClaims | null> {
  return decodeRootSession(joinChunkedCookie(rootSessionCookieName(), (await cookies()).getAll()));
}

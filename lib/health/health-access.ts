import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { can } from "@/lib/core/permissions";
import { currentRequestInput } from "@/lib/core/tenancy/request-context";
import { resolveSession } from "@/lib/core/tenancy/session-context";

// /api/health answers on every host, bare IPs included, so anyone can ask it. The database
// engine, its version and raw error texts help an attacker more than a load balancer, which
// needs only the status code: the detail is for a workspace admin signed in on their host, or
// for monitoring that presents HEALTH_TOKEN as a bearer token.

const SESSION_CHECK_MS = 3000;

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** The request carries `Authorization: Bearer <HEALTH_TOKEN>` (unset or shorter than 16: no token works). */
export function hasHealthToken(request: Request): boolean {
  const token = process.env.HEALTH_TOKEN;
  if (!token || token.length < 16) return false;
  const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  return !!given && timingSafeEqual(digest(given), digest(token));
}

/** A member with `settings.manage` (an admin) signed in on the workspace host the request came to. */
async function isWorkspaceAdmin(): Promise<boolean> {
  const input = await currentRequestInput();
  if (!input.tenantSession) return false;
  let timer: NodeJS.Timeout | undefined;
  // With the database down the session cannot be checked; health must still answer at once.
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), SESSION_CHECK_MS);
  });
  try {
    const session = await Promise.race([resolveSession(input), timeout]);
    return session?.kind === "member" && can(session.ctx, "settings.manage");
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Whether this request may read the health detail (database engine and version, error texts). */
export async function mayReadHealthDetail(request: Request): Promise<boolean> {
  return hasHealthToken(request) || (await isWorkspaceAdmin());
}

// Next.js fetches its own origin (http://localhost:PORT) in two places: a server action's
// redirect to a relative path (to stream the target page) and a server action forwarded to the
// worker that bundles it. `fetch` cannot set Host, so those requests arrive with the server's
// internal Host and would be served as the root site (vercel/next.js#65893, #96344). proxy.ts
// therefore stamps every request with the Host it arrived with, signed; a request carrying a
// valid stamp is served as that host. Clients cannot forge the stamp (HMAC with the app secret),
// and proxy.ts drops any unsigned one.
import { createHmac, timingSafeEqual } from "node:crypto";

export const HOST_STAMP_HEADER = "x-dealcycle-host";
export const HOST_STAMP_SIG_HEADER = "x-dealcycle-host-sig";

function key(): string | null {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  return secret && secret.length >= 16 ? secret : null;
}

function sign(host: string, secret: string): string {
  return createHmac("sha256", secret).update(`host-stamp|${host}`).digest("base64url");
}

/** The stamp headers for a host, or null without an app secret (then no stamp is trusted either). */
export function stampHost(host: string): Record<string, string> | null {
  const secret = key();
  return secret ? { [HOST_STAMP_HEADER]: host, [HOST_STAMP_SIG_HEADER]: sign(host, secret) } : null;
}

/** The host a request was stamped with by proxy.ts, if the stamp is genuine. */
export function stampedHost(headers: Headers): string | null {
  const secret = key();
  const host = headers.get(HOST_STAMP_HEADER);
  const sig = headers.get(HOST_STAMP_SIG_HEADER);
  if (!secret || !host || !sig || host.length > 300) return null;
  const expected = Buffer.from(sign(host, secret));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? host : null;
}

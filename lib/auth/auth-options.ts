import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import { AppError } from "@/lib/core/errors";
import { clientIpFrom, userAgentFrom } from "@/lib/core/tenancy/request-meta";
import { googleConfig } from "./google-config";
import { googleRootClaims, parseGoogleProfile } from "./google-sign-in";
import { passwordSignIn } from "./password-sign-in";
import { authSecret } from "@/lib/core/session/secret";
import type { RootIdentity } from "@/lib/core/session/session-claims";
import { endSessions, isSessionLive, startRootSession } from "@/lib/core/session/session-registry";
import { rootSessionCookieName, SESSION_MAX_AGE_SECONDS, sessionCookieOptions } from "@/lib/core/session/session-cookies";
import { usesSecureCookies } from "@/lib/core/tenancy/origins";

type ClaimsUser = User & { claims: RootIdentity };

/** A root cookie whose session was ended (signed out) or never recorded. */
class SessionEnded extends Error {
  constructor() {
    super("the root session has ended");
    this.name = "SessionEnded";
  }
}

function headersFrom(raw: unknown): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) if (typeof v === "string") h.set(k, v);
  return h;
}

/**
 * next-auth on the root host: e-mail and password always, Google when configured. The session it
 * keeps (a JWT cookie on the root host) names the person and the memberships their sign-in
 * proved; tenant hosts get their own session from it through /api/auth/sso (see lib/auth/handoff.ts).
 */
export function authOptions(): NextAuthOptions {
  const google = googleConfig();
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: usesSecureCookies(),
    cookies: { sessionToken: { name: rootSessionCookieName(), options: sessionCookieOptions() } },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail and password",
        credentials: { email: { type: "email" }, password: { type: "password" }, to: { type: "text" } },
        async authorize(credentials, req) {
          const headers = headersFrom(req?.headers);
          try {
            const claims = await passwordSignIn(credentials, { ip: clientIpFrom(headers), userAgent: userAgentFrom(headers) });
            return { id: claims.email, email: claims.email, name: claims.name, claims } satisfies ClaimsUser;
          } catch (err) {
            // next-auth hands the message to the form; only our own messages may reach it.
            if (err instanceof AppError) throw new Error(err.message);
            console.error("[sign-in]", err);
            throw new Error("Sign-in is unavailable right now. Please try again in a moment.");
          }
        },
      }),
      ...(google
        ? [
            GoogleProvider({
              clientId: google.clientId,
              clientSecret: google.clientSecret,
              ...(google.issuer ? { wellKnown: `${google.issuer}/.well-known/openid-configuration`, issuer: google.issuer } : {}),
              authorization: { params: { scope: "openid email profile", prompt: "select_account" } },
            }),
          ]
        : []),
    ],
    logger: {
      // A copied cookie of a signed-out session is an expected visitor, not a server error.
      error(code, metadata) {
        const err = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        if (code === "JWT_SESSION_ERROR" && err instanceof SessionEnded) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
    events: {
      // The root host's own "Sign out": its session and the workspace sessions it opened end on the server.
      async signOut({ token }) {
        await endSessions({ rootSid: typeof token?.sid === "string" ? token.sid : null });
      },
    },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider === "google") return parseGoogleProfile(profile) ? true : "/signin?error=google_unverified";
        return true;
      },
      async jwt({ token, user, account, profile }) {
        // A new sign-in is a new session: its id goes into the registry (lib/core/session/session-registry.ts).
        if (account?.provider === "credentials" && user) return { ...(user as ClaimsUser).claims, sid: await startRootSession(), sub: user.email ?? undefined };
        if (account?.provider === "google") {
          const identity = parseGoogleProfile(profile);
          if (!identity) throw new Error("Google did not confirm this e-mail address.");
          return { ...(await googleRootClaims(identity)), sid: await startRootSession(), sub: identity.email };
        }
        // A session read back (next-auth's /api/auth/session) holds only while the registry has
        // it: a copy of the cookie of a signed-out session named the person there. next-auth
        // answers a throw here with no session and clears the cookie.
        if (!(await isSessionLive(typeof token.sid === "string" ? token.sid : undefined))) throw new SessionEnded();
        return token;
      },
      async session({ session, token }) {
        return { expires: session.expires, user: { email: token.email ?? null, name: token.name ?? null } };
      },
      async redirect({ url, baseUrl }) {
        if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {}
        return baseUrl;
      },
    },
  };
}

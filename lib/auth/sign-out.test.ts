// Signing out ends the session on the server: copies of the workspace cookie and of the root
// cookie taken before sign-out are refused afterwards, on every host, through every way a session
// is read (pages and actions, the SSO hand-off to another workspace, the root host's pages).
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as sso } from "@/app/api/auth/sso/route";
import { GET as handoff } from "@/app/api/auth/handoff/route";
import { GET as end } from "@/app/api/auth/end/route";
import { createTenant } from "@/lib/testing/factories";
import { resolveSession } from "@/lib/core/tenancy/session-context";
import { authOptions } from "./auth-options";
import { endTenantSession } from "./end-session";
import { passwordSignIn } from "./password-sign-in";
import { decodeRootSession, encodeRootSession, rootSessionCookieName, tenantSessionCookieName } from "@/lib/core/session/session-cookies";
import type { RootClaims } from "@/lib/core/session/session-claims";
import { randomToken } from "./handoff";
import { ssoStateCookieName } from "./sso-state";
import { createSignInMember, TEST_PASSWORD } from "@/lib/testing/sign-in";


let acme: { id: string; host: string };
let globex: { id: string; host: string };
let email: string;
let n = 0;

beforeEach(async () => {
  const a = await createTenant();
  const g = await createTenant();
  acme = { id: a.ctx.tenantId, host: `${a.tenant.subdomain}.localhost:3000` };
  globex = { id: g.ctx.tenantId, host: `${g.tenant.subdomain}.localhost:3000` };
  n += 1;
  email = `leaver-${n}-${Date.now()}@example.com`;
  await createSignInMember({ tenantId: acme.id }, { email });
  await createSignInMember({ tenantId: globex.id }, { email });
});

/** The root cookie next-auth sets after the sign-in form: its jwt callback's token, encoded. */
async function rootSignIn(): Promise<string> {
  const claims = await passwordSignIn({ email, password: TEST_PASSWORD }, { ip: "198.51.100.77" });
  const jwt = authOptions().callbacks!.jwt!;
  const token = await jwt({ token: {}, user: { id: email, email, claims } as never, account: { provider: "credentials", type: "credentials", providerAccountId: email } } as never);
  return encodeRootSession(token as unknown as RootClaims);
}

/** The root host's /api/auth/sso for `host`, with the root cookie: the hand-off URL, or where it sent the browser instead. */
async function ssoFor(host: string, rootCookie: string, state: string): Promise<string> {
  const url = `http://localhost:3000/api/auth/sso?${new URLSearchParams({ to: host, state, next: "/leads" })}`;
  const response = await sso(new NextRequest(url, { headers: { host: "localhost:3000", cookie: `${rootSessionCookieName()}=${rootCookie}` } }));
  return response.headers.get("location") ?? "";
}

/** Signs in on a workspace host through SSO as a browser holding `rootCookie`: its tenant cookie, or null. */
async function workspaceSession(host: string, rootCookie: string): Promise<string | null> {
  const state = randomToken();
  const location = await ssoFor(host, rootCookie, state);
  if (!location.includes("/api/auth/handoff?code=")) return null;
  const response = await handoff(new NextRequest(location, { headers: { host, cookie: `${ssoStateCookieName()}=${state}` } }));
  const set = response.headers.getSetCookie().find((c) => c.startsWith(`${tenantSessionCookieName()}=`) && !c.startsWith(`${tenantSessionCookieName()}=;`));
  return set ? decodeURIComponent(set.slice(tenantSessionCookieName().length + 1).split(";")[0]) : null;
}

const signedIn = async (host: string, tenantSession: string) => (await resolveSession({ host, tenantSession })).kind === "member";

/** The root host's /api/auth/session (next-auth's own endpoint) for a browser holding `rootCookie`: its body, and whether it clears the cookie. */
async function nextAuthSession(rootCookie: string): Promise<{ body: unknown; cleared: boolean }> {
  const headers = new Map<string, unknown>();
  let body: unknown;
  const res = {
    status: () => res,
    setHeader: (name: string, value: unknown) => (headers.set(name.toLowerCase(), value), res),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    send: (sent: unknown) => void (body = sent),
    json: (sent: unknown) => void (body = sent),
    end: () => undefined,
  };
  const req = { method: "GET", query: { nextauth: ["session"] }, cookies: { [rootSessionCookieName()]: rootCookie }, headers: { host: "localhost:3000" }, body: {} };
  await NextAuth(req as never, res as never, authOptions());
  const setCookies = [headers.get("set-cookie") ?? []].flat() as string[];
  return { body, cleared: setCookies.some((c) => c.startsWith(`${rootSessionCookieName()}=;`)) };
}

/** Signs in on both workspaces through SSO, then signs out on acme as the sign-out button does. */
async function signInThenOutOnAcme() {
  const root = await rootSignIn();
  const atAcme = await workspaceSession(acme.host, root);
  const atGlobex = await workspaceSession(globex.host, root);
  expect(atAcme && (await signedIn(acme.host, atAcme))).toBe(true);
  expect(atGlobex && (await signedIn(globex.host, atGlobex))).toBe(true);
  // The ordinary sign-out on acme, then the root host's half of it.
  const next = await endTenantSession({ host: acme.host, tenantSession: atAcme! }, { everywhere: false });
  await end(new NextRequest(next, { headers: { host: "localhost:3000", cookie: `${rootSessionCookieName()}=${root}` } }));
  return { root, atAcme: atAcme!, atGlobex: atGlobex!, next };
}

describe("signing out", () => {
  it("sends the browser on to the root host's end of the sign-out", async () => {
    const { next } = await signInThenOutOnAcme();
    expect(next).toMatch(/^http:\/\/localhost:3000\/api\/auth\/end\?/);
  });

  it("refuses a copy of the workspace cookie on its host afterwards", async () => {
    const { atAcme } = await signInThenOutOnAcme();
    expect(await signedIn(acme.host, atAcme)).toBe(false);
  });

  it("refuses a copy of the sibling workspace's cookie afterwards", async () => {
    const { atGlobex } = await signInThenOutOnAcme();
    expect(await signedIn(globex.host, atGlobex)).toBe(false);
  });

  it("sends a copy of the root cookie to the sign-in page instead of a hand-off", async () => {
    const { root } = await signInThenOutOnAcme();
    expect(await ssoFor(acme.host, root, randomToken())).toMatch(/^http:\/\/localhost:3000\/signin\?/);
  });

  it("lets a copy of the root cookie mint no new workspace session, on any workspace", async () => {
    const { root } = await signInThenOutOnAcme();
    expect(await workspaceSession(acme.host, root)).toBeNull();
    expect(await workspaceSession(globex.host, root)).toBeNull();
  });

  it("no longer counts a copy of the root cookie on the root host", async () => {
    const { root } = await signInThenOutOnAcme();
    expect(await decodeRootSession(root)).toBeNull();
  });

  it("leaves next-auth's session endpoint naming no one for a copy of the root cookie, and clears it", async () => {
    const before = await rootSignIn();
    expect((await nextAuthSession(before)).body).toMatchObject({ user: { email } });
    const { root } = await signInThenOutOnAcme();
    expect(await nextAuthSession(root)).toEqual({ body: {}, cleared: true });
  });

  it("ends the root session even when the workspace session had already stopped holding", async () => {
    const root = await rootSignIn();
    const atAcme = (await workspaceSession(acme.host, root))!;
    // A session that no longer holds on acme (another host's name) still names its root session.
    await endTenantSession({ host: globex.host, tenantSession: atAcme }, { everywhere: false });
    expect(await workspaceSession(globex.host, root)).toBeNull();
  });

  describe("on the root host", () => {
    const signOutAtRoot = async () => {
      const root = await rootSignIn();
      const atAcme = (await workspaceSession(acme.host, root))!;
      const token = await decodeRootSession(root);
      await authOptions().events!.signOut!({ token: token as never, session: undefined as never });
      return { root, atAcme };
    };

    it("ends the workspace sessions it opened", async () => {
      const { atAcme } = await signOutAtRoot();
      expect(await signedIn(acme.host, atAcme)).toBe(false);
    });

    it("lets the root cookie mint no new workspace session", async () => {
      const { root } = await signOutAtRoot();
      expect(await workspaceSession(acme.host, root)).toBeNull();
    });
  });

  describe("other browsers of the same person", () => {
    const signOutMine = async () => {
      const mine = await rootSignIn();
      const theirs = await rootSignIn();
      const atAcme = (await workspaceSession(acme.host, mine))!;
      const otherAtAcme = (await workspaceSession(acme.host, theirs))!;
      await endTenantSession({ host: acme.host, tenantSession: atAcme }, { everywhere: false });
      return { theirs, otherAtAcme };
    };

    it("keep their workspace session", async () => {
      const { otherAtAcme } = await signOutMine();
      expect(await signedIn(acme.host, otherAtAcme)).toBe(true);
    });

    it("keep their root session, which still opens other workspaces", async () => {
      const { theirs } = await signOutMine();
      expect(await workspaceSession(globex.host, theirs)).not.toBeNull();
    });
  });
});

// The root host's half of signing out: it ends the root session of the person who signed out on
// the workspace host, and nobody else's. A link carrying someone else's ticket signs nobody out.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { issueRootSession, rootSessionCookieName } from "@/lib/core/session/session-cookies";
import { signOutTicket } from "@/lib/auth/sign-out-ticket";
import "@/lib/testing/sign-in";
import { createTenant } from "@/lib/testing/factories";
import { GET } from "./route";

let host: string;

beforeEach(async () => {
  host = `${(await createTenant()).tenant.subdomain}.localhost:3000`;
});

async function signOutAt(ticket: Record<string, string>, signedInAs: string | null) {
  const url = `http://localhost:3000/api/auth/end?${new URLSearchParams({ to: host, ...ticket })}`;
  const cookie = signedInAs
    ? `${rootSessionCookieName()}=${await issueRootSession({ typ: "root", email: signedInAs, amr: "password", m: [] })}`
    : "";
  const response = await GET(new NextRequest(url, { headers: { host: "localhost:3000", cookie } }));
  const cleared = response.headers.getSetCookie().some((c) => c.startsWith(`${rootSessionCookieName()}=;`));
  return { status: response.status, location: response.headers.get("location"), cleared };
}

describe("sign-out at the root host", () => {
  it("ends the root session of the person the ticket names and goes back to the workspace", async () => {
    expect(await signOutAt(signOutTicket(host, "alice@example.com"), "alice@example.com")).toEqual({
      status: 303,
      location: `http://${host}/signin?signed_out=1`,
      cleared: true,
    });
  });

  it("keeps the session of anyone else: a ticket made for another person, another host, or none at all", async () => {
    for (const ticket of [signOutTicket(host, "mallory@example.com"), signOutTicket("other.localhost:3000", "alice@example.com"), {}]) {
      expect(await signOutAt(ticket, "alice@example.com")).toEqual({ status: 303, location: "http://localhost:3000/", cleared: false });
    }
  });

  it("refuses an expired ticket", async () => {
    const old = signOutTicket(host, "alice@example.com", Date.now() - 10 * 60 * 1000);
    expect((await signOutAt(old, "alice@example.com")).cleared).toBe(false);
  });

  it("sends someone without a root session back to the workspace's sign-in", async () => {
    expect(await signOutAt({}, null)).toEqual({ status: 303, location: `http://${host}/signin?signed_out=1`, cleared: false });
  });
});

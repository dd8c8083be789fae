// The request interceptor: routes by Host only, never lets a client choose the tenant or reach the
// internal tenant segment, and forwards only headers it wrote itself.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { stampHost } from "./lib/core/tenancy/internal-host";
import { proxy } from "./proxy";

process.env.NEXTAUTH_SECRET ??= "vitest-only-secret-not-for-production";


function run(url: string, headers: Record<string, string> = {}) {
  const u = new URL(url);
  const res = proxy(new NextRequest(url, { headers: { host: u.host, ...headers } }));
  const forwarded = new Set((res.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean));
  return {
    res,
    header: (name: string) => res.headers.get(name),
    rewrite: res.headers.get("x-middleware-rewrite") ? new URL(res.headers.get("x-middleware-rewrite")!).pathname : null,
    next: res.headers.get("x-middleware-next") === "1",
    forwarded: (name: string) => (forwarded.has(name) ? res.headers.get(`x-middleware-request-${name}`) : null),
  };
}

afterEach(() => {
  delete process.env.TRUST_PROXY;
  delete process.env.APP_PROTOCOL;
});

describe("proxy", () => {
  it("sends every path of a tenant host to the tenant's pages", () => {
    expect(run("http://acme.localhost:3000/").rewrite).toBe("/t/acme.localhost");
    expect(run("http://ACME.localhost:3000/leads/123?x=1").rewrite).toBe("/t/acme.localhost/leads/123");
    expect(run("http://www.acme.localhost:3000/settings/profile").rewrite).toBe("/t/acme.localhost/settings/profile");
    expect(run("http://deals.acmehomes.com/leads").rewrite).toBe("/t/deals.acmehomes.com/leads");
  });

  it("keeps the root host on the public pages", () => {
    const r = run("http://localhost:3000/signup");
    expect(r.rewrite).toBeNull();
    expect(r.next).toBe(true);
  });

  it("answers not-found for the internal segment on any host, however it is spelled", () => {
    for (const url of [
      "http://localhost:3000/t/acme.localhost",
      "http://localhost:3000/t",
      "http://localhost:3000/%74/acme.localhost",
      "http://localhost:3000/T/acme.localhost/leads",
      "http://acme.localhost:3000/t/globex.localhost/leads",
      "http://localhost:3000/%E0%A4%A",
    ]) {
      expect(run(url).rewrite, url).toBe("/_unknown-host");
    }
  });

  it("answers not-found for reserved, nested and foreign-looking hosts", () => {
    for (const url of ["http://admin.localhost:3000/", "http://a.b.localhost:3000/", "http://127.0.0.1:3000/", "http://api.localhost:3000/leads"]) {
      expect(run(url).rewrite, url).toBe("/_unknown-host");
    }
  });

  it("drops tenant and internal headers a client sends, and writes its own path note", () => {
    const r = run("http://acme.localhost:3000/leads?_rsc=abc&page=2", {
      "x-tenant-id": "64b7f0c2a1b2c3d4e5f60718",
      "X-Tenant": "globex",
      "x-dealcycle-path": "/evil",
      "x-middleware-subrequest": "proxy:proxy:proxy",
      cookie: "dc.session=abc",
    });
    expect(r.forwarded("x-tenant-id")).toBeNull();
    expect(r.forwarded("x-tenant")).toBeNull();
    expect(r.forwarded("x-middleware-subrequest")).toBeNull();
    expect(r.forwarded("x-dealcycle-path")).toBe("/leads?page=2");
    expect(r.forwarded("cookie")).toBe("dc.session=abc");
  });

  it("drops forwarding headers unless a trusted proxy is configured", () => {
    const spoof = { "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "globex.localhost:3000", "x-forwarded-proto": "https", "x-real-ip": "6.6.6.6" };
    const direct = run("http://acme.localhost:3000/", spoof);
    for (const name of Object.keys(spoof)) expect(direct.forwarded(name)).toBeNull();
    process.env.TRUST_PROXY = "1";
    const proxied = run("http://acme.localhost:3000/", spoof);
    expect(proxied.forwarded("x-forwarded-for")).toBe("6.6.6.6");
  });

  it("serves Next.js's own sub-requests (internal Host) as the host they started from, only with a genuine stamp", () => {
    const stamp = stampHost("acme.localhost:3000")!;
    const selfFetch = run("http://localhost:3000/leads", { ...stamp, "x-forwarded-for": "203.0.113.4" });
    expect(selfFetch.rewrite).toBe("/t/acme.localhost/leads");
    expect(selfFetch.forwarded("host")).toBe("acme.localhost:3000");
    expect(selfFetch.forwarded("x-forwarded-for")).toBe("203.0.113.4");

    const forged = run("http://localhost:3000/leads", { "x-dealcycle-host": "acme.localhost:3000", "x-dealcycle-host-sig": stamp["x-dealcycle-host-sig"].replace(/.$/, "x") });
    expect(forged.rewrite).toBeNull();
    expect(forged.forwarded("host")).toBe("localhost:3000");
    const otherHost = run("http://localhost:3000/leads", { "x-dealcycle-host": "globex.localhost:3000", "x-dealcycle-host-sig": stamp["x-dealcycle-host-sig"] });
    expect(otherHost.rewrite).toBeNull();
  });

  it("stamps every request with the host it arrived on", () => {
    const r = run("http://acme.localhost:3000/");
    expect(r.forwarded("x-dealcycle-host")).toBe("acme.localhost:3000");
    expect(r.forwarded("x-dealcycle-host-sig")).toBe(stampHost("acme.localhost:3000")!["x-dealcycle-host-sig"]);
  });

  it("answers an oversized request at once: 414 for a long address, 431 for big headers, before routing", async () => {
    const cookie = { cookie: `dc.session=${"s".repeat(400)}; dc_theme=dark` };
    for (const url of [`http://acme.localhost:3000/leads?q=${"a".repeat(8000)}`, `http://acme.localhost:3000/api/v1/leads?zz=${"a".repeat(8000)}`, `http://localhost:3000/signin?x=${"a".repeat(4200)}`]) {
      const r = run(url, cookie);
      expect(r.res.status, url.slice(0, 40)).toBe(414);
      expect(r.rewrite).toBeNull();
      expect(r.next).toBe(false);
      expect(r.header("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    expect(await run(`http://acme.localhost:3000/api/v1/leads?zz=${"a".repeat(8000)}`).res.json()).toMatchObject({ ok: false, code: "uri_too_long" });
    const bigCookie = run("http://acme.localhost:3000/leads", { cookie: `a=${"b".repeat(7000)}; c=${"d".repeat(6000)}` });
    expect(bigCookie.res.status).toBe(431);
    expect(bigCookie.rewrite).toBeNull();
    // An ordinary long lead-list address still goes through.
    expect(run(`http://acme.localhost:3000/leads?q=${"a".repeat(3000)}`, cookie).rewrite).toBe("/t/acme.localhost/leads");
  });

  it("never copies a long query into its path note, so a request does not grow on its way in", () => {
    const r = run(`http://acme.localhost:3000/leads?q=${"a".repeat(3000)}`);
    expect(r.forwarded("x-dealcycle-path")).toBe("/leads");
    expect(run("http://acme.localhost:3000/leads?q=abc").forwarded("x-dealcycle-path")).toBe("/leads?q=abc");
  });

  it("puts the security headers on every page and API response, with a fresh nonce that Next.js also sees", () => {
    const seen = new Set<string>();
    for (const url of ["http://acme.localhost:3000/leads", "http://localhost:3000/signin", "http://acme.localhost:3000/api/v1/leads", "http://127.0.0.1:3000/api/health", "http://admin.localhost:3000/", "http://localhost:3000/t/acme.localhost"]) {
      const r = run(url);
      const csp = r.header("content-security-policy")!;
      expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain("unsafe-eval");
      expect(r.header("x-frame-options"), url).toBe("DENY");
      expect(r.header("x-content-type-options"), url).toBe("nosniff");
      expect(r.header("referrer-policy"), url).toBe("strict-origin-when-cross-origin");
      expect(r.header("strict-transport-security"), url).toBeNull();
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      expect(r.forwarded("content-security-policy"), url).toBe(csp);
      expect(r.forwarded("x-dealcycle-nonce"), url).toBe(nonce);
      seen.add(nonce);
    }
    expect(seen.size).toBe(6);
  });

  it("ignores a CSP or nonce a client sends, so it cannot choose the nonce Next.js uses", () => {
    const r = run("http://acme.localhost:3000/leads", { "content-security-policy": "script-src 'nonce-evil'", "content-security-policy-report-only": "script-src 'nonce-evil'", "x-dealcycle-nonce": "evil" });
    expect(r.forwarded("content-security-policy")).not.toContain("evil");
    expect(r.forwarded("content-security-policy-report-only")).toBeNull();
    expect(r.forwarded("x-dealcycle-nonce")).not.toBe("evil");
  });

  it("adds HSTS and upgrade-insecure-requests over https, and sends no referrer from the sign-in hand-off", () => {
    process.env.APP_PROTOCOL = "https";
    const r = run("https://acme.localhost:3000/leads");
    expect(r.header("strict-transport-security")).toBe("max-age=31536000");
    expect(r.header("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(run("http://acme.localhost:3000/api/auth/handoff?code=x").header("referrer-policy")).toBe("no-referrer");
    expect(run("http://localhost:3000/api/auth/sso?to=x").header("referrer-policy")).toBe("no-referrer");
  });
});

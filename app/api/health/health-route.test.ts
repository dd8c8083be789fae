// /api/health through its route handler with a real session cookie (next/headers is the only thing
// replaced): the public, on any host, gets the status alone; a workspace admin signed in on their
// host, or monitoring with HEALTH_TOKEN, gets the database engine, version and error detail.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { createTenant } from "@/lib/testing/factories";
import { request } from "@/lib/testing/mock-next-headers";
import { GET } from "./route";

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));

const TOKEN = "health-token-for-vitest-0123456789";

async function health(host: string, { cookie, authorization }: { cookie?: string; authorization?: string } = {}) {
  request.host = host;
  request.cookie = cookie;
  const res = await GET(new Request(`http://${host}/api/health`, { headers: authorization ? { authorization } : {} }));
  return { status: res.status, text: await res.text() };
}

let acmeHost: string;
let admin: string;
let rep: string;

beforeAll(async () => {
  const { ctx, tenant } = await createTenant();
  acmeHost = `${tenant.subdomain}.localhost:3000`;
  admin = await tenantSessionFor(ctx.tenantId, (await createSignInMember(ctx, { role: "admin" })).id);
  rep = await tenantSessionFor(ctx.tenantId, (await createSignInMember(ctx, { role: "acquisition_rep" })).id);
});

afterEach(() => {
  delete process.env.HEALTH_TOKEN;
});

describe("GET /api/health", () => {
  it("tells the public only the status, on the root host, a bare IP and a workspace host", async () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", acmeHost]) {
      const res = await health(host);
      expect(res.status, host).toBe(200);
      expect(JSON.parse(res.text), host).toEqual({ status: "ok" });
      expect(res.text, host).not.toMatch(/ferretdb|mongodb|version|v1\.24/i);
    }
  });

  it("gives the detail to a workspace admin signed in on their host, not to a rep", async () => {
    const asAdmin = JSON.parse((await health(acmeHost, { cookie: admin })).text);
    expect(asAdmin).toMatchObject({ status: "ok", database: { ok: true, server: "FerretDB", version: "v1.24.2" }, redis: { ok: true } });
    expect(JSON.parse((await health(acmeHost, { cookie: rep })).text)).toEqual({ status: "ok" });
    // The admin's cookie means nothing on another host.
    expect(JSON.parse((await health("localhost:3000", { cookie: admin })).text)).toEqual({ status: "ok" });
  });

  it("gives the detail to monitoring with HEALTH_TOKEN as a bearer token, and only the right one", async () => {
    expect(JSON.parse((await health("10.0.0.5", { authorization: `Bearer ${TOKEN}` })).text)).toEqual({ status: "ok" });
    process.env.HEALTH_TOKEN = TOKEN;
    expect(JSON.parse((await health("10.0.0.5", { authorization: `Bearer ${TOKEN}` })).text)).toMatchObject({ database: { server: "FerretDB" } });
    expect(JSON.parse((await health("10.0.0.5", { authorization: `Bearer ${TOKEN}x` })).text)).toEqual({ status: "ok" });
    expect(JSON.parse((await health("10.0.0.5", { authorization: TOKEN })).text)).toEqual({ status: "ok" });
  });
});

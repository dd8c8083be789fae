// The public API with tenant API keys, through the real route handlers and withTenant (next/headers
// is the only thing replaced): a key reads and writes what its scopes allow, is refused at once
// when revoked or expired, is unknown on another company's host, and is rate limited with 429 and
// Retry-After. Every error has the one JSON shape.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { API_KEY_MESSAGES } from "@/lib/core/api-keys/authenticate-api-key";
import { generateApiKey } from "@/lib/core/api-keys/secret";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { request } from "@/lib/testing/mock-next-headers";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Activity } from "@/models/activity";
import { ApiKey } from "@/models/api-key";
import { Lead } from "@/models/lead";
import { GET as listLeadsRoute, POST as createLeadRoute } from "./leads/route";

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));

type Company = { admin: TenantContext; host: string; adminSession: string; leadIds: string[] };

async function company(leads: number): Promise<Company> {
  const { ctx, tenant } = await createTenant();
  const admin = await createSignInMember(ctx, { role: "admin" });
  const rep = await createSignInMember(ctx, { role: "acquisition_rep" });
  const docs = await scoped(ctx, Lead).insertMany(Array.from({ length: leads }, (_, i) => leadInput({ assigned_to: i % 2 ? rep.id : undefined })));
  return {
    admin: { ...ctx, userId: admin.id, role: "admin" },
    host: `${tenant.subdomain}.localhost:3000`,
    adminSession: await tenantSessionFor(ctx.tenantId, admin.id),
    leadIds: docs.map((d) => String(d._id)),
  };
}

const noParams = { params: Promise.resolve({}) };

/** A request to `host` with the key (and, when given, a session cookie beside it). */
function call(host: string, key: string | null, init: { method?: string; path?: string; body?: unknown; cookie?: string; contentType?: string } = {}) {
  request.host = host;
  request.cookie = init.cookie;
  const headers: Record<string, string> = { host };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (init.body !== undefined) headers["content-type"] = init.contentType ?? "application/json";
  const req = new Request(`http://${host}${init.path ?? "/api/v1/leads"}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return (init.method === "POST" ? createLeadRoute : listLeadsRoute)(req, noParams);
}

let acme: Company;
let globex: Company;

beforeAll(async () => {
  acme = await company(4);
  globex = await company(1);
});

afterEach(() => {
  delete process.env.API_RATE_LIMIT;
  delete process.env.API_RATE_LIMIT_WINDOW;
});

describe("a key with leads.read", () => {
  it("reads every lead of its company, and its last use is recorded", async () => {
    const key = await createApiKey(acme.admin, { name: "Reporting", scopes: ["leads.read"] });
    expect(key.secret).toMatch(/^dc_live_[0-9A-Za-z]{32}$/);
    const res = await call(acme.host, key.secret);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(4);
    expect(body.data.map((r: { id: string }) => r.id).sort()).toEqual([...acme.leadIds].sort());
    const [listed] = (await listApiKeys(acme.admin)).filter((k) => k.id === key.id);
    expect(listed).toMatchObject({ name: "Reporting", prefix: key.secret.slice(0, 12), scopes: ["leads.read"], revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();
    // Only the hash is stored.
    const stored = await scoped(acme.admin, ApiKey).findById(key.id).lean();
    expect(JSON.stringify(stored)).not.toContain(key.secret);
  });

  it("is refused on a write (403) and nothing is created", async () => {
    const key = await createApiKey(acme.admin, { name: "Read only", scopes: ["leads.read"] });
    const before = await scoped(acme.admin, Lead).countDocuments();
    const res = await call(acme.host, key.secret, { method: "POST", body: { name: "Via API", phone: "+15555550101" } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
    expect(await scoped(acme.admin, Lead).countDocuments()).toBe(before);
  });

  it("a key with leads.write creates a lead, and the log names the key", async () => {
    const key = await createApiKey(acme.admin, { name: "Web form", scopes: ["leads.write"] });
    const res = await call(acme.host, key.secret, { method: "POST", body: { name: "Via API", phone: "+15555550102" } });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    const logged = await scoped(acme.admin, Activity).findOne({ entity_id: data.id, type: "lead_created" }).lean();
    expect(logged?.actor).toMatchObject({ kind: "api_key", label: "API key Web form" });
    expect(String(logged?.actor?.id)).toBe(key.id);
    expect(logged?.user_id).toBeUndefined();
  });
});

describe("refusals", () => {
  it("a revoked key is refused from the very next request", async () => {
    const key = await createApiKey(acme.admin, { name: "Soon revoked", scopes: ["leads.read"] });
    expect((await call(acme.host, key.secret)).status).toBe(200);
    await revokeApiKey(acme.admin, key.id);
    const res = await call(acme.host, key.secret);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: API_KEY_MESSAGES.revoked } });
  });

  it("an expired key is refused", async () => {
    const key = await createApiKey(acme.admin, { name: "Expired", scopes: ["leads.read"] });
    await scoped(acme.admin, ApiKey).updateOne({ _id: key.id }, { $set: { expires_at: new Date(Date.now() - 1000) } });
    const res = await call(acme.host, key.secret);
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toBe(API_KEY_MESSAGES.expired);
  });

  it("another company's key on this host answers exactly like an unknown key", async () => {
    const theirs = await createApiKey(globex.admin, { name: "Globex", scopes: ["leads.read"] });
    expect((await call(globex.host, theirs.secret)).status).toBe(200);
    const foreign = await call(acme.host, theirs.secret);
    const unknown = await call(acme.host, generateApiKey());
    const malformed = await call(acme.host, "not-a-key");
    for (const res of [foreign, unknown, malformed]) expect(res.status).toBe(401);
    const bodies = await Promise.all([foreign, unknown, malformed].map((r) => r.json()));
    expect(bodies[0]).toEqual({ error: { code: "unauthorized", message: API_KEY_MESSAGES.invalid } });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it("with an Authorization header the session cookie is never used", async () => {
    const cookieOnly = await call(acme.host, null, { cookie: acme.adminSession });
    expect(cookieOnly.status).toBe(200);
    const res = await call(acme.host, generateApiKey(), { cookie: acme.adminSession });
    expect(res.status).toBe(401);
  });

  it("a write with the session takes JSON only (a form posted from another site is not JSON)", async () => {
    const before = await scoped(acme.admin, Lead).countDocuments();
    const res = await call(acme.host, null, { method: "POST", cookie: acme.adminSession, body: { name: "Form post", phone: "+15555550103" }, contentType: "text/plain" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
    expect(await scoped(acme.admin, Lead).countDocuments()).toBe(before);
    const json = await call(acme.host, null, { method: "POST", cookie: acme.adminSession, body: { name: "Json post", phone: "+15555550104" } });
    expect(json.status).toBe(201);
  });

  it("invalid parameters answer 400 with every field in the error shape", async () => {
    const key = await createApiKey(acme.admin, { name: "Params", scopes: ["leads.read"] });
    const res = await call(acme.host, key.secret, { path: "/api/v1/leads?sort=__proto__&status=$ne" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual({ error: { code: "bad_request", message: "Some parameters are invalid.", fields: { sort: [expect.any(String)], status: [expect.any(String)] } } });
  });
});

describe("rate limit", () => {
  it("a burst of 100 requests over the key's limit gets 429 with Retry-After; other keys are unaffected", async () => {
    process.env.API_RATE_LIMIT = "20";
    process.env.API_RATE_LIMIT_WINDOW = "30";
    const key = await createApiKey(acme.admin, { name: "Busy", scopes: ["leads.read"] });
    const other = await createApiKey(acme.admin, { name: "Quiet", scopes: ["leads.read"] });
    const responses = await Promise.all(Array.from({ length: 120 }, () => call(acme.host, key.secret)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(100);
    for (const res of limited) {
      const wait = Number(res.headers.get("retry-after"));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(30);
    }
    expect(await limited[0].json()).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/^Too many requests/) } });
    expect((await call(acme.host, other.secret)).status).toBe(200);
  });
});

describe("managing keys", () => {
  it("scopes come from the permission list, and only admins with settings.manage create keys", async () => {
    const { createApiKeySchema } = await import("@/lib/api-keys/schemas");
    expect(createApiKeySchema.safeParse({ name: "x", scopes: ["leads.read", "root"] }).success).toBe(false);
    expect(createApiKeySchema.safeParse({ name: "x" }).success).toBe(false);
    expect(createApiKeySchema.parse({ name: " x ", scopes: "leads.read" })).toEqual({ name: "x", scopes: ["leads.read"] });
    const rep: TenantContext = { tenantId: acme.admin.tenantId, role: "acquisition_rep", permissions: ["leads.read", "leads.write"] };
    await expect(createApiKey(rep, { name: "Mine", scopes: ["leads.read"] })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("another company's key cannot be revoked from here (not found), and stays usable", async () => {
    const theirs = await createApiKey(globex.admin, { name: "Globex 2", scopes: ["leads.read"] });
    await expect(revokeApiKey(acme.admin, theirs.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await call(globex.host, theirs.secret)).status).toBe(200);
  });
});

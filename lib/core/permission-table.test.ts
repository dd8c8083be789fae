// The permission table, enforced end to end: a real session cookie for a member of each role goes
// through the one server-action wrapper and the one route-handler wrapper, and each action is
// allowed or refused exactly as the table below says.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { withTenant } from "@/lib/core/api/with-tenant";
import type { Role } from "@/lib/core/db/tenant-context";
import { createTenant } from "@/lib/testing/factories";
import { Setting, Tenant } from "@/models";
import { PERMISSIONS, type Permission } from "./permissions";
import { request } from "@/lib/testing/mock-next-headers";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";

// The request the wrappers see: next/headers is the only thing replaced, everything below it
// (tenant lookup, session decoding, database re-check) is the production code.
vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));

const ROLES: Role[] = ["admin", "acquisition_rep", "disposition_manager"];

// action → may [admin, acquisition rep, disposition manager] do it?
const TABLE: Record<Permission, [boolean, boolean, boolean]> = {
  "leads.read": [true, true, true],
  "leads.read_all": [true, false, true],
  "leads.write": [true, true, false],
  "leads.delete": [true, false, false],
  "leads.assign": [true, false, false],
  "leads.import": [true, true, false],
  "leads.export": [true, false, false],
  "communications.read": [true, true, true],
  "communications.write": [true, true, true],
  "buyers.read": [true, false, true],
  "buyers.write": [true, false, true],
  "buyers.delete": [true, false, true],
  "deals.read": [true, true, true],
  "deals.write": [true, false, true],
  "deals.delete": [true, false, true],
  "tags.manage": [true, false, false],
  "templates.read": [true, true, true],
  "templates.write": [true, false, false],
  "workflows.read": [true, false, false],
  "workflows.write": [true, false, false],
  "analytics.read": [true, false, true],
  "activities.read": [true, true, true],
  "users.read": [true, true, true],
  "users.manage": [true, false, false],
  "settings.read": [true, false, false],
  "settings.manage": [true, false, false],
  "billing.manage": [true, false, false],
};

let tenant: { id: string; host: string };
const sessions = {} as Record<Role, string>;

beforeAll(async () => {
  const { ctx, tenant: t } = await createTenant();
  tenant = { id: ctx.tenantId, host: `${t.subdomain}.localhost:3000` };
  for (const role of ROLES) {
    const m = await createSignInMember(ctx, { role });
    sessions[role] = await tenantSessionFor(ctx.tenantId, m.id);
  }
});

beforeEach(() => {
  request.host = tenant.host;
  request.cookie = undefined;
});

function actAs(role: Role | null) {
  request.cookie = role ? sessions[role] : undefined;
}

const cases = PERMISSIONS.flatMap((permission) => ROLES.map((role, i) => ({ permission, role, allowed: TABLE[permission][i] })));

describe("the table covers every permission", () => {
  it("lists each permission exactly once", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...PERMISSIONS].sort());
  });
});

describe.each(cases)("$role and $permission", ({ permission, role, allowed }) => {
  it(`server action: ${allowed ? "allowed" : "forbidden"}`, async () => {
    actAs(role);
    const action = tenantAction(z.object({ note: z.string() }), permission, async (ctx, input) => ({ by: ctx.userId, role: ctx.role, note: input.note }));
    const result = await action({ note: "hi" });
    if (allowed) expect(result).toMatchObject({ ok: true, data: { role, note: "hi" } });
    else expect(result).toMatchObject({ ok: false, code: "forbidden" });
  });

  it(`route handler: ${allowed ? "200" : "403"}`, async () => {
    actAs(role);
    const handler = withTenant(async (_req, ctx) => Response.json({ tenant: ctx.tenantId }), { permission });
    const res = await handler(new Request("http://x/api/v1/thing", { method: "POST" }), { params: Promise.resolve({}) });
    expect(res.status).toBe(allowed ? 200 : 403);
    if (allowed) expect(await res.json()).toEqual({ tenant: tenant.id });
  });
});

describe("the wrappers refuse before any permission is looked at", () => {
  it("not signed in: unauthorized (401)", async () => {
    actAs(null);
    expect(await tenantAction(z.object({}), null, async () => 1)({})).toMatchObject({ ok: false, code: "unauthorized" });
    const res = await withTenant(async () => new Response("no"))(new Request("http://x/", { method: "GET" }), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
  });

  it("suspended workspace: reads pass, writes get tenant_suspended (423)", async () => {
    actAs("admin");
    await Tenant.updateOne({ _id: tenant.id }, { $set: { subscription_status: "suspended" } });
    try {
      expect(await tenantAction(z.object({}), "leads.write", async () => 1)({})).toMatchObject({ ok: false, code: "tenant_suspended" });
      const read = await withTenant(async () => new Response("ok"), { permission: "leads.read" })(new Request("http://x/", { method: "GET" }), { params: Promise.resolve({}) });
      expect(read.status).toBe(200);
      const write = await withTenant(async () => new Response("ok"))(new Request("http://x/", { method: "PATCH" }), { params: Promise.resolve({}) });
      expect(write.status).toBe(423);
    } finally {
      await Tenant.updateOne({ _id: tenant.id }, { $set: { subscription_status: "active" } });
    }
  });

  it("another tenant's host: the session opens nothing there", async () => {
    const other = await createTenant();
    request.host = `${other.tenant.subdomain}.localhost:3000`;
    actAs("admin");
    expect(await tenantAction(z.object({}), null, async () => 1)({})).toMatchObject({ ok: false, code: "unauthorized" });
  });

  it("zod input is parsed only after the permission check, and strings only", async () => {
    actAs("admin");
    const action = tenantAction(z.object({ email: z.string() }), "users.read", async (_ctx, input) => input.email);
    expect(await action({ email: { $ne: "" } })).toMatchObject({ ok: false, code: "bad_request", fieldErrors: { email: expect.any(Array) } });
  });
});

describe("workspace grants and personal extras", () => {
  it("'reps see all leads' gives acquisition reps leads.read_all, and nobody anything else", async () => {
    actAs("acquisition_rep");
    const readAll = tenantAction(z.object({}), "leads.read_all", async (ctx) => ctx.permissions);
    expect(await readAll({})).toMatchObject({ ok: false, code: "forbidden" });
    await Setting.create({ tenant_id: tenant.id, category: "permissions", key: "reps_see_all_leads", value: true });
    try {
      const result = await readAll({});
      expect(result.ok).toBe(true);
      const granted = (result as { data: string[] }).data;
      expect(granted.filter((p) => !TABLE[p as Permission][1])).toEqual(["leads.read_all"]);
    } finally {
      await Setting.deleteOne({ tenant_id: tenant.id, key: "reps_see_all_leads" });
    }
  });

  it("a member's own extra permissions count; unknown names are ignored", async () => {
    const m = await createSignInMember({ tenantId: tenant.id }, { role: "acquisition_rep", permissions: ["leads.export", "root.everything"] });
    request.cookie = await tenantSessionFor(tenant.id, m.id);
    expect(await tenantAction(z.object({}), "leads.export", async () => 1)({})).toMatchObject({ ok: true });
    expect(await tenantAction(z.object({}), "users.manage", async () => 1)({})).toMatchObject({ ok: false, code: "forbidden" });
  });
});

// Who may act where: the tenant from the Host, the member from the session cookie, re-checked
// against the database at every request.
import { beforeEach, describe, expect, it } from "vitest";
import { encodeTenantSession, issueRootSession } from "@/lib/core/session/session-cookies";
import { startTenantSession } from "@/lib/core/session/session-registry";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { scoped } from "@/lib/core/db/scoped";
import { AppError } from "@/lib/core/errors";
import { createTenant } from "@/lib/testing/factories";
import { Tenant, TenantDomain, User } from "@/models";
import { resolveActionContext, resolveSession, type RequestInput } from "./session-context";

const host = (subdomain: string) => `${subdomain}.localhost:3000`;

async function refusal(input: RequestInput, write: boolean): Promise<{ code: string; message: string } | null> {
  try {
    await resolveActionContext(input, { write });
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, message: err.message };
  }
}

let acme: { id: string; subdomain: string };
let globex: { id: string; subdomain: string };
let member: { id: string; email: string };

beforeEach(async () => {
  const a = await createTenant();
  const g = await createTenant();
  acme = { id: a.ctx.tenantId, subdomain: a.tenant.subdomain };
  globex = { id: g.ctx.tenantId, subdomain: g.tenant.subdomain };
  member = await createSignInMember({ tenantId: acme.id }, { role: "disposition_manager" });
});

describe("getActionContext's resolution", () => {
  it("gives a signed-in member their full context: tenant, user, role, permissions, ip, user agent", async () => {
    const ctx = await resolveActionContext(
      { host: host(acme.subdomain), tenantSession: await tenantSessionFor(acme.id, member.id), ip: "203.0.113.5", userAgent: "vitest" },
      { write: true },
    );
    expect(ctx).toMatchObject({ tenantId: acme.id, userId: member.id, role: "disposition_manager", ip: "203.0.113.5", userAgent: "vitest" });
    expect(ctx.permissions).toContain("deals.write");
    expect(ctx.permissions).not.toContain("users.manage");
  });

  it("finds the tenant by its custom domain too", async () => {
    await TenantDomain.create({ domain: "deals.acme-homes.com", tenant_id: acme.id });
    const ctx = await resolveActionContext({ host: "Deals.Acme-Homes.com", tenantSession: await tenantSessionFor(acme.id, member.id) }, { write: false });
    expect(ctx.tenantId).toBe(acme.id);
  });

  it("refuses requests without a session, or with a broken one", async () => {
    expect(await refusal({ host: host(acme.subdomain) }, false)).toMatchObject({ code: "unauthorized" });
    expect(await refusal({ host: host(acme.subdomain), tenantSession: "not-a-token" }, false)).toMatchObject({ code: "unauthorized" });
    const token = await tenantSessionFor(acme.id, member.id);
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await refusal({ host: host(acme.subdomain), tenantSession: tampered }, false)).toMatchObject({ code: "unauthorized" });
  });

  it("refuses another tenant's session: acme's member on globex's host", async () => {
    const acmeSession = await tenantSessionFor(acme.id, member.id);
    expect(await refusal({ host: host(globex.subdomain), tenantSession: acmeSession }, false)).toMatchObject({ code: "unauthorized" });
    // Even a session forged to name globex (if the key leaked) must name a globex member.
    const forged = await encodeTenantSession({ typ: "tenant", sub: member.id, tid: globex.id, email: member.email, sv: 0, amr: "password", sid: (await startTenantSession(null))! });
    expect(await refusal({ host: host(globex.subdomain), tenantSession: forged }, false)).toMatchObject({ code: "unauthorized" });
  });

  it("refuses a root-host session presented as a tenant session", async () => {
    const root = await issueRootSession({ typ: "root", email: member.email, amr: "password", m: [{ t: acme.id, u: member.id, v: 0 }] });
    expect(await refusal({ host: host(acme.subdomain), tenantSession: root }, false)).toMatchObject({ code: "unauthorized" });
  });

  it("ends the session of a deactivated member, and of one whose session_version moved on", async () => {
    const session = await tenantSessionFor(acme.id, member.id);
    const users = scoped({ tenantId: acme.id }, User);
    await users.updateOne({ _id: member.id }, { $set: { session_version: 1 } });
    expect(await refusal({ host: host(acme.subdomain), tenantSession: session }, false)).toMatchObject({ code: "unauthorized" });

    const fresh = await tenantSessionFor(acme.id, member.id);
    expect(await refusal({ host: host(acme.subdomain), tenantSession: fresh }, false)).toBeNull();
    await users.updateOne({ _id: member.id }, { $set: { is_active: false } });
    expect(await refusal({ host: host(acme.subdomain), tenantSession: fresh }, false)).toMatchObject({ code: "unauthorized" });
  });

  it("ends the session when the member's e-mail changed", async () => {
    const session = await tenantSessionFor(acme.id, member.id);
    await scoped({ tenantId: acme.id }, User).updateOne({ _id: member.id }, { $set: { email: "someone.else@example.com" } });
    expect(await refusal({ host: host(acme.subdomain), tenantSession: session }, false)).toMatchObject({ code: "unauthorized" });
  });

  it("lets a suspended workspace read but refuses every write with tenant_suspended", async () => {
    await Tenant.updateOne({ _id: acme.id }, { $set: { subscription_status: "suspended" } });
    const input = { host: host(acme.subdomain), tenantSession: await tenantSessionFor(acme.id, member.id) };
    expect(await refusal(input, false)).toBeNull();
    expect(await refusal(input, true)).toEqual({
      code: "tenant_suspended",
      message: expect.stringContaining("This workspace is suspended"),
    });
    // Not signed in, a suspended workspace still asks for sign-in first.
    expect(await refusal({ host: host(acme.subdomain) }, true)).toMatchObject({ code: "unauthorized" });
  });

  it("closes a cancelled workspace to everyone, members included", async () => {
    const input = { host: host(acme.subdomain), tenantSession: await tenantSessionFor(acme.id, member.id) };
    await Tenant.updateOne({ _id: acme.id }, { $set: { subscription_status: "cancelled" } });
    expect(await refusal(input, false)).toEqual({ code: "not_found", message: "This workspace was closed." });
    expect((await resolveSession(input)).kind).toBe("closed");
  });

  it("answers not-found for hosts that name no workspace", async () => {
    for (const h of ["nobody.localhost:3000", "localhost:3000", "a.b.localhost:3000", "admin.localhost:3000", "", null]) {
      expect(await refusal({ host: h }, false)).toMatchObject({ code: "not_found" });
    }
  });
});

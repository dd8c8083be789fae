// The tenant host's side of one sign-in across hosts: a code from the root host becomes this
// host's session only for this tenant, this browser, once, and for an active member.
import { beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { inviteMember } from "@/lib/team/invite-member";
import { createTenant } from "@/lib/testing/factories";
import { findTenantForHost, type TenantInfo } from "@/lib/core/tenancy/resolve-tenant";
import { Activity, User } from "@/models";
import { acceptHandoff } from "./accept-handoff";
import { issueHandoff, randomToken, type HandoffRecord } from "./handoff";
import { endSessions, startRootSession } from "@/lib/core/session/session-registry";
import { createSignInMember } from "@/lib/testing/sign-in";

let tenant: TenantInfo;
let other: TenantInfo;
let member: { id: string; email: string };
let state: string;
let rootSid: string;

async function info(subdomain: string) {
  return (await findTenantForHost({ kind: "subdomain", subdomain, host: `${subdomain}.localhost` }))!;
}

beforeEach(async () => {
  tenant = await info((await createTenant()).tenant.subdomain);
  other = await info((await createTenant()).tenant.subdomain);
  member = await createSignInMember({ tenantId: tenant.id }, { role: "acquisition_rep" });
  state = randomToken();
  rootSid = await startRootSession();
});

function record(overrides: Partial<HandoffRecord> = {}): HandoffRecord {
  return { tenantId: tenant.id, state, next: "/leads", email: member.email, amr: "password", member: { t: tenant.id, u: member.id, v: 0 }, rootSid, ...overrides };
}

describe("hand-off", () => {
  it("turns a fresh code into a session for the member", async () => {
    const code = await issueHandoff(record());
    const outcome = await acceptHandoff({ tenant, code, state, ip: "203.0.113.1", userAgent: "vitest" });
    expect(outcome).toEqual({ ok: true, next: "/leads", theme: "auto", claims: { typ: "tenant", sub: member.id, tid: tenant.id, email: member.email, sv: 0, amr: "password", sid: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/), rsid: rootSid } });
  });

  it("accepts a code once", async () => {
    const code = await issueHandoff(record());
    await acceptHandoff({ tenant, code, state });
    expect(await acceptHandoff({ tenant, code, state })).toEqual({ ok: false, error: "expired" });
  });

  it("records the sign-in on the member and in the activity log", async () => {
    await acceptHandoff({ tenant, code: await issueHandoff(record()), state, ip: "203.0.113.1", userAgent: "vitest" });
    const user = await scoped({ tenantId: tenant.id }, User).findById(member.id).lean();
    expect(user).toMatchObject({ login_count: 1, last_login: expect.any(Date) });
    const activity = await Activity.findOne({ tenant_id: tenant.id, type: "user_signed_in" }).lean();
    expect(activity).toMatchObject({ user_id: user!._id, ip_address: "203.0.113.1", user_agent: "vitest", metadata: { method: "password" } });
  });

  it("mints no session from a root session that was signed out after the code was issued", async () => {
    const code = await issueHandoff(record());
    await endSessions({ rootSid });
    expect(await acceptHandoff({ tenant, code, state })).toEqual({ ok: false, error: "expired" });
  });

  it("carries the member's saved theme, for this host's theme cookie", async () => {
    await scoped({ tenantId: tenant.id }, User).updateOne({ _id: member.id }, { $set: { "preferences.theme": "dark" } });
    const outcome = await acceptHandoff({ tenant, code: await issueHandoff(record()), state });
    expect(outcome).toMatchObject({ ok: true, theme: "dark" });
  });

  it("refuses a code meant for another tenant", async () => {
    expect(await acceptHandoff({ tenant: other, code: await issueHandoff(record()), state })).toMatchObject({ ok: false, error: "expired" });
  });

  it("refuses a code started in another browser, or without its state", async () => {
    expect(await acceptHandoff({ tenant, code: await issueHandoff(record()), state: randomToken() })).toMatchObject({ ok: false, error: "expired" });
    expect(await acceptHandoff({ tenant, code: await issueHandoff(record()), state: undefined })).toMatchObject({ ok: false, error: "expired" });
  });

  it("refuses a code that is not a string (an operator)", async () => {
    expect(await acceptHandoff({ tenant, code: { $ne: "" }, state })).toMatchObject({ ok: false, error: "expired" });
  });

  it("never sends the browser off the host", async () => {
    for (const next of ["//evil.example", "https://evil.example/", "/\\evil.example", "/t/other.localhost/leads", "javascript:alert(1)"]) {
      const outcome = await acceptHandoff({ tenant, code: await issueHandoff(record({ next })), state });
      expect(outcome).toMatchObject({ ok: true, next: "/" });
    }
  });

  it("refuses a membership whose session_version was bumped since the root sign-in", async () => {
    const users = scoped({ tenantId: tenant.id }, User);
    await users.updateOne({ _id: member.id }, { $set: { session_version: 1 } });
    expect(await acceptHandoff({ tenant, code: await issueHandoff(record()), state })).toMatchObject({ ok: false, error: "expired" });
  });

  it("refuses a member deactivated since the root sign-in, saying so", async () => {
    const users = scoped({ tenantId: tenant.id }, User);
    await users.updateOne({ _id: member.id }, { $set: { session_version: 1 } });
    await users.updateOne({ _id: member.id }, { $set: { is_active: false } });
    expect(await acceptHandoff({ tenant, code: await issueHandoff(record({ member: { t: tenant.id, u: member.id, v: 1 } })), state })).toMatchObject({
      ok: false,
      error: "inactive",
    });
  });

  it("refuses a password sign-in that proved no membership here", async () => {
    expect(await acceptHandoff({ tenant, code: await issueHandoff(record({ member: null })), state })).toMatchObject({ ok: false, error: "not_member" });
    expect(await Activity.findOne({ tenant_id: tenant.id, type: "user_sign_in_failed" }).lean()).toMatchObject({ metadata: { reason: "not_member" } });
  });
});

describe("Google hand-off", () => {
  const google = (email: string, sub: string, memberEntry: HandoffRecord["member"] = null): Partial<HandoffRecord> => ({
    amr: "google",
    gsub: sub,
    email,
    name: "Google Person",
    member: memberEntry,
  });

  it("links the Google account on first use", async () => {
    const entry = { t: tenant.id, u: member.id, v: 0 };
    expect(await acceptHandoff({ tenant, code: await issueHandoff(record(google(member.email, "sub-1", entry))), state })).toMatchObject({ ok: true });
    expect((await scoped({ tenantId: tenant.id }, User).findById(member.id).lean())!.google_id).toBe("sub-1");
  });

  it("refuses another Google account for a member already linked, and logs why", async () => {
    const entry = { t: tenant.id, u: member.id, v: 0 };
    await acceptHandoff({ tenant, code: await issueHandoff(record(google(member.email, "sub-1", entry))), state });
    expect(await acceptHandoff({ tenant, code: await issueHandoff(record(google(member.email, "sub-2", entry))), state })).toMatchObject({
      ok: false,
      error: "not_member",
    });
    expect(await Activity.findOne({ tenant_id: tenant.id, type: "user_sign_in_failed" }).lean()).toMatchObject({ metadata: { reason: "google_mismatch" } });
  });

  it("refuses a Google account that is not a member (no invitation)", async () => {
    const outcome = await acceptHandoff({ tenant, code: await issueHandoff(record(google("stranger@example.com", "sub-x"))), state });
    expect(outcome).toMatchObject({ ok: false, error: "not_member" });
  });

  it("accepts a pending invitation with the Google identity (dc_invite), then signs the new member in", async () => {
    const admin = await createSignInMember({ tenantId: tenant.id }, { role: "admin" });
    const adminCtx: TenantContext = { tenantId: tenant.id, userId: admin.id, role: "admin" };
    const { token } = await inviteMember(adminCtx, { email: "new.hire@example.com", role: "disposition_manager" });
    const outcome = await acceptHandoff({ tenant, code: await issueHandoff(record(google("new.hire@example.com", "sub-new"))), state, inviteToken: token });
    expect(outcome).toMatchObject({ ok: true, claims: { email: "new.hire@example.com", amr: "google" } });
    const user = await scoped({ tenantId: tenant.id }, User).findOne({ email: "new.hire@example.com" }).lean();
    expect(user).toMatchObject({ role: "disposition_manager", google_id: "sub-new", is_active: true });
  });

  it("reports an invitation meant for another e-mail, naming the invited address", async () => {
    const admin = await createSignInMember({ tenantId: tenant.id }, { role: "admin" });
    const { token } = await inviteMember({ tenantId: tenant.id, userId: admin.id, role: "admin" }, { email: "invited@example.com", role: "acquisition_rep" });
    const wrongPerson = await acceptHandoff({ tenant, code: await issueHandoff(record(google("someone.else@example.com", "sub-y"))), state, inviteToken: token });
    expect(wrongPerson).toMatchObject({ ok: false, error: "invite", message: expect.stringContaining("invited@example.com") });
  });
});

// The settings and team server actions called directly, the way a replayed request calls them: a
// real session cookie on a workspace host goes through tenantAction (next/headers is the only
// thing replaced). Anyone but an admin of this workspace is refused, with a clear message, and
// nothing changes: a rep or disposition manager, an admin of another workspace, a deactivated
// admin, and an admin of a suspended workspace.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { inviteMember } from "@/lib/team/invite-member";
import { startDnsServer } from "@/lib/testing/dns-server.mjs";
import { createTenant } from "@/lib/testing/factories";
import { request } from "@/lib/testing/mock-next-headers";
import { Activity, Invite, Setting, Tenant, TenantDomain, User } from "@/models";
import { changeRoleAction, deactivateMemberAction, inviteMemberAction, reactivateMemberAction, resendInviteAction, revokeInviteAction } from "./team/actions";
import { createSettingAction, deleteSettingAction, updateSettingAction } from "./values/actions";
import {
  changePlanAction,
  changeSubdomainAction,
  saveCompanyProfileAction,
  saveFeatureSwitchesAction,
  saveRepsSeeAllLeadsAction,
  setCustomDomainAction,
  verifyCustomDomainAction,
} from "./workspace/actions";

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

type Workspace = { ctx: TenantContext; host: string; sessions: Record<string, string>; ids: Record<string, string> };

async function workspace(): Promise<Workspace> {
  const { ctx, tenant } = await createTenant();
  const sessions: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const role of ["admin", "acquisition_rep", "disposition_manager"] as const) {
    const m = await createSignInMember(ctx, { role });
    ids[role] = m.id;
    sessions[role] = await tenantSessionFor(ctx.tenantId, m.id);
  }
  return { ctx, host: `${tenant.subdomain}.localhost:3000`, sessions, ids };
}

let acme: Workspace;
let globex: Workspace;
let inviteId: string;
let settingId: string;

beforeEach(async () => {
  acme = await workspace();
  globex = await workspace();
  inviteId = (await inviteMember({ ...acme.ctx, userId: acme.ids.admin }, { email: `pending-${Date.now()}@example.com`, role: "acquisition_rep" })).inviteId;
  settingId = String((await Setting.create({ tenant_id: acme.ctx.tenantId, category: "general", key: "greeting", value: "hello" }))._id);
});

/** Every admin-only action with input that an admin could submit. */
function adminActions(): [string, () => Promise<{ ok: boolean }>][] {
  const rep = acme.ids.acquisition_rep;
  return [
    ["invite", () => inviteMemberAction({ email: "new.admin@example.com", role: "admin" })],
    ["resend an invitation", () => resendInviteAction({ inviteId })],
    ["revoke an invitation", () => revokeInviteAction({ inviteId })],
    ["change a role", () => changeRoleAction({ userId: rep, role: "admin" })],
    ["deactivate", () => deactivateMemberAction({ userId: acme.ids.admin })],
    ["reactivate", () => reactivateMemberAction({ userId: rep })],
    ["rename the company", () => saveCompanyProfileAction({ name: "Taken Over Inc" })],
    ["change the subdomain", () => changeSubdomainAction({ subdomain: `moved${Date.now().toString(36)}` })],
    ["set a custom domain", () => setCustomDomainAction({ domain: "crm.attacker.example" })],
    ["verify the custom domain", () => verifyCustomDomainAction({})],
    ["switch features", () => saveFeatureSwitchesAction({ sms_enabled: "false", call_enabled: "false" })],
    ["let reps see all leads", () => saveRepsSeeAllLeadsAction({ enabled: "on" })],
    ["change the plan", () => changePlanAction({ plan: "enterprise" })],
    ["add a setting", () => createSettingAction({ category: "general", key: "added", type: "string", value: "x" })],
    ["change a setting", () => updateSettingAction({ id: settingId, type: "string", value: "changed" })],
    ["delete a setting", () => deleteSettingAction({ id: settingId })],
  ];
}

async function snapshot(ws: Workspace) {
  const tenant_id = ws.ctx.tenantId;
  const [tenant, users, invites, settings, activities] = await Promise.all([
    Tenant.findById(tenant_id).lean(),
    User.find({ tenant_id }).sort({ _id: 1 }).lean(),
    Invite.find({ tenant_id }).sort({ _id: 1 }).lean(),
    Setting.find({ tenant_id }).sort({ _id: 1 }).lean(),
    Activity.countDocuments({ tenant_id }),
  ]);
  return { tenant, users, invites, settings, activities };
}

async function expectRefusedEverywhere(code: string, message: RegExp) {
  const before = await Promise.all([snapshot(acme), snapshot(globex)]);
  for (const [name, run] of adminActions()) {
    expect(await run(), name).toMatchObject({ ok: false, code, error: expect.stringMatching(message) });
  }
  expect(await Promise.all([snapshot(acme), snapshot(globex)])).toEqual(before);
}

describe("settings and team actions", () => {
  it.each(["acquisition_rep", "disposition_manager"])("refuses a member with the role %s calling them directly", async (role) => {
    request.host = acme.host;
    request.cookie = acme.sessions[role];
    await expectRefusedEverywhere("forbidden", /do not have permission/);
  });

  it("refuses an admin of another workspace, whose session does not hold on this host", async () => {
    request.host = acme.host;
    request.cookie = globex.sessions.admin;
    await expectRefusedEverywhere("unauthorized", /sign in/i);
  });

  it("refuses a deactivated admin's old session at once", async () => {
    const other = await createSignInMember(acme.ctx, { role: "admin" });
    const session = await tenantSessionFor(acme.ctx.tenantId, other.id);
    await User.updateOne({ _id: other.id, tenant_id: acme.ctx.tenantId }, { $set: { is_active: false, session_version: 1 } });
    request.host = acme.host;
    request.cookie = session;
    await expectRefusedEverywhere("unauthorized", /sign in/i);
  });

  it("refuses every change in a suspended workspace, to its admin too", async () => {
    await Tenant.updateOne({ _id: acme.ctx.tenantId }, { $set: { subscription_status: "suspended" } });
    request.host = acme.host;
    request.cookie = acme.sessions.admin;
    await expectRefusedEverywhere("tenant_suspended", /suspended/);
  });

  it("lets the admin of this workspace do them", async () => {
    request.host = acme.host;
    request.cookie = acme.sessions.admin;
    expect(await changeRoleAction({ userId: acme.ids.acquisition_rep, role: "disposition_manager" })).toMatchObject({ ok: true });
    expect(await saveCompanyProfileAction({ name: "Acme Renamed" })).toMatchObject({ ok: true });
    expect(await Activity.countDocuments({ tenant_id: acme.ctx.tenantId, type: { $in: ["role_changed", "settings_changed"] } })).toBe(2);
  });

  it("refuses the admin a custom domain until the plan has it, then serves it only once its DNS record is verified", async () => {
    request.host = acme.host;
    request.cookie = acme.sessions.admin;
    const domain = "crm.acme-homes.example";
    const before = await snapshot(acme);
    for (const result of [await setCustomDomainAction({ domain }), await verifyCustomDomainAction({})]) {
      expect(result).toEqual({
        ok: false,
        code: "forbidden",
        error: "Custom domains are part of the Enterprise plan. This workspace is on the Basic plan.",
        fieldErrors: { domain: ["Custom domains are part of the Enterprise plan. This workspace is on the Basic plan."] },
      });
    }
    expect(await snapshot(acme)).toEqual(before);

    expect(await changePlanAction({ plan: "enterprise" })).toMatchObject({ ok: true });
    expect(await setCustomDomainAction({ domain })).toEqual({ ok: true, data: { status: "pending" } });
    expect(await TenantDomain.countDocuments({ domain })).toBe(0);

    const dns = await startDnsServer();
    process.env.DNS_SERVERS = dns.address;
    try {
      expect(await verifyCustomDomainAction({})).toMatchObject({ ok: false, code: "bad_request", error: expect.stringMatching(/^No TXT record found at _dealcycle\.crm\.acme-homes\.example yet/) });
      const claim = (await Tenant.findById(acme.ctx.tenantId).lean())?.domain_claim;
      dns.setTxt(`_dealcycle.${domain}`, [`dealcycle-verify=${claim?.token}`]);
      expect(await verifyCustomDomainAction({})).toEqual({ ok: true, data: { domain } });
    } finally {
      delete process.env.DNS_SERVERS;
      await dns.close();
    }
    expect((await TenantDomain.find({ domain }).lean()).map((r) => String(r.tenant_id))).toEqual([acme.ctx.tenantId]);
  });
});

// The invitation page's server actions, called the way a replayed request can call them: on the
// workspace's host, without a session, with whatever arguments the caller chooses.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { inviteMember } from "@/lib/team/invite-member";
import { endTenantSession } from "@/lib/auth/end-session";
import { decodeTenantSession, tenantSessionCookieName } from "@/lib/core/session/session-cookies";
import "@/lib/testing/sign-in";
import { createMember } from "@/lib/team/testing";
import { createTenant } from "@/lib/testing/factories";
import { request } from "@/lib/testing/mock-next-headers";
import { resolveSession } from "@/lib/core/tenancy/session-context";
import { Activity, Invite, Tenant, User } from "@/models";
import { acceptInviteAction, acceptWithGoogleAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));

const PASSWORD = "correct-horse-battery";
let admin: TenantContext;
let token: string;

beforeEach(async () => {
  const { ctx, tenant } = await createTenant();
  admin = (await createMember(ctx, "admin")).ctx;
  token = (await inviteMember(admin, { email: `joiner-${Date.now()}@example.com`, role: "acquisition_rep" })).token;
  request.host = `${tenant.subdomain}.localhost:3000`;
  request.cookie = undefined;
  request.setCookies.clear();
});

/** Where a server action sent the browser with next/navigation's redirect (it throws to do so). */
async function redirectOf(pending: Promise<unknown>): Promise<string> {
  const err = (await pending.then(
    () => null,
    (e: unknown) => e,
  )) as { digest?: string } | null;
  if (!err?.digest?.startsWith("NEXT_REDIRECT;")) throw new Error(`expected a redirect, got ${JSON.stringify(err)}`);
  return err.digest.split(";")[2]!;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

async function snapshot() {
  const [users, invites] = await Promise.all([
    User.find({ tenant_id: admin.tenantId }).select("+password_hash").sort({ _id: 1 }).lean(),
    Invite.find({ tenant_id: admin.tenantId }).sort({ _id: 1 }).lean(),
  ]);
  return { users, invites };
}

describe("invitation actions", () => {
  it("creates the member from the form and logs the acceptance with the client's address", async () => {
    expect(await redirectOf(acceptInviteAction(null, form({ token, name: "Joiner", password: PASSWORD, confirm: PASSWORD })))).toBe("/");
    const logged = await Activity.findOne({ tenant_id: admin.tenantId, type: "invite_accepted" }).lean();
    expect(logged).toMatchObject({ ip_address: "198.51.100.9", user_agent: "vitest" });
  });

  it("signs the new member in on the workspace at once, with the invited role, without a second sign-in", async () => {
    expect(await redirectOf(acceptInviteAction(null, form({ token, name: "Joiner", password: PASSWORD, confirm: PASSWORD })))).toBe("/");
    const session = await resolveSession({ host: request.host, tenantSession: request.setCookies.get(tenantSessionCookieName()) });
    expect(session).toMatchObject({ kind: "member", member: { name: "Joiner", role: "acquisition_rep" } });
    const signedIn = await Activity.findOne({ tenant_id: admin.tenantId, type: "user_signed_in" }).lean();
    expect(signedIn).toMatchObject({ ip_address: "198.51.100.9", metadata: { method: "password" } });
  });

  it("gives a session that signing out ends on the server, like a password sign-in's", async () => {
    await redirectOf(acceptInviteAction(null, form({ token, name: "Joiner", password: PASSWORD, confirm: PASSWORD })));
    const cookie = request.setCookies.get(tenantSessionCookieName());
    expect(await decodeTenantSession(cookie)).toMatchObject({ typ: "tenant", tid: admin.tenantId, amr: "password" });
    await endTenantSession({ host: request.host, tenantSession: cookie }, { everywhere: false });
    // A copy of the cookie taken before signing out is refused.
    expect(await decodeTenantSession(cookie)).toBeNull();
    expect(await resolveSession({ host: request.host, tenantSession: cookie })).toMatchObject({ kind: "signed_out" });
  });

  it("signs nobody in when the acceptance fails", async () => {
    await acceptInviteAction(null, form({ token, name: "Joiner", password: "short", confirm: "short" }));
    expect(request.setCookies.size).toBe(0);
  });

  it.each([
    ["an object instead of the form", { token: { $ne: "" }, name: "X", password: PASSWORD, confirm: PASSWORD }],
    ["a string instead of the form", "token=abc"],
    ["nothing", undefined],
  ])("answers %s with a clear error and changes nothing", async (_label, input) => {
    const before = await snapshot();
    for (const action of [acceptInviteAction, acceptWithGoogleAction]) {
      const result = await action(null, input as unknown as FormData);
      expect(result).toMatchObject({ ok: false, code: "bad_request", error: "Please correct the highlighted fields." });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to join a suspended workspace, with the reason, and changes nothing", async () => {
    await Tenant.updateOne({ _id: admin.tenantId }, { $set: { subscription_status: "suspended" } });
    const before = await snapshot();
    for (const action of [acceptInviteAction, acceptWithGoogleAction]) {
      const result = await action(null, form({ token, name: "Joiner", password: PASSWORD, confirm: PASSWORD }));
      expect(result).toMatchObject({ ok: false, code: "tenant_suspended", error: expect.stringMatching(/suspended/) });
    }
    expect(await snapshot()).toEqual(before);
  });
});

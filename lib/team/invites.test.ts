import { beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { createTenant } from "@/lib/testing/factories";
import { Activity, Invite, MailMessage, Tenant, User } from "@/models";
import { acceptInvite } from "./accept-invite";
import { getInviteByToken } from "./get-invite";
import { hashInviteToken } from "./invite-token";
import { inviteMember } from "./invite-member";
import { listTeam } from "./list-team";
import { resendInvite, revokeInvite } from "./manage-invites";
import { createMember, inviteTokenFromOutbox } from "./testing";

const PASSWORD = "correct-horse-battery";

let admin: TenantContext;
let tenantId: string;

beforeEach(async () => {
  const { ctx } = await createTenant();
  tenantId = ctx.tenantId;
  admin = (await createMember(ctx, "admin")).ctx;
});

async function expectAppError(p: Promise<unknown>, code: string, message?: RegExp) {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (message) expect((err as AppError).message).toMatch(message);
}

async function snapshot() {
  const [users, invites] = await Promise.all([
    User.find({ tenant_id: tenantId }).select("+password_hash").sort({ _id: 1 }).lean(),
    Invite.find({ tenant_id: tenantId }).sort({ _id: 1 }).lean(),
  ]);
  return { users, invites };
}

describe("invitations", () => {
  // An address of its own per test: an address receives at most 3 invitation e-mails an hour.
  let seq = 0;
  let address = "";
  const invite = () => {
    address = `new.rep.${++seq}@example.com`;
    return inviteMember(admin, { email: `  New.Rep.${seq}@Example.com `, role: "acquisition_rep" });
  };

  it("mails the link to the invited address, normalised, from this company", async () => {
    const { token } = await invite();
    expect(await inviteTokenFromOutbox(address)).toBe(token);
    const mail = await MailMessage.findOne({ to: address }).lean();
    expect(mail?.text).toContain(`/invite/${token}`);
    expect(String(mail?.tenant_id)).toBe(tenantId);
  });

  it("stores the token only as a hash, valid for a week", async () => {
    const { token, inviteId } = await invite();
    const stored = await Invite.findOne({ _id: inviteId, tenant_id: tenantId }).lean();
    expect(stored?.token_hash).toBe(hashInviteToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored!.expires_at.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
  });

  it("shows a pending invitation by its token", async () => {
    const { token } = await invite();
    const view = await getInviteByToken({ tenantId }, token);
    expect(view).toMatchObject({ email: address, role: "acquisition_rep", status: "pending" });
  });

  it("creates the member on acceptance, with the chosen password, and marks the invitation used", async () => {
    const { token, inviteId } = await invite();
    const { userId } = await acceptInvite({ tenantId, token, name: "New Rep", password: PASSWORD });
    const user = await scoped({ tenantId }, User).findById(userId).select("+password_hash").lean();
    expect(user).toMatchObject({ email: address, name: "New Rep", role: "acquisition_rep", is_active: true, is_verified: true });
    expect(await verifyPassword(user!.password_hash!, PASSWORD)).toBe(true);
    expect((await Invite.findOne({ _id: inviteId, tenant_id: tenantId }).lean())?.used_at).toBeInstanceOf(Date);
    expect(await getInviteByToken({ tenantId }, token)).toMatchObject({ status: "accepted" });
  });

  it("logs the invitation sent, with who sent it from where, and its acceptance", async () => {
    const { token } = await invite();
    await acceptInvite({ tenantId, token, name: "New Rep", password: PASSWORD });
    const types = (await Activity.find({ tenant_id: tenantId }).lean()).map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(["invite_sent", "invite_accepted"]));
    const sent = await Activity.findOne({ tenant_id: tenantId, type: "invite_sent" }).lean();
    expect(sent).toMatchObject({ user_id: expect.anything(), ip_address: "203.0.113.7", user_agent: "vitest" });
    expect(sent?.metadata).toMatchObject({ after: { email: address, role: "acquisition_rep" } });
  });

  it("fails closed on a second use and changes nothing", async () => {
    const { token } = await inviteMember(admin, { email: "once@example.com", role: "disposition_manager" });
    await acceptInvite({ tenantId, token, name: "Once", password: PASSWORD });
    const before = await snapshot();
    await expectAppError(acceptInvite({ tenantId, token, name: "Twice", password: "another-password-1" }), "conflict", /already used/);
    expect(await snapshot()).toEqual(before);
  });

  it("lets exactly one of two simultaneous submits win", async () => {
    const { token } = await inviteMember(admin, { email: "double@example.com", role: "acquisition_rep" });
    const results = await Promise.allSettled([
      acceptInvite({ tenantId, token, name: "First", password: PASSWORD }),
      acceptInvite({ tenantId, token, name: "Second", password: PASSWORD }),
      acceptInvite({ tenantId, token, name: "Third", password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await User.countDocuments({ tenant_id: tenantId, email: "double@example.com" })).toBe(1);
  });

  it("refuses an expired link and changes nothing", async () => {
    const { token, inviteId } = await inviteMember(admin, { email: "late@example.com", role: "acquisition_rep" });
    await scoped(admin, Invite).updateOne({ _id: inviteId }, { $set: { expires_at: new Date(Date.now() - 1000) } });
    const before = await snapshot();
    await expectAppError(acceptInvite({ tenantId, token, name: "Late", password: PASSWORD }), "bad_request", /expired/);
    expect(await snapshot()).toEqual(before);
    expect(await getInviteByToken({ tenantId }, token)).toMatchObject({ status: "expired" });
  });

  it("refuses unknown and malformed tokens", async () => {
    await expectAppError(acceptInvite({ tenantId, token: "x".repeat(43), name: "X", password: PASSWORD }), "not_found");
    await expectAppError(acceptInvite({ tenantId, token: "../../etc", name: "X", password: PASSWORD }), "not_found");
    expect(await getInviteByToken({ tenantId }, "nope")).toBeNull();
  });

  it("does not accept another company's token on this company's host", async () => {
    const other = await createTenant();
    const { token } = await inviteMember(admin, { email: "cross@example.com", role: "admin" });
    const before = await snapshot();
    expect(await getInviteByToken(other.ctx, token)).toBeNull();
    await expectAppError(acceptInvite({ tenantId: other.ctx.tenantId, token, name: "Cross", password: PASSWORD }), "not_found");
    expect(await User.countDocuments({ tenant_id: other.ctx.tenantId })).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("validates the name and password and reports every field", async () => {
    const { token } = await inviteMember(admin, { email: "short@example.com", role: "acquisition_rep" });
    const err = await acceptInvite({ tenantId, token, name: " ", password: "short" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(Object.keys(err.fieldErrors).sort()).toEqual(["name", "password"]);
    expect(await getInviteByToken({ tenantId }, token)).toMatchObject({ status: "pending" });
  });

  it("accepts with Google only for the invited address", async () => {
    const { token } = await inviteMember(admin, { email: "g@example.com", role: "disposition_manager" });
    await expectAppError(acceptInvite({ tenantId, token, google: { sub: "1", email: "someone.else@example.com", name: "Else" } }), "forbidden", /g@example.com/);
    expect(await getInviteByToken({ tenantId }, token)).toMatchObject({ status: "pending" });
    const { userId } = await acceptInvite({ tenantId, token, google: { sub: "google-42", email: "G@Example.com", name: "Gee" } });
    const user = await scoped({ tenantId }, User).findById(userId).lean();
    expect(user).toMatchObject({ google_id: "google-42", name: "Gee", role: "disposition_manager", is_active: true });
  });

  it("reactivates a former member instead of creating a second user", async () => {
    const { user } = await createMember(admin, "acquisition_rep", { email: "back@example.com", is_active: false });
    const { token } = await inviteMember(admin, { email: "back@example.com", role: "disposition_manager" });
    const { userId } = await acceptInvite({ tenantId, token, name: "Back Again", password: PASSWORD });
    expect(userId).toBe(String(user._id));
    expect(await scoped(admin, User).findById(userId).lean()).toMatchObject({ is_active: true, role: "disposition_manager", name: "Back Again" });
  });

  it("refuses to invite an active member or someone already invited", async () => {
    const { user } = await createMember(admin, "acquisition_rep");
    await expectAppError(inviteMember(admin, { email: user.email!, role: "admin" }), "conflict", /already a member/);
    await inviteMember(admin, { email: "pending@example.com", role: "admin" });
    await expectAppError(inviteMember(admin, { email: "pending@example.com", role: "admin" }), "conflict", /pending invitation/);
  });

  it("counts active users and pending invitations against max_users", async () => {
    await Tenant.updateOne({ _id: tenantId }, { $set: { max_users: 3 } });
    await createMember(admin, "acquisition_rep");
    await createMember(admin, "acquisition_rep", { is_active: false }); // inactive: no seat
    const { inviteId } = await inviteMember(admin, { email: "third@example.com", role: "acquisition_rep" });
    await expectAppError(inviteMember(admin, { email: "fourth@example.com", role: "acquisition_rep" }), "limit_reached", /allows 3 users/);
    expect(await Invite.countDocuments({ tenant_id: tenantId, email: "fourth@example.com" })).toBe(0);

    await revokeInvite(admin, inviteId);
    const { token } = await inviteMember(admin, { email: "fourth@example.com", role: "acquisition_rep" });
    // The plan shrank after the invitation: accepting must still fit the plan.
    await Tenant.updateOne({ _id: tenantId }, { $set: { max_users: 2 } });
    await expectAppError(acceptInvite({ tenantId, token, name: "Fourth", password: PASSWORD }), "limit_reached");
    expect(await getInviteByToken({ tenantId }, token)).toMatchObject({ status: "pending" });
  });

  it("keeps max_users when admins invite at the same moment, and the seats left can be used afterwards", async () => {
    await Tenant.updateOne({ _id: tenantId }, { $set: { max_users: 3 } }); // the admin holds one seat
    const results = await Promise.allSettled([...Array(6)].map((_, i) => inviteMember(admin, { email: `race${i}@example.com`, role: "acquisition_rep" })));
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "limit_reached" });
    const pending = () => Invite.countDocuments({ tenant_id: tenantId });
    expect(await pending()).toBe(results.filter((r) => r.status === "fulfilled").length);
    expect(await pending()).toBeLessThanOrEqual(2);
    for (let i = 0; (await pending()) < 2; i++) await inviteMember(admin, { email: `later${i}@example.com`, role: "acquisition_rep" });
    await expectAppError(inviteMember(admin, { email: "one-too-many@example.com", role: "acquisition_rep" }), "limit_reached", /allows 3 users/);
  });

  it("keeps max_users when invitations are accepted at the same moment, and a refused one can be used later", async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) tokens.push((await inviteMember(admin, { email: `join${i}@example.com`, role: "acquisition_rep" })).token);
    // The plan shrank after the invitations went out: two more people fit.
    await Tenant.updateOne({ _id: tenantId }, { $set: { max_users: 3 } });
    const results = await Promise.allSettled(tokens.map((token, i) => acceptInvite({ tenantId, token, name: `Joiner ${i}`, password: PASSWORD })));
    const active = () => User.countDocuments({ tenant_id: tenantId, is_active: true });
    expect(await active()).toBeLessThanOrEqual(3);
    for (const [i, r] of results.entries()) {
      if (r.status === "fulfilled") continue;
      expect(r.reason).toMatchObject({ code: "limit_reached" });
      expect(await User.countDocuments({ tenant_id: tenantId, email: `join${i}@example.com` })).toBe(0);
      expect(await getInviteByToken({ tenantId }, tokens[i])).toMatchObject({ status: "pending" });
    }
    // One by one, exactly the free seats are taken.
    for (const [i, token] of tokens.entries()) {
      if (results[i].status === "fulfilled") continue;
      await acceptInvite({ tenantId, token, name: `Joiner ${i}`, password: PASSWORD }).catch((e) => expect(e).toMatchObject({ code: "limit_reached" }));
    }
    expect(await active()).toBe(3);
  });

  it("gives a former member back exactly as they were when the plan has no seat left", async () => {
    await Tenant.updateOne({ _id: tenantId }, { $set: { max_users: 4 } });
    const former = [];
    for (let i = 0; i < 3; i++) {
      const { user } = await createMember(admin, "acquisition_rep", { email: `former${i}@example.com`, is_active: false, password_hash: `old-hash-${i}` });
      former.push({ user, token: (await inviteMember(admin, { email: `former${i}@example.com`, role: "admin" })).token });
    }
    await Tenant.updateOne({ _id: tenantId }, { $set: { max_users: 2 } });
    const before = await snapshot();
    const results = await Promise.allSettled(former.map(({ token }) => acceptInvite({ tenantId, token, name: "Returning", password: PASSWORD })));
    expect(await User.countDocuments({ tenant_id: tenantId, is_active: true })).toBeLessThanOrEqual(2);
    const after = await snapshot();
    for (const [i, r] of results.entries()) {
      if (r.status === "fulfilled") continue;
      expect(r.reason).toMatchObject({ code: "limit_reached" });
      const id = String(former[i].user._id);
      expect(after.users.find((u) => String(u._id) === id)).toEqual(before.users.find((u) => String(u._id) === id));
    }
  });

  it("refuses to join a suspended or closed workspace and changes nothing", async () => {
    const { token } = await inviteMember(admin, { email: "paused@example.com", role: "acquisition_rep" });
    await Tenant.updateOne({ _id: tenantId }, { $set: { subscription_status: "suspended" } });
    const before = await snapshot();
    await expectAppError(acceptInvite({ tenantId, token, name: "Paused", password: PASSWORD }), "tenant_suspended", /suspended/);
    await expectAppError(acceptInvite({ tenantId, token, google: { sub: "g-1", email: "paused@example.com" } }), "tenant_suspended");
    await Tenant.updateOne({ _id: tenantId }, { $set: { subscription_status: "cancelled" } });
    await expectAppError(acceptInvite({ tenantId, token, name: "Paused", password: PASSWORD }), "not_found", /not valid/);
    expect(await snapshot()).toEqual(before);
  });

  it("resend mails a new link and the old one stops working", async () => {
    const { token: first, inviteId } = await inviteMember(admin, { email: "again@example.com", role: "acquisition_rep" });
    const { token: second } = await resendInvite(admin, inviteId);
    expect(second).not.toBe(first);
    expect(await inviteTokenFromOutbox("again@example.com")).toBe(second);
    expect(await getInviteByToken({ tenantId }, first)).toBeNull();
    await expectAppError(acceptInvite({ tenantId, token: first, name: "A", password: PASSWORD }), "not_found");
  });

  it("revoke closes the link, and a revoked invitation cannot be resent", async () => {
    const { inviteId } = await inviteMember(admin, { email: "revoked@example.com", role: "acquisition_rep" });
    const { token: second } = await resendInvite(admin, inviteId);
    await revokeInvite(admin, inviteId);
    await expectAppError(acceptInvite({ tenantId, token: second, name: "A", password: PASSWORD }), "conflict", /withdrawn/);
    await expectAppError(resendInvite(admin, inviteId), "conflict", /revoked/);
    expect((await Activity.find({ tenant_id: tenantId, type: { $in: ["invite_resent", "invite_revoked"] } }).lean()).length).toBe(2);
  });

  it("a revoked invitation makes room for a new one to the same address", async () => {
    const { inviteId } = await inviteMember(admin, { email: "room@example.com", role: "acquisition_rep" });
    await revokeInvite(admin, inviteId);
    await inviteMember(admin, { email: "room@example.com", role: "admin" });
    expect(await Invite.countDocuments({ tenant_id: tenantId, email: "room@example.com" })).toBe(1);
  });

  it("renews an expired invitation on resend", async () => {
    const { inviteId } = await inviteMember(admin, { email: "renew@example.com", role: "acquisition_rep" });
    await scoped(admin, Invite).updateOne({ _id: inviteId }, { $set: { expires_at: new Date(Date.now() - 1000) } });
    const { token } = await resendInvite(admin, inviteId);
    expect(await getInviteByToken({ tenantId }, token)).toMatchObject({ status: "pending" });
  });

  it("is for admins only", async () => {
    const rep = (await createMember(admin, "acquisition_rep")).ctx;
    await expectAppError(inviteMember(rep, { email: "x@example.com", role: "admin" }), "forbidden");
    await expectAppError(listTeam(rep), "forbidden");
  });
});

describe("invitations across companies", () => {
  it("never lists, resends or revokes another company's invitations", async () => {
    const other = await createTenant();
    const otherAdmin = (await createMember(other.ctx, "admin")).ctx;
    const theirs = await inviteMember(otherAdmin, { email: "theirs@example.com", role: "acquisition_rep" });
    const mine = await inviteMember(admin, { email: "mine@example.com", role: "acquisition_rep" });

    const team = await listTeam(admin);
    expect(team.invites.map((i) => i.email)).toEqual(["mine@example.com"]);
    expect(team.members.every((m) => !m.email.startsWith("member") || m.id !== otherAdmin.userId)).toBe(true);
    expect(team.members.map((m) => m.id)).not.toContain(otherAdmin.userId);

    const before = await Invite.findOne({ _id: theirs.inviteId, tenant_id: other.ctx.tenantId }).lean();
    await expectAppError(resendInvite(admin, theirs.inviteId), "not_found");
    await expectAppError(revokeInvite(admin, theirs.inviteId), "not_found");
    expect(await Invite.findOne({ _id: theirs.inviteId, tenant_id: other.ctx.tenantId }).lean()).toEqual(before);
    expect(await getInviteByToken(admin, theirs.token)).toBeNull();
    expect(await getInviteByToken(otherAdmin, mine.token)).toBeNull();
  });
});

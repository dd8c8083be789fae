import { beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { createTenant } from "@/lib/testing/factories";
import { Activity, Tenant, User } from "@/models";
import { changeMemberRole, deactivateMember, reactivateMember } from "./change-member";
import { listTeam } from "./list-team";
import { createMember } from "./testing";

let admin: TenantContext;

beforeEach(async () => {
  admin = (await createMember((await createTenant()).ctx, "admin")).ctx;
});

const code = (p: Promise<unknown>) => p.then(() => "ok", (e) => (e instanceof AppError ? e.code : String(e)));
const userOf = (ctx: TenantContext, id: string) => scoped(ctx, User).findById(id).lean();

describe("team members", () => {
  describe("listing", () => {
    it("lists every member with role, state and last sign-in, inactive ones last", async () => {
      await createMember(admin, "acquisition_rep", { name: "Zed Rep", last_login: new Date("2026-01-02T03:04:05Z") });
      await createMember(admin, "disposition_manager", { name: "Ann Dispo", is_active: false });
      const team = await listTeam(admin);
      expect(team.members).toHaveLength(3);
      expect(team.members.at(-1)).toMatchObject({ name: "Ann Dispo", isActive: false });
      expect(team.members.find((m) => m.name === "Zed Rep")).toMatchObject({ role: "acquisition_rep", lastLogin: "2026-01-02T03:04:05.000Z", isYou: false });
    });

    it("marks the viewer as you", async () => {
      await createMember(admin, "acquisition_rep");
      const team = await listTeam(admin);
      expect(team.members.find((m) => m.id === admin.userId)?.isYou).toBe(true);
      expect(team.members.filter((m) => m.isYou)).toHaveLength(1);
    });

    it("counts only active members as seats in use", async () => {
      await createMember(admin, "acquisition_rep");
      await createMember(admin, "disposition_manager", { is_active: false });
      expect((await listTeam(admin)).seats).toMatchObject({ active: 2, pending: 0 });
    });
  });

  describe("role change", () => {
    it("changes a member's role", async () => {
      const { user } = await createMember(admin, "acquisition_rep");
      await changeMemberRole(admin, String(user._id), "disposition_manager");
      expect((await userOf(admin, String(user._id)))?.role).toBe("disposition_manager");
    });

    it("records who changed whose role, before and after", async () => {
      const { user } = await createMember(admin, "acquisition_rep");
      await changeMemberRole(admin, String(user._id), "disposition_manager");
      const activity = await scoped(admin, Activity).findOne({ type: "role_changed" }).lean();
      expect(activity).toMatchObject({ entity_type: "user", metadata: { before: { role: "acquisition_rep" }, after: { role: "disposition_manager" } } });
      expect(String(activity?.user_id)).toBe(admin.userId);
      expect(String(activity?.entity_id)).toBe(String(user._id));
    });
  });

  describe("deactivation and reactivation", () => {
    it("deactivation ends the member's sessions at once (session_version bumped)", async () => {
      const { user } = await createMember(admin, "acquisition_rep", { session_version: 4 });
      await deactivateMember(admin, String(user._id));
      expect(await userOf(admin, String(user._id))).toMatchObject({ is_active: false, session_version: 5 });
    });

    it("records the deactivation before and after", async () => {
      const { user } = await createMember(admin, "acquisition_rep", { session_version: 4 });
      await deactivateMember(admin, String(user._id));
      const activity = await scoped(admin, Activity).findOne({ type: "user_deactivated" }).lean();
      expect(activity?.metadata).toMatchObject({ before: { is_active: true }, after: { is_active: false, session_version: 5 } });
    });

    it("does not bump the session version again for a member already inactive", async () => {
      const { user } = await createMember(admin, "acquisition_rep", { session_version: 4 });
      await deactivateMember(admin, String(user._id));
      await deactivateMember(admin, String(user._id));
      expect((await userOf(admin, String(user._id)))?.session_version).toBe(5);
    });

    it("reactivation restores the member, keeps old sessions ended, and is recorded once", async () => {
      const { user } = await createMember(admin, "acquisition_rep", { session_version: 4 });
      await deactivateMember(admin, String(user._id));
      await reactivateMember(admin, String(user._id));
      expect(await userOf(admin, String(user._id))).toMatchObject({ is_active: true, session_version: 5 });
      expect(await scoped(admin, Activity).countDocuments({ type: "user_reactivated" })).toBe(1);
    });
  });

  describe("the last active admin", () => {
    it("cannot be demoted", async () => {
      expect(await code(changeMemberRole(admin, admin.userId!, "acquisition_rep"))).toBe("conflict");
      expect(await userOf(admin, admin.userId!)).toMatchObject({ role: "admin", is_active: true });
    });

    it("cannot be deactivated", async () => {
      expect(await code(deactivateMember(admin, admin.userId!))).toBe("conflict");
      expect(await userOf(admin, admin.userId!)).toMatchObject({ role: "admin", is_active: true });
    });

    it("stays the last one when the other admin is inactive", async () => {
      await createMember(admin, "admin", { is_active: false });
      expect(await code(changeMemberRole(admin, admin.userId!, "acquisition_rep"))).toBe("conflict");
      expect((await userOf(admin, admin.userId!))?.role).toBe("admin");
    });

    it("can be demoted once another active admin exists", async () => {
      await createMember(admin, "admin");
      await changeMemberRole(admin, admin.userId!, "disposition_manager");
      expect((await userOf(admin, admin.userId!))?.role).toBe("disposition_manager");
    });

    it("is protected again once the other admin was demoted", async () => {
      const second = await createMember(admin, "admin");
      await changeMemberRole(admin, admin.userId!, "disposition_manager");
      expect(await code(deactivateMember(second.ctx, second.ctx.userId!))).toBe("conflict");
      expect(await userOf(second.ctx, second.ctx.userId!)).toMatchObject({ role: "admin", is_active: true });
    });
  });

  it("leaves an admin when two admins demote each other at the same moment", async () => {
    const second = await createMember(admin, "admin");
    await Promise.allSettled([
      changeMemberRole(admin, second.ctx.userId!, "acquisition_rep"),
      changeMemberRole(second.ctx, admin.userId!, "acquisition_rep"),
    ]);
    expect(await scoped(admin, User).countDocuments({ role: "admin", is_active: true })).toBeGreaterThanOrEqual(1);
  });

  it("reactivation needs a free seat", async () => {
    await Tenant.updateOne({ _id: admin.tenantId }, { $set: { max_users: 2 } });
    const { user } = await createMember(admin, "acquisition_rep", { is_active: false });
    await createMember(admin, "acquisition_rep");
    expect(await code(reactivateMember(admin, String(user._id)))).toBe("limit_reached");
    expect((await userOf(admin, String(user._id)))?.is_active).toBe(false);
  });

  it("keeps max_users when several members are reactivated at the same moment", async () => {
    await Tenant.updateOne({ _id: admin.tenantId }, { $set: { max_users: 2 } }); // the admin holds one seat
    const former = await Promise.all([0, 1, 2].map(() => createMember(admin, "acquisition_rep", { is_active: false })));
    const results = await Promise.all(former.map(({ user }) => code(reactivateMember(admin, String(user._id)))));
    expect(results.every((r) => r === "ok" || r === "limit_reached")).toBe(true);
    expect(await scoped(admin, User).countDocuments({ is_active: true })).toBeLessThanOrEqual(2);
    expect(await Activity.countDocuments({ tenant_id: admin.tenantId, type: "user_reactivated" })).toBe(results.filter((r) => r === "ok").length);
  });

  const changes = {
    "changing the role": (ctx: TenantContext, id: string) => changeMemberRole(ctx, id, "acquisition_rep"),
    deactivating: deactivateMember,
    reactivating: reactivateMember,
  };

  it.each(Object.entries(changes))("answers not found to %s another company's member, and changes nothing", async (_label, change) => {
    const other = await createTenant();
    const theirs = await createMember(other.ctx, "admin");
    const before = await User.findOne({ _id: theirs.user._id, tenant_id: other.ctx.tenantId }).lean();
    expect(await code(change(admin, String(theirs.user._id)))).toBe("not_found");
    expect(await User.findOne({ _id: theirs.user._id, tenant_id: other.ctx.tenantId }).lean()).toEqual(before);
  });

  it("refuses a non-admin changing a role, even their own", async () => {
    const rep = await createMember(admin, "acquisition_rep");
    expect(await code(changeMemberRole(rep.ctx, rep.ctx.userId!, "admin"))).toBe("forbidden");
    expect((await userOf(admin, rep.ctx.userId!))?.role).toBe("acquisition_rep");
  });

  it("refuses a non-admin deactivating a member", async () => {
    const rep = await createMember(admin, "acquisition_rep");
    expect(await code(deactivateMember(rep.ctx, admin.userId!))).toBe("forbidden");
    expect((await userOf(admin, admin.userId!))?.is_active).toBe(true);
  });
});

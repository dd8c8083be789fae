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
  it("lists members with role, state and last sign-in, marking the viewer", async () => {
    await createMember(admin, "acquisition_rep", { name: "Zed Rep", last_login: new Date("2026-01-02T03:04:05Z") });
    await createMember(admin, "disposition_manager", { name: "Ann Dispo", is_active: false });
    const team = await listTeam(admin);
    expect(team.members).toHaveLength(3);
    expect(team.members.at(-1)).toMatchObject({ name: "Ann Dispo", isActive: false });
    expect(team.members.find((m) => m.name === "Zed Rep")).toMatchObject({ role: "acquisition_rep", lastLogin: "2026-01-02T03:04:05.000Z", isYou: false });
    expect(team.members.find((m) => m.id === admin.userId)?.isYou).toBe(true);
    expect(team.seats).toMatchObject({ active: 2, pending: 0 });
  });

  it("changes a role and records before and after", async () => {
    const { user } = await createMember(admin, "acquisition_rep");
    await changeMemberRole(admin, String(user._id), "disposition_manager");
    expect((await userOf(admin, String(user._id)))?.role).toBe("disposition_manager");
    const activity = await scoped(admin, Activity).findOne({ type: "role_changed" }).lean();
    expect(activity).toMatchObject({ entity_type: "user", metadata: { before: { role: "acquisition_rep" }, after: { role: "disposition_manager" } } });
    expect(String(activity?.user_id)).toBe(admin.userId);
    expect(String(activity?.entity_id)).toBe(String(user._id));
  });

  it("deactivation ends the member's sessions at once (session_version bumped)", async () => {
    const { user } = await createMember(admin, "acquisition_rep", { session_version: 4 });
    await deactivateMember(admin, String(user._id));
    expect(await userOf(admin, String(user._id))).toMatchObject({ is_active: false, session_version: 5 });
    const activity = await scoped(admin, Activity).findOne({ type: "user_deactivated" }).lean();
    expect(activity?.metadata).toMatchObject({ before: { is_active: true }, after: { is_active: false, session_version: 5 } });

    await deactivateMember(admin, String(user._id)); // already inactive: no second bump
    expect((await userOf(admin, String(user._id)))?.session_version).toBe(5);

    await reactivateMember(admin, String(user._id));
    expect(await userOf(admin, String(user._id))).toMatchObject({ is_active: true, session_version: 5 });
    expect(await scoped(admin, Activity).countDocuments({ type: "user_reactivated" })).toBe(1);
  });

  it("keeps at least one active admin", async () => {
    expect(await code(changeMemberRole(admin, admin.userId!, "acquisition_rep"))).toBe("conflict");
    expect(await code(deactivateMember(admin, admin.userId!))).toBe("conflict");
    expect(await userOf(admin, admin.userId!)).toMatchObject({ role: "admin", is_active: true });

    // An inactive admin does not count.
    await createMember(admin, "admin", { is_active: false });
    expect(await code(changeMemberRole(admin, admin.userId!, "acquisition_rep"))).toBe("conflict");

    const second = await createMember(admin, "admin");
    await changeMemberRole(admin, admin.userId!, "disposition_manager");
    expect((await userOf(admin, admin.userId!))?.role).toBe("disposition_manager");
    expect(await code(deactivateMember(second.ctx, second.ctx.userId!))).toBe("conflict");
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

  it("answers not found for another company's member and changes nothing", async () => {
    const other = await createTenant();
    const theirs = await createMember(other.ctx, "admin");
    const before = await User.findOne({ _id: theirs.user._id, tenant_id: other.ctx.tenantId }).lean();
    const id = String(theirs.user._id);
    expect(await code(changeMemberRole(admin, id, "acquisition_rep"))).toBe("not_found");
    expect(await code(deactivateMember(admin, id))).toBe("not_found");
    expect(await code(reactivateMember(admin, id))).toBe("not_found");
    expect(await User.findOne({ _id: theirs.user._id, tenant_id: other.ctx.tenantId }).lean()).toEqual(before);
  });

  it("is for admins only", async () => {
    const rep = await createMember(admin, "acquisition_rep");
    expect(await code(changeMemberRole(rep.ctx, rep.ctx.userId!, "admin"))).toBe("forbidden");
    expect(await code(deactivateMember(rep.ctx, admin.userId!))).toBe("forbidden");
  });
});

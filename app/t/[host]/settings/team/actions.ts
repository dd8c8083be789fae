"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { changeMemberRole, deactivateMember, reactivateMember } from "@/lib/team/change-member";
import { inviteMember } from "@/lib/team/invite-member";
import { resendInvite, revokeInvite } from "@/lib/team/manage-invites";
import { changeRoleSchema, inviteIdSchema, inviteMemberSchema, memberIdSchema } from "@/lib/team/schemas";

const refresh = () => revalidatePath("/", "layout");

export const inviteMemberAction = tenantAction(inviteMemberSchema, "users.manage", async (ctx, input) => {
  const { email, role } = await inviteMember(ctx, input);
  refresh();
  return { email, role };
});

export const resendInviteAction = tenantAction(inviteIdSchema, "users.manage", async (ctx, { inviteId }) => {
  await resendInvite(ctx, inviteId);
  refresh();
  return { message: "Sent again with a new link." };
});

export const revokeInviteAction = tenantAction(inviteIdSchema, "users.manage", async (ctx, { inviteId }) => {
  await revokeInvite(ctx, inviteId);
  refresh();
  return { message: "Invitation revoked." };
});

export const changeRoleAction = tenantAction(changeRoleSchema, "users.manage", async (ctx, { userId, role }) => {
  await changeMemberRole(ctx, userId, role);
  refresh();
  return { message: "Role changed." };
});

export const deactivateMemberAction = tenantAction(memberIdSchema, "users.manage", async (ctx, { userId }) => {
  await deactivateMember(ctx, userId);
  refresh();
  return { message: "Deactivated; their sessions ended." };
});

export const reactivateMemberAction = tenantAction(memberIdSchema, "users.manage", async (ctx, { userId }) => {
  await reactivateMember(ctx, userId);
  refresh();
  return { message: "Reactivated." };
});

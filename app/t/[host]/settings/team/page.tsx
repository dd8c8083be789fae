import { Section } from "@/components/settings/form-controls";
import { NoAccess } from "@/components/settings/no-access";
import { InviteForm } from "@/components/team/invite-form";
import { InvitesTable } from "@/components/team/invites-table";
import { MembersTable } from "@/components/team/members-table";
import { can } from "@/lib/core/permissions";
import { howInviteesJoin } from "@/lib/team/invite-wording";
import { listTeam } from "@/lib/team/list-team";
import { seatsMessage } from "@/lib/team/seats";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import {
  changeRoleAction,
  deactivateMemberAction,
  inviteMemberAction,
  reactivateMemberAction,
  resendInviteAction,
  revokeInviteAction,
} from "./actions";

export const metadata = { title: "Team" };

export default async function TeamPage() {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "users.manage")) return <NoAccess title="Team" role={ctx.role} />;
  const team = await listTeam(ctx);
  const { seats } = team;
  const full = seats.active + seats.pending >= seats.max;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Team</h1>
      <Section title="Invite someone" description={howInviteesJoin()}>
        <p className="mb-4 text-sm text-slate-700 dark:text-slate-300" data-testid="seats">
          {seats.active} active {seats.active === 1 ? "user" : "users"} and {seats.pending} pending {seats.pending === 1 ? "invitation" : "invitations"} of{" "}
          {seats.max} seats on your plan.
        </p>
        {full && (
          <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
            {seatsMessage(seats)}
          </p>
        )}
        <InviteForm action={inviteMemberAction} />
      </Section>
      <Section title="Invitations">
        <InvitesTable invites={team.invites} actions={{ resend: resendInviteAction, revoke: revokeInviteAction }} />
      </Section>
      <Section title="Members" description="Deactivating someone signs them out everywhere at once; their leads and history stay.">
        <MembersTable members={team.members} actions={{ changeRole: changeRoleAction, deactivate: deactivateMemberAction, reactivate: reactivateMemberAction }} />
      </Section>
    </div>
  );
}

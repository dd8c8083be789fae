import type { ActionResult } from "@/lib/core/errors-response";
import type { TeamInvite } from "@/lib/team/list-team";
import { ROLE_LABELS } from "@/lib/team/roles";
import { RowAction } from "./row-action";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ message: string }>>;

const STATUS_LABELS = { pending: "Pending", expired: "Expired", revoked: "Revoked", accepted: "Accepted" } as const;
const fmt = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function InvitesTable({ invites, actions }: { invites: TeamInvite[]; actions: { resend: Action; revoke: Action } }) {
  if (!invites.length) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">No invitations waiting. Invite someone above and they appear here until they accept.</p>;
  }
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Invitations not yet accepted</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <th scope="col" className="py-2 pr-4 font-medium">E-mail</th>
            <th scope="col" className="py-2 pr-4 font-medium">Role</th>
            <th scope="col" className="py-2 pr-4 font-medium">Status</th>
            <th scope="col" className="py-2 pr-4 font-medium">Expires</th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {invites.map((i) => (
            <tr key={i.id} data-testid="invite-row" data-email={i.email} className="align-top">
              <td className="py-3 pr-4">
                {i.email}
                {i.invitedBy && <div className="text-xs text-slate-600 dark:text-slate-400">Invited by {i.invitedBy}</div>}
              </td>
              <td className="py-3 pr-4">{ROLE_LABELS[i.role]}</td>
              <td className="py-3 pr-4">{STATUS_LABELS[i.status]}</td>
              <td className="whitespace-nowrap py-3 pr-4">{fmt(i.expiresAt)}</td>
              <td className="space-y-1 py-3">
                {i.status !== "revoked" && (
                  <RowAction action={actions.resend} fields={{ inviteId: i.id }} label={`Resend the invitation to ${i.email}`}>
                    Resend
                  </RowAction>
                )}
                {i.status === "pending" && (
                  <RowAction action={actions.revoke} fields={{ inviteId: i.id }} label={`Revoke the invitation to ${i.email}`} confirm={`Revoke for ${i.email}?`} danger>
                    Revoke
                  </RowAction>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { TeamMember } from "@/lib/team/list-team";
import { ROLE_LABELS } from "@/lib/team/roles";
import type { ActionResult } from "@/lib/core/errors-response";
import { RoleForm } from "./role-form";
import { RowAction } from "./row-action";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ message: string }>>;

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "Never");

export function MembersTable({
  members,
  actions,
}: {
  members: TeamMember[];
  actions: { changeRole: Action; deactivate: Action; reactivate: Action };
}) {
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Members of the workspace</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <th scope="col" className="py-2 pr-4 font-medium">Name</th>
            <th scope="col" className="py-2 pr-4 font-medium">Role</th>
            <th scope="col" className="py-2 pr-4 font-medium">Status</th>
            <th scope="col" className="py-2 pr-4 font-medium">Last sign-in</th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {members.map((m) => (
            <tr key={m.id} data-testid="member-row" data-email={m.email} className="align-top">
              <td className="py-3 pr-4">
                <div className="font-medium">
                  {m.name} {m.isYou && <span className="text-xs font-normal text-slate-600 dark:text-slate-400">(you)</span>}
                </div>
                <div className="text-slate-600 dark:text-slate-400">{m.email}</div>
              </td>
              <td className="py-3 pr-4">
                {m.isActive ? <RoleForm action={actions.changeRole} userId={m.id} role={m.role} name={m.name} /> : ROLE_LABELS[m.role]}
              </td>
              <td className="py-3 pr-4">
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium ${
                    m.isActive ? "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200" : "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200"
                  }`}
                >
                  {m.isActive ? "Active" : "Deactivated"}
                </span>
              </td>
              <td className="whitespace-nowrap py-3 pr-4">{fmt(m.lastLogin)}</td>
              <td className="py-3">
                {m.isActive ? (
                  <RowAction action={actions.deactivate} fields={{ userId: m.id }} label={`Deactivate ${m.name}`} confirm={`Deactivate ${m.name}?`} danger>
                    Deactivate
                  </RowAction>
                ) : (
                  <RowAction action={actions.reactivate} fields={{ userId: m.id }} label={`Reactivate ${m.name}`}>
                    Reactivate
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

import { ROLE_SUMMARIES, ROLE_WITH_ARTICLE } from "@/lib/team/roles";
import type { Role } from "@/lib/core/db/tenant-context";

/** What a member sees on a settings section their role does not include. */
export function NoAccess({ title, role, who = "admins" }: { title: string; role?: Role; who?: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        <p className="font-medium">Only {who} can open this section.</p>
        {role && (
          <p className="mt-1">
            You are {ROLE_WITH_ARTICLE[role]}: {ROLE_SUMMARIES[role]}
          </p>
        )}
      </div>
    </div>
  );
}

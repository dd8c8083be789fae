import Link from "next/link";
import { outboxInUse } from "@/lib/mail/outbox";
import { settingsSections } from "@/lib/settings/sections";
import { ROLE_SUMMARIES, ROLE_WITH_ARTICLE } from "@/lib/team/roles";
import { getRequestContext } from "@/lib/core/tenancy/request-context";

export const metadata = { title: "Settings" };

export default async function SettingsHubPage() {
  const { ctx } = await getRequestContext();
  const sections = settingsSections(ctx, { outbox: outboxInUse() });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Settings</h1>
      {ctx.role && (
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="role-summary">
          You are <strong>{ROLE_WITH_ARTICLE[ctx.role]}</strong>: {ROLE_SUMMARIES[ctx.role]}
        </p>
      )}
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900">
              <span className="font-semibold">{s.label}</span>
              <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">{s.description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

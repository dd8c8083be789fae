import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { RootSignOutButton } from "@/components/auth/root-sign-out-button";
import { readRootSession } from "@/lib/auth/root-session";
import { listWorkspaces } from "@/lib/auth/list-workspaces";
import { tenantOrigin } from "@/lib/core/tenancy/origins";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your workspaces" };

/** Root host: the workspaces the signed-in person's sign-in opened, each one click away. */
export default async function WorkspacesPage() {
  const session = await readRootSession();
  if (!session) redirect("/signin");
  const workspaces = await listWorkspaces(session);
  return (
    <AuthCard title="Your workspaces" subtitle={<>Signed in as <strong>{session.email}</strong></>} footer={<RootSignOutButton />}>
      {workspaces.length ? (
        <ul className="flex flex-col gap-2" data-testid="workspace-list">
          {workspaces.map((w) => (
            <li key={w.tenantId}>
              <a
                href={`${tenantOrigin({ kind: "subdomain", subdomain: w.subdomain })}/signin`}
                className="block rounded-md border border-slate-200 px-4 py-3 hover:border-brand-500 dark:border-slate-700"
              >
                <span className="block font-medium">{w.name}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {w.subdomain} · {w.roleLabel}
                  {w.status === "suspended" ? " · suspended" : ""}
                </span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          No workspace has {session.email} as an active member. Ask your company&apos;s admin for an invitation, or{" "}
          <Link href="/signup" className="font-medium text-brand-600 underline">sign up your company</Link>.
        </p>
      )}
    </AuthCard>
  );
}

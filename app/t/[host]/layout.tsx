import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ClosedNotice, SuspendedNotice } from "@/components/auth/workspace-notice";
import { AppShell } from "@/components/shell/app-shell";
import { navItemsFor } from "@/components/shell/nav-items";
import { UserMenu } from "@/components/shell/user-menu";
import { ROLE_LABELS } from "@/lib/team/roles";
import { rootOrigin } from "@/lib/tenancy/origins";
import { isPublicTenantPath } from "@/lib/tenancy/public-paths";
import { currentPath, currentSession } from "@/lib/tenancy/request-context";

export async function generateMetadata(): Promise<Metadata> {
  const state = await currentSession();
  if (state.kind === "no_tenant") return {};
  return { title: { default: state.tenant.name, template: `%s · ${state.tenant.name}` } };
}

/**
 * Every page of a tenant host. Unknown workspace: not-found. Closed (cancelled) workspace: the
 * closed page, whatever the path. Public pages (the invitation) render bare. Everything else
 * needs a signed-in member, and a suspended workspace shows the suspended page instead.
 */
export default async function TenantLayout({ children }: { children: React.ReactNode }) {
  const state = await currentSession();
  if (state.kind === "no_tenant") notFound();
  if (state.kind === "closed") return <ClosedNotice rootUrl={rootOrigin()} />;
  const path = await currentPath();
  if (isPublicTenantPath(path)) return <main className="min-h-screen p-4 sm:p-8">{children}</main>;
  if (state.kind === "signed_out") redirect(`/signin?next=${encodeURIComponent(path)}`);

  const { tenant, member } = state;
  const suspended = tenant.subscription_status === "suspended";
  const userMenu = <UserMenu name={member.name} email={member.email} roleLabel={ROLE_LABELS[member.role]} />;
  return (
    <AppShell companyName={tenant.name} navItems={suspended ? [] : navItemsFor(member.permissions, tenant.settings)} userSlot={userMenu}>
      {suspended ? <SuspendedNotice companyName={tenant.name} isAdmin={member.role === "admin"} /> : children}
    </AppShell>
  );
}

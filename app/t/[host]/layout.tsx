import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ClosedNotice, SuspendedNotice } from "@/components/auth/workspace-notice";
import { AppShell } from "@/components/shell/app-shell";
import { navItemsFor, type NavItem } from "@/components/shell/nav-items";
import { countUnread } from "@/lib/communications/conversations/list-conversations";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { UserMenu } from "@/components/shell/user-menu";
import { ROLE_LABELS } from "@/lib/team/roles";
import { rootOrigin } from "@/lib/core/tenancy/origins";
import { isPublicTenantPath } from "@/lib/core/tenancy/public-paths";
import { currentPath, currentSession } from "@/lib/core/tenancy/request-context";

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
  const navItems = suspended ? [] : await withInboxBadge(navItemsFor(member.permissions, tenant.settings), state.ctx);
  const userMenu = <UserMenu name={member.name} email={member.email} roleLabel={ROLE_LABELS[member.role]} />;
  return (
    <AppShell companyName={tenant.name} navItems={navItems} userSlot={userMenu}>
      {suspended ? <SuspendedNotice companyName={tenant.name} isAdmin={member.role === "admin"} /> : children}
    </AppShell>
  );
}

/** The inbox's unread count beside its menu entry (refreshed with every page and by the inbox's live updates). */
async function withInboxBadge(items: NavItem[], ctx: TenantContext): Promise<NavItem[]> {
  if (!items.some((i) => i.href === "/inbox")) return items;
  const unread = await countUnread(ctx).catch((err: unknown) => {
    console.error("[inbox] unread count failed", err);
    return 0;
  });
  return items.map((i) => (i.href === "/inbox" ? { ...i, badge: unread } : i));
}

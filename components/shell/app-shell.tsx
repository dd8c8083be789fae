import { MobileNav } from "./mobile-nav";
import type { NavItem } from "./nav-items";
import { NavLinks } from "./nav-links";

/**
 * The workspace frame: sidebar on wide screens, a menu button on narrow ones. `navItems` are the
 * sections the member may use (navItemsFor(permissions)); `userSlot` is the user menu.
 */
export function AppShell({
  companyName,
  navItems,
  userSlot,
  children,
}: {
  companyName: string;
  navItems: NavItem[];
  userSlot?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white lg:flex lg:flex-col dark:border-slate-800 dark:bg-slate-900">
        <div className="flex h-14 items-center border-b border-slate-200 px-4 dark:border-slate-800">
          <span className="truncate font-semibold" data-testid="company-name">{companyName}</span>
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto p-3">
          <NavLinks items={navItems} />
        </nav>
        {userSlot && <div className="border-t border-slate-200 p-3 dark:border-slate-800">{userSlot}</div>}
      </aside>
      <div className="relative flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 lg:hidden dark:border-slate-800 dark:bg-slate-900">
          <span className="truncate font-semibold">{companyName}</span>
          <div className="flex items-center gap-2">
            {userSlot}
            {navItems.length > 0 && <MobileNav items={navItems} />}
          </div>
        </header>
        <main id="main" className="flex-1 p-4 sm:p-6 lg:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}

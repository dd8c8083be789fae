"use client";

import Link from "next/link";
import { usePopover } from "@/components/ui/use-popover";
import { signOutAction, signOutEverywhereAction } from "@/app/t/[host]/actions";

/** The signed-in member: name and role, preferences, sign out, sign out everywhere. */
export function UserMenu({ name, email, roleLabel }: { name: string; email: string; roleLabel: string }) {
  const { open, setOpen, id, buttonRef, panelRef } = usePopover();

  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
        className="flex w-full items-center gap-2 rounded-md p-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <span aria-hidden="true" className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
          {initials || "?"}
        </span>
        <span className="hidden min-w-0 lg:block">
          <span className="block truncate font-medium" data-testid="user-menu-name">{name}</span>
          <span className="block truncate text-xs text-slate-600 dark:text-slate-400" data-testid="user-menu-role">{roleLabel}</span>
        </span>
        <span className="sr-only">Account menu for {name}</span>
      </button>
      {open && (
        <div
          ref={panelRef}
          id={id}
          className="absolute bottom-auto right-0 top-12 z-50 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg lg:bottom-12 lg:left-0 lg:right-auto lg:top-auto dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="border-b border-slate-200 px-2 pb-2 dark:border-slate-700">
            <p className="truncate text-sm font-medium">{name}</p>
            <p className="truncate text-xs text-slate-600 dark:text-slate-400">{email}</p>
            <p className="text-xs text-slate-600 dark:text-slate-400">{roleLabel}</p>
          </div>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            <li>
              <Link href="/settings/profile" onClick={() => setOpen(false)} className="block rounded px-2 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-800">
                Profile and preferences
              </Link>
            </li>
            <li>
              <form action={signOutAction}>
                <button type="submit" className="w-full rounded px-2 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800">
                  Sign out
                </button>
              </form>
            </li>
            <li>
              <form action={signOutEverywhereAction}>
                <button type="submit" className="w-full rounded px-2 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800">
                  Sign out everywhere
                  <span className="block text-xs text-slate-600 dark:text-slate-400">Ends your sessions on every device</span>
                </button>
              </form>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}

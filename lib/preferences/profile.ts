import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { DEFAULT_VIEWS, User } from "@/models/user";
import type { Theme } from "./theme";

export type DefaultView = (typeof DEFAULT_VIEWS)[number];
export type Notifications = { email: boolean; sms: boolean; push: boolean };
export type Profile = {
  name: string;
  email: string;
  phone: string | null;
  role: Role;
  theme: Theme;
  notifications: Notifications;
  defaultView: DefaultView;
  hasPassword: boolean;
  signsInWithGoogle: boolean;
};

export function requireUserId(ctx: TenantContext): string {
  if (!ctx.userId) throw new AppError("unauthorized", "Please sign in.");
  return ctx.userId;
}

/** The signed-in user's own profile and preferences. */
export async function getMyProfile(ctx: TenantContext): Promise<Profile> {
  const user = await scoped(ctx, User).findById(requireUserId(ctx)).select("+password_hash").lean();
  if (!user) throw new AppError("unauthorized", "Please sign in.");
  const p = user.preferences;
  return {
    name: user.name ?? "",
    email: user.email ?? "",
    phone: user.phone ?? null,
    role: user.role as Role,
    theme: (p?.theme ?? "auto") as Theme,
    notifications: { email: p?.notifications?.email ?? true, sms: p?.notifications?.sms ?? false, push: p?.notifications?.push ?? true },
    defaultView: (p?.default_view ?? "dashboard") as DefaultView,
    hasPassword: Boolean(user.password_hash),
    signsInWithGoogle: Boolean(user.google_id),
  };
}

export type ProfileInput = { name: string; phone?: string; theme: Theme; notifications: Notifications; default_view: DefaultView };

/** Saves the signed-in user's name, phone and preferences (every user may; only their own). */
export async function updateMyProfile(ctx: TenantContext, input: ProfileInput): Promise<void> {
  const userId = requireUserId(ctx);
  const res = await scoped(ctx, User).updateOne(
    { _id: userId },
    {
      $set: {
        name: input.name,
        "preferences.theme": input.theme,
        "preferences.notifications": input.notifications,
        "preferences.default_view": input.default_view,
        ...(input.phone ? { phone: input.phone } : {}),
      },
      ...(input.phone ? {} : { $unset: { phone: 1 } }),
    },
  );
  if (res.matchedCount !== 1) throw new AppError("unauthorized", "Please sign in.");
}

// Buyers is not built yet: a start page stored as "buyers" (the demo disposition manager's) opens
// the dashboard, not a placeholder. It stays a stored value for when buyers arrive.
const VIEW_PATHS: Record<DefaultView, string | null> = { dashboard: null, leads: "/leads", buyers: null };

/**
 * Where the workspace root should send this user: "/leads" when that is their default view, null
 * to stay on the dashboard (also when no one is signed in, or their start page is not built yet).
 */
export async function defaultViewPath(ctx: TenantContext): Promise<string | null> {
  if (!ctx.userId) return null;
  const user = await scoped(ctx, User).findById(ctx.userId, { "preferences.default_view": 1 }).lean();
  return VIEW_PATHS[(user?.preferences?.default_view ?? "dashboard") as DefaultView] ?? null;
}

/**
 * Where the workspace root sends a member who arrives there (typed address, bookmark, after
 * sign-in): their default view. Moving around inside the app (a same-origin request, such as the
 * Dashboard link) or `?view=dashboard` keeps the dashboard, so it stays reachable.
 */
export async function landingRedirect(ctx: TenantContext, request: { secFetchSite?: string | null; view?: string | null }): Promise<string | null> {
  if (request.view === "dashboard" || !request.secFetchSite || request.secFetchSite === "same-origin") return null;
  return defaultViewPath(ctx);
}

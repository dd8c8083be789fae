import type { Permission } from "@/lib/core/permissions";
import { isFeatureAvailable, isFeatureEnabled, type FeatureKey, type FeatureSettings } from "@/lib/settings/feature-keys";

/**
 * A section of the workspace; shown only to members holding one of `anyOf` (when given), only
 * while one of its `feature` switches (tenant.settings) is on, and only once it is built
 * (`comingSoon` sections are left out of the menu; the dashboard names them as not there yet).
 */
export type NavItem = { href: string; label: string; icon: string; anyOf?: Permission[]; feature?: FeatureKey[]; comingSoon?: string; /** A count shown beside the label (the inbox's unread messages). */ badge?: number };

// Icons are inline SVG paths (24×24, stroked) so the shell needs no icon library.
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Dashboard", icon: "M3 12l9-9 9 9M5 10v10h5v-6h4v6h5V10" },
  { href: "/leads", label: "Leads", anyOf: ["leads.read", "leads.read_all"], icon: "M16 7a4 4 0 11-8 0 4 4 0 018 0zM4 21v-1a6 6 0 0112 0v1" },
  { href: "/buyers", label: "Buyers", anyOf: ["buyers.read"], icon: "M12 8c-2 0-3 1-3 2s1 2 3 2 3 1 3 2-1 2-3 2m0-8V6m0 10v2M21 12a9 9 0 11-18 0 9 9 0 0118 0z" },
  { href: "/deals", label: "Deals", anyOf: ["deals.read"], icon: "M9 12l2 2 4-4M7 4h10a2 2 0 012 2v14l-7-3-7 3V6a2 2 0 012-2z" },
  { href: "/inbox", label: "Inbox", anyOf: ["communications.read"], feature: ["sms_enabled", "call_enabled"], icon: "M4 4h16v12H5.17L4 17.17V4zM8 9h8M8 12h5" },
  { href: "/automations", label: "Automations", anyOf: ["workflows.read"], feature: ["automation_enabled"], comingSoon: "follow-up sequences that text, tag and remind", icon: "M13 2L3 14h7l-1 8 10-12h-7l1-8z" },
  { href: "/analytics", label: "Analytics", anyOf: ["analytics.read"], feature: ["advanced_analytics"], comingSoon: "pipeline, team and source reports", icon: "M4 20V10m6 10V4m6 16v-7m4 7H2" },
  { href: "/settings", label: "Settings", icon: "M12 15a3 3 0 100-6 3 3 0 000 6zM19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-1.8-.3 1.7 1.7 0 00-1 1.5V21a2 2 0 11-4 0v-.1a1.7 1.7 0 00-1.1-1.5 1.7 1.7 0 00-1.8.3l-.1.1a2 2 0 11-2.8-2.8l.1-.1a1.7 1.7 0 00.3-1.8 1.7 1.7 0 00-1.5-1H3a2 2 0 110-4h.1a1.7 1.7 0 001.5-1.1 1.7 1.7 0 00-.3-1.8l-.1-.1a2 2 0 112.8-2.8l.1.1a1.7 1.7 0 001.8.3H9a1.7 1.7 0 001-1.5V3a2 2 0 114 0v.1a1.7 1.7 0 001 1.5 1.7 1.7 0 001.8-.3l.1-.1a2 2 0 112.8 2.8l-.1.1a1.7 1.7 0 00-.3 1.8V9a1.7 1.7 0 001.5 1H21a2 2 0 110 4h-.1a1.7 1.7 0 00-1.5 1z" },
];

/**
 * The sections a member may use, of the features the workspace has switched on (`settings`:
 * tenant.settings). The server refuses the rest anyway (requireFeature); this only hides them.
 */
export function navItemsFor(permissions: readonly string[], settings?: FeatureSettings | null): NavItem[] {
  return NAV_ITEMS.filter(
    (item) =>
      !item.comingSoon &&
      mayUse(item, permissions) &&
      (!item.feature || item.feature.some((key) => isFeatureAvailable(key) && isFeatureEnabled({ settings }, key))),
  );
}

/** The sections not built yet that this member's role will use: said plainly, not shown as working. */
export function comingSoonFor(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.comingSoon && mayUse(item, permissions));
}

const mayUse = (item: NavItem, permissions: readonly string[]) => !item.anyOf || item.anyOf.some((p) => permissions.includes(p));

import { can } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";

export type SettingsSection = { href: string; label: string; description: string };

/** The settings sections this member may open (everyone has their profile). */
export function settingsSections(ctx: TenantContext, { outbox }: { outbox: boolean }): SettingsSection[] {
  const sections: SettingsSection[] = [
    { href: "/settings/profile", label: "Profile", description: "Your name, phone, theme, notifications, start page and password." },
  ];
  if (can(ctx, "users.manage")) sections.push({ href: "/settings/team", label: "Team", description: "Members, roles, invitations and deactivation." });
  if (can(ctx, "templates.read")) sections.push({ href: "/settings/templates", label: "Templates", description: "Text, e-mail and call-script templates with their variables." });
  if (can(ctx, "settings.manage")) {
    sections.push({ href: "/settings/compliance", label: "Compliance", description: "Opt-outs, replies to review, deferred texts and 10DLC status." });
    sections.push({ href: "/settings/workspace", label: "Workspace", description: "Company profile, address, features and plan." });
    sections.push({ href: "/settings/values", label: "Settings", description: "Workspace settings by category, such as permissions and integrations." });
    sections.push({ href: "/settings/twilio", label: "Twilio", description: "Account, phone numbers, A2P 10DLC status, webhook URLs and this month's spend." });
    sections.push({ href: "/settings/api-keys", label: "API keys", description: "Keys for other apps to call the API, with their permissions; revoke at any time." });
  }
  if (outbox && can(ctx, "users.manage")) sections.push({ href: "/settings/outbox", label: "Outbox", description: "E-mail the workspace would have sent (no mail server configured)." });
  return sections;
}

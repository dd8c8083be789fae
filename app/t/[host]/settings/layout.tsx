import { SettingsTabs } from "@/components/settings/settings-tabs";
import { outboxInUse } from "@/lib/mail/outbox";
import { settingsSections } from "@/lib/settings/sections";
import { getRequestContext } from "@/lib/core/tenancy/request-context";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const { ctx } = await getRequestContext();
  const tabs = settingsSections(ctx, { outbox: outboxInUse() }).map(({ href, label }) => ({ href, label }));
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <SettingsTabs tabs={[{ href: "/settings", label: "Overview" }, ...tabs]} />
      {children}
    </div>
  );
}

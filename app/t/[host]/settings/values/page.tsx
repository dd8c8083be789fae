import { Section } from "@/components/settings/form-controls";
import { NoAccess } from "@/components/settings/no-access";
import { AddSettingForm, SettingsCategory } from "@/components/settings/settings-editor";
import { can } from "@/lib/core/permissions";
import { settingValueText } from "@/lib/settings/setting-values";
import { listSettings } from "@/lib/settings/settings-store";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { createSettingAction, deleteSettingAction, updateSettingAction } from "./actions";

export const metadata = { title: "Workspace settings" };

const CATEGORY_LABELS: Record<string, string> = { general: "General", notifications: "Notifications", integrations: "Integrations", permissions: "Permissions" };

export default async function SettingsValuesPage() {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "settings.manage")) return <NoAccess title="Workspace settings" role={ctx.role} />;
  const groups = await listSettings(ctx);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Workspace settings</h1>
      <Section title="Add a setting">
        <AddSettingForm action={createSettingAction} categories={[...new Set(["general", "notifications", "integrations", "permissions", ...groups.map((g) => g.category)])]} />
      </Section>
      {groups.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
          No settings yet. Add one above; they are grouped here by category.
        </p>
      ) : (
        groups.map((g) => (
          <Section key={g.category} title={CATEGORY_LABELS[g.category] ?? g.category}>
            <SettingsCategory
              category={g.category}
              actions={{ update: updateSettingAction, remove: deleteSettingAction }}
              rows={g.settings.map((s) => ({ id: s.id, key: s.key, type: s.type, text: settingValueText(s.value), shown: s.shown, description: s.description, isSystem: s.isSystem }))}
            />
          </Section>
        ))
      )}
    </div>
  );
}

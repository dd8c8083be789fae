import Link from "next/link";
import { NoAccess } from "@/components/settings/no-access";
import { CustomFieldsEditor } from "@/components/leads/fields/custom-fields-editor";
import { can } from "@/lib/core/permissions";
import { getCustomFieldSettings } from "@/lib/custom-fields/definitions";
import { getRequestContext } from "@/lib/core/tenancy/request-context";

export const metadata = { title: "Lead custom fields" };

export default async function LeadFieldsPage() {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "settings.manage")) return <NoAccess title="Lead custom fields" role={ctx.role} />;
  const settings = await getCustomFieldSettings(ctx);
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">Lead custom fields</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Fields your team fills in on every lead, under “More fields”, in this order. CSV imports can fill them too. Removing a field hides it; the values already on leads are kept.{" "}
        <Link href="/leads/tags" className="font-medium text-brand-700 underline dark:text-brand-100">
          Lead tags
        </Link>
      </p>
      <CustomFieldsEditor initial={settings} />
    </div>
  );
}

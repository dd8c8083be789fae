import Link from "next/link";
import { can } from "@/lib/core/permissions";
import { FEATURE_LABELS, isFeatureAvailable, isFeatureEnabled, type FeatureKey } from "@/lib/settings/feature-keys";
import { PlannedSection } from "@/components/shell/planned-section";
import { getRequestContext } from "@/lib/core/tenancy/request-context";

/**
 * Shows a section only while one of its feature switches is on; otherwise says it is turned off
 * (and, to admins, where to turn it on). Server actions and handlers gate with requireFeature.
 */
export async function FeatureGate({ feature, title, children }: { feature: FeatureKey | FeatureKey[]; title: string; children: React.ReactNode }) {
  const { tenant, ctx } = await getRequestContext();
  const keys = Array.isArray(feature) ? feature : [feature];
  // Not built yet: say so, rather than offering to switch on something that does not exist.
  if (!keys.some(isFeatureAvailable)) return <PlannedSection title={title} description={`${title} is not available yet: it is still being built.`} />;
  if (keys.some((key) => isFeatureAvailable(key) && isFeatureEnabled(tenant, key))) return <>{children}</>;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <div role="note" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center dark:border-slate-700 dark:bg-slate-900">
        <p className="text-slate-700 dark:text-slate-300">
          {keys.map((k) => FEATURE_LABELS[k].label).join(" and ")} {keys.length > 1 ? "are" : "is"} turned off for this workspace.
        </p>
        {can(ctx, "settings.manage") ? (
          <p className="mt-2 text-sm">
            <Link href="/settings/workspace" className="font-medium text-brand-700 underline dark:text-brand-100">
              Turn it on in Settings → Workspace
            </Link>
          </p>
        ) : (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">An admin of your workspace can turn it on.</p>
        )}
      </div>
    </div>
  );
}

import { BulkTextForm } from "@/components/communications/bulk-text-form";
import { FeatureGate } from "@/components/settings/feature-gate";
import { can } from "@/lib/core/permissions";
import { MAX_BULK_RECIPIENTS } from "@/lib/communications/bulk/bulk-text";
import { getTextingStatus } from "@/lib/communications/sending-status";
import { listSavedViews } from "@/lib/saved-views/saved-views";
import { listTemplates } from "@/lib/templates/templates";
import { getRequestContext } from "@/lib/core/tenancy/request-context";

export const metadata = { title: "Bulk text" };

export default async function BulkTextPage({ searchParams }: { searchParams: Promise<{ ids?: string; query?: string }> }) {
  const { ctx, tenant } = await getRequestContext();
  const params = await searchParams;
  const ids = (params.ids ?? "").split(",").filter((x) => /^[0-9a-f]{24}$/i.test(x));
  if (!can(ctx, "communications.write")) return <p>Your role does not include sending texts.</p>;
  const [saved, templates, sending] = await Promise.all([
    listSavedViews(ctx).catch(() => []),
    can(ctx, "templates.read") ? listTemplates(ctx, { type: "sms", activeOnly: true }) : Promise.resolve([]),
    getTextingStatus(ctx),
  ]);
  const views = saved.map((v) => ({ id: v.id, name: v.name, query: v.query }));
  return (
    <FeatureGate feature="sms_enabled" title="Bulk text">
      <div className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-2xl font-bold">Bulk text</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          One text to many leads (at most {MAX_BULK_RECIPIENTS.toLocaleString("en-US")}), each checked like a single text: opted-out, do-not-contact and wrong numbers are skipped,
          quiet hours defer, and texts go out at your company&apos;s sending rate. Variables are filled for each lead; a lead missing a value is skipped and named.
        </p>
        {sending.warning && (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200" data-testid="sending-status">
            {sending.warning}
          </p>
        )}
        <BulkTextForm
          initialIds={ids}
          initialQuery={params.query ?? null}
          views={views}
          templates={templates.map((t) => ({ id: t.id, name: t.name, content: t.content, category: t.category }))}
          companyName={tenant.name}
        />
      </div>
    </FeatureGate>
  );
}

import { can, requirePermission } from "@/lib/core/permissions";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { listImports } from "@/lib/leads/import/imports";
import { listAssignees } from "@/lib/leads/write/list-assignees";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { ImportWizard } from "@/components/leads/import/import-wizard";

export const metadata = { title: "Import leads" };

export default async function ImportLeadsPage() {
  const { ctx } = await getRequestContext();
  requirePermission(ctx, "leads.import");
  const [imports, customFields, assignees] = await Promise.all([listImports(ctx), getCustomFieldDefinitions(ctx), can(ctx, "leads.assign") ? listAssignees(ctx) : Promise.resolve([])]);
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold">Import leads</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Upload a CSV export from PropStream, BatchLeads, DealMachine, Podio or a spreadsheet. Columns are matched for you; check them, choose what to do with duplicates, and the import runs in the background (you can leave this page).
      </p>
      <ImportWizard recent={imports} customFields={customFields.map((f) => ({ key: f.key, label: f.label }))} assignees={assignees} />
    </div>
  );
}

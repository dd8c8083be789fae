import { notFound } from "next/navigation";
import { can } from "@/lib/core/permissions";
import { listImports } from "@/lib/leads/import/imports";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { ImportWizard } from "@/components/leads/import/import-wizard";

export const metadata = { title: "Import buyers" };

/** The buyer list import: the lead import's pipeline and wizard with buyer columns. */
export default async function ImportBuyersPage() {
  const { ctx } = await getRequestContext();
  // Without the permission the section does not exist for this member (as the deal dashboard).
  if (!can(ctx, "buyers.write")) notFound();
  const imports = await listImports(ctx, 20, "buyers");
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold">Import buyers</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Upload a buyer list exported from a spreadsheet, PropStream or InvestorLift. Columns are matched for you; a cell may hold several locations or property types (&quot;Dallas, TX; Fort Worth, TX&quot;, &quot;SFR/MF&quot;). Rows that cannot be imported are listed with the field at fault, in a report you can fix and import again.
      </p>
      <ImportWizard recent={imports} customFields={[]} assignees={[]} kind="buyers" />
    </div>
  );
}

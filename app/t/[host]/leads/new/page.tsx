import { requirePermission } from "@/lib/core/permissions";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { NewLeadForm } from "@/components/leads/form/new-lead-form";
import { listTags } from "@/lib/tags/tag-catalogue";

export const metadata = { title: "New lead" };

export default async function NewLeadPage() {
  const { ctx } = await getRequestContext();
  requirePermission(ctx, "leads.write");
  const tags = await listTags(ctx);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-semibold">New lead</h1>
      <NewLeadForm tagNames={tags.map((t) => t.name)} />
    </div>
  );
}

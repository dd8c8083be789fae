import Link from "next/link";
import { can } from "@/lib/core/permissions";
import { listTags } from "@/lib/tags/tag-catalogue";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { TagCatalogue } from "@/components/tags/tag-catalogue";

export const metadata = { title: "Lead tags" };

export default async function TagsPage() {
  const { ctx } = await getRequestContext();
  const tags = await listTags(ctx);
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">Lead tags</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Counts are the leads carrying each tag. Renaming or merging updates every lead.
        {can(ctx, "settings.manage") && (
          <>
            {" "}
            <Link href="/leads/fields" className="font-medium text-brand-700 underline dark:text-brand-100">
              Lead custom fields
            </Link>
          </>
        )}
      </p>
      <TagCatalogue tags={tags} canManage={can(ctx, "tags.manage")} />
    </div>
  );
}

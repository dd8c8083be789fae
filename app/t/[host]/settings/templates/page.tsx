import { Types } from "mongoose";
import { NoAccess } from "@/components/settings/no-access";
import { TemplateEditor } from "@/components/templates/template-editor";
import { can } from "@/lib/core/permissions";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { scoped } from "@/lib/core/db/scoped";
import { leadVisibility } from "@/lib/leads/visibility";
import { listTemplates } from "@/lib/templates/templates";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { Lead } from "@/models/lead";
import { createTemplateAction, deleteTemplateAction, previewTemplateAction, updateTemplateAction } from "./actions";

export const metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "templates.read")) return <NoAccess title="Templates" role={ctx.role} />;
  const [templates, fields, leads] = await Promise.all([
    listTemplates(ctx),
    getCustomFieldDefinitions(ctx),
    can(ctx, "leads.read") ? scoped(ctx, Lead).find(leadVisibility(ctx), { name: 1 }).limit(25).lean() : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Templates</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Texts, e-mails and call scripts your team sends again and again. Variables such as {"{{first_name}}"} are filled in for each contact; a message is not sent while a
          value is missing.
        </p>
      </div>
      <TemplateEditor
        templates={templates}
        customFields={fields.map((f) => ({ key: f.key, label: f.label }))}
        leads={leads.map((l) => ({ id: String(l._id as Types.ObjectId), name: l.name ?? "" }))}
        canWrite={can(ctx, "templates.write")}
        actions={{ create: createTemplateAction, update: updateTemplateAction, remove: deleteTemplateAction, preview: previewTemplateAction }}
      />
    </div>
  );
}

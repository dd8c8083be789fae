"use server";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { createTemplate, deleteTemplate, previewTemplate, updateTemplate } from "@/lib/templates/templates";
import { previewTemplateSchema, templateIdSchema, templateInputSchema, updateTemplateSchema } from "@/lib/zod/schemas/template";
import { z } from "zod";

const refresh = () => revalidatePath("/t/[host]/settings/templates", "page");

export const createTemplateAction = tenantAction(templateInputSchema, "templates.write", async (ctx, input) => {
  const t = await createTemplate(ctx, input);
  refresh();
  return t;
});

export const updateTemplateAction = tenantAction(updateTemplateSchema, "templates.write", async (ctx, { template_id, ...input }) => {
  const t = await updateTemplate(ctx, template_id, input);
  refresh();
  return t;
});

export const deleteTemplateAction = tenantAction(templateIdSchema, "templates.write", async (ctx, { template_id }) => {
  await deleteTemplate(ctx, template_id);
  refresh();
  return null;
});

export const previewTemplateAction = tenantAction(
  previewTemplateSchema.extend({ fill_in: z.record(z.string(), z.string().max(200)).optional() }),
  "templates.read",
  async (ctx, { content, lead_id, fill_in }) => previewTemplate(ctx, content, lead_id, fill_in),
);

import "server-only";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { templateInputSchema, type TemplateInput } from "@/lib/zod/schemas/template";
import { Communication } from "@/models/communication";
import { Template } from "@/models/template";
import { DEFAULT_TEMPLATES } from "./default-templates";
import { analyzeTemplate, renderTemplate, splitEmailTemplate, type RenderResult } from "./render";
import { templateValuesFor } from "./template-values";

export type TemplateType = "sms" | "email" | "call_script";

export type TemplateView = {
  id: string;
  name: string;
  type: TemplateType;
  category: string;
  content: string;
  variables: string[];
  isDefault: boolean;
  isActive: boolean;
  /** Messages sent with it: counted from the communications that name it, never a raced counter. */
  usageCount: number;
  updatedAt: string | null;
};

const toView = (t: Record<string, any>, usage: Map<string, number>): TemplateView => ({
  id: String(t._id),
  name: t.name,
  type: t.type,
  category: t.category ?? "",
  content: t.content ?? "",
  variables: t.variables ?? [],
  isDefault: t.is_default === true,
  isActive: t.is_active !== false,
  usageCount: usage.get(String(t._id)) ?? 0,
  updatedAt: t.updated_at ? new Date(t.updated_at).toISOString() : null,
});

/**
 * How many communications used each template. Derived on read (FerretDB loses concurrent `$inc`s
 * on one document, and a send, a retry and a bulk job all "use" a template at once).
 */
export async function countTemplateUsage(ctx: TenantContext, ids: Types.ObjectId[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await scoped(ctx, Communication).aggregate<{ _id: Types.ObjectId; n: number }>(
    [{ $group: { _id: "$template_id", n: { $sum: 1 } } }],
    { template_id: { $in: ids } } as never,
  );
  return new Map(rows.map((r) => [String(r._id), r.n]));
}

export async function listTemplates(ctx: TenantContext, opts: { type?: TemplateType; activeOnly?: boolean } = {}): Promise<TemplateView[]> {
  requirePermission(ctx, "templates.read");
  const filter: Record<string, unknown> = {};
  if (opts.type) filter.type = opts.type;
  if (opts.activeOnly) filter.is_active = true;
  const rows = await scoped(ctx, Template).find(filter).limit(500).lean();
  const usage = await countTemplateUsage(ctx, rows.map((r) => r._id as Types.ObjectId));
  return rows.map((r) => toView(r, usage)).sort((a, b) => a.type.localeCompare(b.type) || a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
}

export async function getTemplateOrThrow(ctx: TenantContext, id: unknown): Promise<TemplateView> {
  requirePermission(ctx, "templates.read");
  const row = await scoped(ctx, Template).findById(id).lean();
  if (!row) throw notFound("Template");
  return toView(row, await countTemplateUsage(ctx, [row._id as Types.ObjectId]));
}

/** Refuses content with unknown variables or malformed braces, naming each, on the content field. */
async function checkedVariables(ctx: TenantContext, input: TemplateInput): Promise<string[]> {
  const customKeys = (await getCustomFieldDefinitions(ctx)).map((d) => d.key);
  const analysis = analyzeTemplate(input.content, customKeys);
  const problems = [
    ...(analysis.unknown.length ? [`Unknown variable${analysis.unknown.length > 1 ? "s" : ""}: ${analysis.unknown.map((u) => `{{${u}}}`).join(", ")}`] : []),
    ...analysis.syntaxErrors,
  ];
  if (input.type === "email" && !splitEmailTemplate(input.content).subject) problems.push('An e-mail template starts with a "Subject: ..." line');
  if (problems.length) throw new AppError("bad_request", problems.join(". "), { content: problems });
  return analysis.variables;
}

export async function createTemplate(ctx: TenantContext, raw: unknown): Promise<TemplateView> {
  requirePermission(ctx, "templates.write");
  const input = templateInputSchema.parse(raw);
  const variables = await checkedVariables(ctx, input);
  const created = await scoped(ctx, Template).create({
    ...input,
    category: input.category || undefined,
    variables,
    created_by: ctx.userId ? new Types.ObjectId(ctx.userId) : undefined,
  });
  return toView(created.toObject(), new Map());
}

export async function updateTemplate(ctx: TenantContext, id: unknown, raw: unknown): Promise<TemplateView> {
  requirePermission(ctx, "templates.write");
  const input = templateInputSchema.parse(raw);
  const variables = await checkedVariables(ctx, input);
  const updated = await scoped(ctx, Template).updateById(id, { $set: { ...input, category: input.category || undefined, variables } });
  if (!updated) throw notFound("Template");
  return toView(updated, await countTemplateUsage(ctx, [updated._id as Types.ObjectId]));
}

/** Deletes a template; messages sent with it keep their words (they never re-read it). */
export async function deleteTemplate(ctx: TenantContext, id: unknown): Promise<void> {
  requirePermission(ctx, "templates.write");
  const deleted = await scoped(ctx, Template).deleteById(id);
  if (!deleted) throw notFound("Template");
}

/** A template's words for one lead, or why it cannot be sent to them (the missing values named). */
export async function previewTemplate(ctx: TenantContext, content: string, leadId: string, fillIn: Record<string, string> = {}): Promise<RenderResult> {
  requirePermission(ctx, "templates.read");
  const { values, customKeys } = await templateValuesFor(ctx, { kind: "lead", id: leadId }, fillIn);
  return renderTemplate(content, values, customKeys);
}

/**
 * A new company's starting set (DEFAULT_TEMPLATES), once: a company that has any template already
 * keeps what it has. Called at sign-up; safe to call again.
 */
export async function installDefaultTemplates(ctx: TenantContext): Promise<number> {
  const templates = scoped(ctx, Template);
  if (await templates.exists({})) return 0;
  await templates.insertMany(
    DEFAULT_TEMPLATES.map((t) => ({ ...t, is_default: true, variables: analyzeTemplate(t.content).variables })),
  );
  return DEFAULT_TEMPLATES.length;
}

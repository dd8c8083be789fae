"use server";
import { z } from "zod";
import { tenantAction } from "@/lib/actions/tenant-action";
import { objectIdSchema } from "@/lib/zod/fields";
import { analyzeImport, cancelImport, createImport, createImportSchema, importSettingsSchema, previewImport, resumeImport, startImport } from "@/lib/leads/import/imports";

export const createImportAction = tenantAction(createImportSchema, "leads.import", async (ctx, input) => createImport(ctx, input));
export const analyzeImportAction = tenantAction(z.object({ import_id: objectIdSchema, chunk_count: z.number().int().min(0).max(100) }), "leads.import", async (ctx, { import_id, chunk_count }) =>
  analyzeImport(ctx, import_id, chunk_count),
);
export const previewImportAction = tenantAction(importSettingsSchema, "leads.import", async (ctx, input) => previewImport(ctx, { ...input, source: input.source }));
export const startImportAction = tenantAction(importSettingsSchema, "leads.import", async (ctx, input) => startImport(ctx, input));
export const resumeImportAction = tenantAction(z.object({ import_id: objectIdSchema }), "leads.import", async (ctx, { import_id }) => resumeImport(ctx, import_id));
export const cancelImportAction = tenantAction(z.object({ import_id: objectIdSchema }), "leads.import", async (ctx, { import_id }) => cancelImport(ctx, import_id));

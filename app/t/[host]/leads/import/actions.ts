"use server";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { objectIdSchema } from "@/lib/zod/fields";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { analyzeImport, cancelImport, createImport, createImportSchema, importSettingsSchema, previewImport, resumeImport, startImport } from "@/lib/leads/import/imports";

// The permission depends on what is imported (leads: leads.import, buyers: buyers.write): checked in lib/leads/import/imports.ts.
export const createImportAction = tenantAction(createImportSchema, null, async (ctx, input) => createImport(ctx, input));
export const analyzeImportAction = tenantAction(z.object({ import_id: objectIdSchema, chunk_count: z.number().int().min(0).max(100) }), null, async (ctx, { import_id, chunk_count }) =>
  analyzeImport(ctx, import_id, chunk_count, await requestTimeZone()),
);
export const previewImportAction = tenantAction(importSettingsSchema, null, async (ctx, input) => previewImport(ctx, { ...input, source: input.source, timeZone: await requestTimeZone() }));
export const startImportAction = tenantAction(importSettingsSchema, null, async (ctx, input) => startImport(ctx, input, await requestTimeZone()));
export const resumeImportAction = tenantAction(z.object({ import_id: objectIdSchema }), null, async (ctx, { import_id }) => resumeImport(ctx, import_id));
export const cancelImportAction = tenantAction(z.object({ import_id: objectIdSchema }), null, async (ctx, { import_id }) => cancelImport(ctx, import_id));

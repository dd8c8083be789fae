"use server";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { createLead } from "@/lib/leads/write/create-lead";
import { createLeadSchema } from "@/lib/zod/schemas/lead";

export const createLeadAction = tenantAction(createLeadSchema, "leads.write", async (ctx, { allow_duplicate, ...input }) => createLead(ctx, input, { allowDuplicate: allow_duplicate }));

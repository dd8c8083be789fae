import { z } from "zod";

export const TEMPLATE_TYPE_VALUES = ["sms", "email", "call_script"] as const;
export const TEMPLATE_TYPE_LABELS: Record<(typeof TEMPLATE_TYPE_VALUES)[number], string> = { sms: "Text", email: "E-mail", call_script: "Call script" };
/** Suggested categories; a company may use its own words. */
export const TEMPLATE_CATEGORIES = ["introduction", "follow_up", "offer", "appointment", "qualification", "buyer_blast", "other"] as const;

const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());

export const templateInputSchema = z.object({
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  type: z.enum(TEMPLATE_TYPE_VALUES, { error: "Type must be text, e-mail or call script" }),
  category: z
    .string()
    .trim()
    .max(50, "Category must be at most 50 characters")
    .regex(/^[a-z0-9_ -]*$/i, "Category may use letters, digits, spaces, - and _")
    .optional()
    .default(""),
  content: z.string({ error: "Content is required" }).trim().min(1, "Content is required").max(20_000, "Content must be at most 20,000 characters"),
  is_active: checkbox.optional().default(true),
});

export type TemplateInput = z.infer<typeof templateInputSchema>;

export const updateTemplateSchema = templateInputSchema.extend({ template_id: z.string().min(1, "Template is required") });
export const templateIdSchema = z.object({ template_id: z.string().min(1, "Template is required") });
export const previewTemplateSchema = z.object({
  content: z.string().max(20_000, "Content must be at most 20,000 characters"),
  lead_id: z.string().min(1, "Choose a lead"),
});

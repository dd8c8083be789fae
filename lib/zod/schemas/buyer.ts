import { z } from "zod";
import { CREDIT_SCORES, EXPERIENCE_LEVELS, FUNDING_TYPES } from "@/models/buyer-enums";
import { PROPERTY_TYPES } from "@/models/property-types";
import { amountSchema, customFieldsSchema, emailSchema, nameSchema, optional, phoneSchema, shortText } from "../fields";

export const buyerInputSchema = z
  .object({
    name: nameSchema,
    phone: phoneSchema,
    email: optional(emailSchema),
    company: optional(shortText("Company", 100)),
    website: optional(z.string().trim().max(2000).url("Website must be a full address such as https://example.com")),
    property_types: z.array(z.enum(PROPERTY_TYPES)).optional(),
    price_range: z
      .object({ min: optional(amountSchema("Minimum price")), max: optional(amountSchema("Maximum price")) })
      .optional(),
    preferred_locations: z.array(shortText("Location", 100).min(1)).max(100).optional(),
    investment_criteria: optional(shortText("Investment criteria", 5000)),
    funding_type: optional(z.enum(FUNDING_TYPES)),
    credit_score: optional(z.enum(CREDIT_SCORES)),
    experience_level: optional(z.enum(EXPERIENCE_LEVELS)),
    notes: optional(shortText("Notes", 20_000)),
    is_active: z.boolean().optional(),
    custom_fields: customFieldsSchema.optional(),
  })
  .superRefine((buyer, ctx) => {
    const { min, max } = buyer.price_range ?? {};
    if (min != null && max != null && min > max) {
      ctx.addIssue({ code: "custom", path: ["price_range", "max"], message: "Maximum price must be at least the minimum price" });
    }
  });

export type BuyerInput = z.infer<typeof buyerInputSchema>;

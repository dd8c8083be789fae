// What a buyer's forms send, checked the same way in the browser and on the server. Every error
// names its field; nothing here reaches a query except as a finished value.
import { z } from "zod";
import { amountSchema, emailSchema, nameSchema, optional, phoneSchema, shortText } from "@/lib/zod/fields";
import { CREDIT_SCORES, EXPERIENCE_LEVELS, FUNDING_TYPES } from "@/models/buyer-enums";
import { PROPERTY_TYPES } from "@/models/property-types";
import { PROPERTY_TYPE_LABELS } from "./labels";

const typeList = PROPERTY_TYPES.map((t) => PROPERTY_TYPE_LABELS[t]).join(", ");

export const propertyTypeSchema = z.string({ error: "Property types: each entry must be text" }).transform((t, ctx) => {
  if ((PROPERTY_TYPES as readonly string[]).includes(t)) return t as (typeof PROPERTY_TYPES)[number];
  ctx.addIssue({ code: "custom", message: `Property types: "${t.slice(0, 30)}" is not a property type; choose from ${typeList}` });
  return z.NEVER;
});

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  optional(z.enum(values, { error: `${label} must be one of: ${values.join(", ")}` }));

/** Text of a location entry as typed; the server turns each into a location key. */
const locationText = z.string({ error: "Preferred locations: each entry must be text" }).max(100, "Preferred locations: each entry must be at most 100 characters");

export const buyBoxSchema = z
  .object({
    property_types: z.array(propertyTypeSchema).max(PROPERTY_TYPES.length).default([]),
    price_min: optional(amountSchema("Minimum price")),
    price_max: optional(amountSchema("Maximum price")),
    preferred_locations: z.array(locationText).max(100, "Preferred locations: at most 100").default([]),
    funding_type: optionalEnum(FUNDING_TYPES, "Funding type"),
    credit_score: optionalEnum(CREDIT_SCORES, "Credit band"),
    experience_level: optionalEnum(EXPERIENCE_LEVELS, "Experience"),
    investment_criteria: optional(shortText("Criteria notes", 5000)),
  })
  .superRefine((v, ctx) => {
    if (v.price_min != null && v.price_max != null && v.price_min > v.price_max) {
      ctx.addIssue({ code: "custom", path: ["price_max"], message: "Maximum price must be at least the minimum price" });
    }
  });
export type BuyBoxInput = z.infer<typeof buyBoxSchema>;

export const buyerContactSchema = z.object({
  name: nameSchema,
  phone: phoneSchema,
  email: optional(emailSchema),
  company: optional(shortText("Company", 100)),
  website: optional(shortText("Website", 2000).url("Website must be a web address such as https://example.com")),
  notes: optional(shortText("Notes", 20_000)),
});
export type BuyerContactInput = z.infer<typeof buyerContactSchema>;

export const newBuyerSchema = buyerContactSchema.and(buyBoxSchema);
export type NewBuyerInput = z.infer<typeof newBuyerSchema>;

export const buyerIdSchema = z.object({ id: z.string().max(40) });

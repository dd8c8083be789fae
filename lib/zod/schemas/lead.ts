import { z } from "zod";
import { LEAD_PRIORITIES, LEAD_STATUSES } from "@/models/lead-enums";
import { PROPERTY_TYPES } from "@/models/property-types";
import { amountSchema, countSchema, customFieldsSchema, dateSchema, emailSchema, nameSchema, objectIdSchema, optional, phoneSchema, shortText } from "../fields";
import { addressSchema } from "./address";

export const leadStatusSchema = z.enum(LEAD_STATUSES, { error: `Status must be one of: ${LEAD_STATUSES.join(", ")}` });
export const leadPrioritySchema = z.enum(LEAD_PRIORITIES, { error: `Priority must be one of: ${LEAD_PRIORITIES.join(", ")}` });

export const propertyDetailsSchema = z.object({
  type: optional(z.enum(PROPERTY_TYPES, { error: `Property type must be one of: ${PROPERTY_TYPES.join(", ")}` })),
  bedrooms: optional(countSchema("Bedrooms", 100)),
  bathrooms: optional(countSchema("Bathrooms", 100)),
  square_feet: optional(countSchema("Square feet", 1_000_000)),
  lot_size: optional(countSchema("Lot size", 1e9)),
  year_built: optional(z.coerce.number({ error: "Year built must be a number" }).int("Year built must be a whole year").min(1700, "Year built must be 1700 or later").max(2100, "Year built must be 2100 or earlier")),
});

/** A lead as created or fully edited (the founding spec's rules: name, phone required; e-mail, status). */
export const leadInputSchema = z.object({
  name: nameSchema,
  phone: phoneSchema,
  email: optional(emailSchema),
  address: addressSchema.optional(),
  property_details: propertyDetailsSchema.optional(),
  estimated_value: optional(amountSchema("Estimated value")),
  asking_price: optional(amountSchema("Asking price")),
  source: optional(shortText("Source", 50).toLowerCase()),
  status: leadStatusSchema.default("new"),
  priority: leadPrioritySchema.default("medium"),
  assigned_to: optional(objectIdSchema),
  tags: z.array(shortText("Tag", 50).min(1)).max(50, "At most 50 tags").optional(),
  notes: optional(shortText("Notes", 20_000)),
  next_follow_up: optional(dateSchema("Next follow-up")),
  custom_fields: customFieldsSchema.optional(),
});

/** A partial edit: any subset of the fields, each with the same rules. */
export const leadUpdateSchema = leadInputSchema.partial().extend({
  status: leadStatusSchema.optional(),
  priority: leadPrioritySchema.optional(),
});

export type LeadInput = z.infer<typeof leadInputSchema>;
export type LeadFormValues = z.input<typeof leadInputSchema>;

import { z } from "zod";
import { EMAIL_STATUSES, EMAIL_TYPES, LEAD_PRIORITIES, LEAD_STATUSES, MAX_CONTACT_POINTS, PHONE_STATUSES, PHONE_TYPES } from "@/models/lead-enums";
import { PROPERTY_TYPES } from "@/models/property-types";
import { readNumber } from "@/lib/validation/number";
import { amountSchema, countSchema, customFieldsSchema, dateSchema, emailSchema, nameSchema, objectIdSchema, optional, phoneSchema, shortText } from "../fields";
import { addressSchema } from "./address";
import { MERGE_FIELDS } from "@/lib/leads/merge/plan-merge";
import { newFollowUpSchema } from "./follow-up";
import { tagNameSchema } from "./tag";

export const leadStatusSchema = z.enum(LEAD_STATUSES, { error: `Status must be one of: ${LEAD_STATUSES.join(", ")}` });
export const leadPrioritySchema = z.enum(LEAD_PRIORITIES, { error: `Priority must be one of: ${LEAD_PRIORITIES.join(", ")}` });

export const propertyDetailsSchema = z.object({
  type: optional(z.enum(PROPERTY_TYPES, { error: `Property type must be one of: ${PROPERTY_TYPES.join(", ")}` })),
  bedrooms: optional(countSchema("Bedrooms", 100)),
  bathrooms: optional(countSchema("Bathrooms", 100, "measure")),
  square_feet: optional(countSchema("Square feet", 1_000_000)),
  lot_size: optional(countSchema("Lot size", 1e9)),
  year_built: optional(z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? (readNumber(v) ?? v) : v), z.coerce.number({ error: "Year built must be a number" }).int("Year built must be a whole year").min(1700, "Year built must be 1700 or later").max(2100, "Year built must be 2100 or earlier"))),
});

const choice = <V extends readonly [string, ...string[]]>(values: V, what: string) => z.enum(values, { error: `${what} must be one of: ${values.join(", ")}` });

/** One of a lead's phones: E.164 once normalised, its line type and whether it may be called. */
export const leadPhoneSchema = z.object({
  number: phoneSchema,
  type: choice(PHONE_TYPES, "Phone type").default("unknown"),
  status: choice(PHONE_STATUSES, "Phone status").default("active"),
});
export const leadEmailSchema = z.object({
  address: emailSchema,
  type: optional(choice(EMAIL_TYPES, "E-mail type")),
  status: optional(choice(EMAIL_STATUSES, "E-mail status")),
});

/** The same number or address twice is one entry too many: named at the second. */
function noRepeats<T>(key: (item: T) => string, what: string) {
  return (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i, what === "phone" ? "number" : "address"], message: `This ${what} is already in the list` });
      seen.add(k);
    });
  };
}

export const leadPhonesSchema = z
  .array(leadPhoneSchema)
  .max(MAX_CONTACT_POINTS, `At most ${MAX_CONTACT_POINTS} phones`)
  .superRefine(noRepeats((p) => p.number, "phone"));
export const leadEmailsSchema = z
  .array(leadEmailSchema)
  .max(MAX_CONTACT_POINTS, `At most ${MAX_CONTACT_POINTS} e-mails`)
  .superRefine(noRepeats((e) => e.address.toLowerCase(), "e-mail"));

export const mailingAddressSchema = z.object({
  street: optional(shortText("Mailing street", 200)),
  city: optional(shortText("Mailing city", 100)),
  state: optional(shortText("Mailing state", 50)),
  zip_code: optional(
    z
      .string()
      .trim()
      .regex(/^\d{5}(-?\d{4})?$/, "Mailing ZIP code must be 5 digits (or ZIP+4)"),
  ),
});

/** A lead as created or fully edited (the founding spec's rules: name, phone required; e-mail, status). */
export const leadInputSchema = z.object({
  name: nameSchema,
  phone: phoneSchema,
  email: optional(emailSchema),
  /** Every phone, the primary first (`phone` is the primary; given both, the list decides). */
  phones: leadPhonesSchema.optional(),
  emails: leadEmailsSchema.optional(),
  mailing_address: mailingAddressSchema.optional(),
  address: addressSchema.optional(),
  property_details: propertyDetailsSchema.optional(),
  estimated_value: optional(amountSchema("Estimated value")),
  asking_price: optional(amountSchema("Asking price")),
  source: optional(shortText("Source", 50).toLowerCase()),
  status: leadStatusSchema.default("new"),
  priority: leadPrioritySchema.default("medium"),
  assigned_to: optional(objectIdSchema),
  tags: z.array(tagNameSchema).max(50, "At most 50 tags").optional(),
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

/** The lead's own details, edited together on the lead page: a field left empty is cleared. */
export const LEAD_DETAIL_FIELDS = ["name", "phone", "email", "phones", "emails", "mailing_address", "address", "property_details", "estimated_value", "asking_price", "source", "notes"] as const;
export const leadDetailsSchema = leadInputSchema.pick({
  name: true,
  phone: true,
  email: true,
  phones: true,
  emails: true,
  mailing_address: true,
  address: true,
  property_details: true,
  estimated_value: true,
  asking_price: true,
  source: true,
  notes: true,
});
export type LeadDetailsInput = z.infer<typeof leadDetailsSchema>;
export type LeadDetailsFormValues = z.input<typeof leadDetailsSchema>;

/**
 * The lead page's form: the phones and e-mails lists decide, `phone` and `email` are sent as their
 * first entries (updateLeadDetailsSchema checks them again on the server).
 */
export const leadDetailsFormSchema = leadDetailsSchema.extend({
  phone: z.string().optional(),
  email: z.string().optional(),
  phones: leadPhonesSchema.min(1, "A lead needs at least one phone"),
  emails: leadEmailsSchema.optional(),
});
export type LeadDetailsFormInput = z.input<typeof leadDetailsFormSchema>;

/** Create: the full lead, plus the person's answer to "this looks like a duplicate". */
export const createLeadSchema = leadInputSchema.extend({
  next_follow_up: optional(newFollowUpSchema),
  allow_duplicate: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).optional(),
});

export const leadIdSchema = z.object({ lead_id: objectIdSchema });
export const updateLeadDetailsSchema = leadDetailsSchema.extend({ lead_id: objectIdSchema });
export const changeLeadStatusSchema = z.object({ lead_id: objectIdSchema, status: leadStatusSchema });
export const changeLeadPrioritySchema = z.object({ lead_id: objectIdSchema, priority: leadPrioritySchema });
/** An empty assignee means "unassigned". */
export const assignLeadSchema = z.object({ lead_id: objectIdSchema, assigned_to: optional(objectIdSchema) });
/** An empty date clears the follow-up. */
export const setFollowUpSchema = z.object({ lead_id: objectIdSchema, next_follow_up: optional(newFollowUpSchema) });
export const setLeadTagsSchema = z.object({ lead_id: objectIdSchema, tags: z.array(tagNameSchema).max(50, "At most 50 tags") });
export const addLeadNoteSchema = z.object({
  lead_id: objectIdSchema,
  text: z.string({ error: "Write a note first" }).trim().min(1, "Write a note first").max(5000, "A note must be at most 5,000 characters"),
});
export const setLeadCustomFieldsSchema = z.object({
  lead_id: objectIdSchema,
  custom_fields: z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.null()])),
});
export const mergeLeadsSchema = z
  .object({
    keep_id: objectIdSchema,
    merge_id: objectIdSchema,
    /** Field by field, which lead's value wins; a field left out takes the default (lib/leads/merge/plan-merge.ts). */
    choices: z
      .partialRecord(z.enum(MERGE_FIELDS, { error: `A merge choice must be one of the fields: ${MERGE_FIELDS.join(", ")}` }), z.enum(["kept", "merged"], { error: 'Each choice must be "kept" or "merged"' }))
      .optional(),
  })
  .refine((v) => v.keep_id.toLowerCase() !== v.merge_id.toLowerCase(), { path: ["merge_id"], message: "A lead cannot be merged into itself" });

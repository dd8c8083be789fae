import { z } from "zod";
import { EMAIL_STATUSES, EMAIL_TYPES, LEAD_PRIORITIES, LEAD_STATUSES, MAX_CONTACT_POINTS, PHONE_STATUSES, PHONE_TYPES } from "@/models/lead-enums";
import { customFieldsSchema, dateSchema, emailSchema, objectIdSchema, optional, phoneSchema } from "../fields";
import { LEAD_FIELDS_SHAPE, LEAD_INPUT_KEYS } from "./lead-fields";
import { MERGE_FIELDS } from "@/lib/leads/merge/plan-merge";
import { newFollowUpSchema } from "./follow-up";
import { tagNameSchema } from "./tag";

export const leadStatusSchema = z.enum(LEAD_STATUSES, { error: `Status must be one of: ${LEAD_STATUSES.join(", ")}` });
export const leadPrioritySchema = z.enum(LEAD_PRIORITIES, { error: `Priority must be one of: ${LEAD_PRIORITIES.join(", ")}` });

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

/**
 * A lead as created or fully edited (the founding spec's rules: name, phone required; e-mail,
 * status). The typed fields (name, address, property, prices, source, notes) come from the field
 * registry with their limits (./lead-fields.ts); the rest is written here.
 */
const { name, ...typedFields } = LEAD_FIELDS_SHAPE;
export const leadInputSchema = z.object({
  name,
  phone: phoneSchema,
  email: optional(emailSchema),
  /** Every phone, the primary first (`phone` is the primary; given both, the list decides). */
  phones: leadPhonesSchema.optional(),
  emails: leadEmailsSchema.optional(),
  ...typedFields,
  status: leadStatusSchema.default("new"),
  priority: leadPrioritySchema.default("medium"),
  assigned_to: optional(objectIdSchema),
  tags: z.array(tagNameSchema).max(50, "At most 50 tags").optional(),
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

/** The lead's own details, edited together on the lead page: every typed field, the phones and e-mails. A field left empty is cleared. */
export const LEAD_DETAIL_FIELDS = [...LEAD_INPUT_KEYS, "phone", "email", "phones", "emails"] as const;
export const leadDetailsSchema = leadInputSchema.pick(Object.fromEntries(LEAD_DETAIL_FIELDS.map((k) => [k, true])) as { [K in (typeof LEAD_DETAIL_FIELDS)[number]]: true });
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

import { z } from "zod";

export const CUSTOM_FIELD_TYPES = ["text", "number", "date", "select"] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

// Keys become object keys in lead.custom_fields: no `.`, no leading `$`, nothing a query could
// read as an operator.
export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export const customFieldDefinitionSchema = z
  .object({
    key: z.string().trim().regex(CUSTOM_FIELD_KEY_PATTERN, "Key must start with a letter and use lower-case letters, digits or _ (at most 40)"),
    label: z.string().trim().min(1, "Label is required").max(60, "Label must be at most 60 characters"),
    type: z.enum(CUSTOM_FIELD_TYPES, { error: `Type must be one of: ${CUSTOM_FIELD_TYPES.join(", ")}` }),
    options: z.array(z.string().trim().min(1).max(60, "Options must be at most 60 characters")).max(50, "At most 50 options").default([]),
  })
  .superRefine((field, ctx) => {
    if (field.type === "select" && field.options.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "A select field needs at least one option" });
    if (new Set(field.options).size !== field.options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "Options must be different" });
  });

export const customFieldDefinitionsSchema = z.object({
  fields: z
    .array(customFieldDefinitionSchema)
    .max(50, "At most 50 custom fields")
    .superRefine((fields, ctx) => {
      const seen = new Set<string>();
      fields.forEach((f, i) => {
        if (seen.has(f.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `Key "${f.key}" is used twice` });
        seen.add(f.key);
      });
    }),
});

export type CustomFieldDefinition = z.infer<typeof customFieldDefinitionSchema>;

/** A label typed by an admin → a storable key ("Motivation (1-10)" → "motivation_1_10"). */
export function customFieldKeyFromLabel(label: string): string {
  const key = label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+|_+$/g, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  return key || "field";
}

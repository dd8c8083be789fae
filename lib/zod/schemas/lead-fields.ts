// The zod schema of the lead's typed fields, built from the field registry (lib/leads/fields.ts):
// every field with an `input` facet, by its kind and its declared limits, messages included. The
// lead's create and edit schemas (./lead.ts) add what is not a plain field: the phones and
// e-mails, status, priority, assignment, tags, follow-up and custom fields.
import { z } from "zod";
import { fieldsWith, type Entry, type InputFacet, type LeadFieldDef } from "@/lib/leads/fields";
import { amountSchema, countSchema, dateSchema, optional, shortText, yearSchema, zipSchema } from "../fields";

type Typed = LeadFieldDef & { input: InputFacet };

/** One typed field's schema, required or not. */
export function inputSchemaOf(f: Typed): z.ZodType {
  const { label, input } = f;
  const limit = () => {
    if (input.max === undefined) throw new Error(`lead field ${f.path}: an input of kind ${f.kind} needs a max`);
    return input.max;
  };
  let schema: z.ZodType;
  switch (f.kind) {
    case "text":
      if (input.zip) schema = zipSchema(label);
      else if (f.required) schema = z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(limit(), `${label} must be 1 to ${limit()} characters`);
      else schema = input.lowercase ? shortText(label, limit()).toLowerCase() : shortText(label, limit());
      break;
    case "enum":
      schema = z.enum(f.codes as [string, ...string[]], { error: `${label} must be one of: ${f.codes!.join(", ")}` });
      break;
    case "money":
      schema = amountSchema(label);
      break;
    case "number":
      schema = input.year ? yearSchema(label, input.min ?? 0, limit()) : countSchema(label, limit(), input.measure ? "measure" : "count");
      break;
    case "date":
      schema = dateSchema(label);
      break;
    default:
      throw new Error(`lead field ${f.path}: a ${f.kind} field is not typed into a form field by field (its schema is written in lead.ts)`);
  }
  return f.required ? schema : optional(schema);
}

// ---- Types: what the schema gives, from the registry's entries --------------------------------

type InputEntry = Extract<Entry, { input: InputFacet }>;
type ValueOf<E> = E extends { kind: "enum"; codes: readonly (infer C)[] } ? C : E extends { kind: "money" | "number" } ? number : E extends { kind: "date" } ? Date : string;
type TopEntry = Exclude<InputEntry, { path: `${string}.${string}` }>;
type NestedEntry = Extract<InputEntry, { path: `${string}.${string}` }>;
type Head<P> = P extends `${infer H}.${string}` ? H : never;
type Tail<P> = P extends `${string}.${infer T}` ? T : never;

/** A required field's schema, an optional one's, and a nested group's (the address): as z.object types them. */
type Required_<E> = z.ZodType<ValueOf<E>, unknown>;
type Optional_<E> = z.ZodOptional<z.ZodType<ValueOf<E>, unknown>>;
export type LeadFieldsShape = { [E in TopEntry as E["path"]]: E extends { required: true } ? Required_<E> : Optional_<E> } & {
  [H in Head<NestedEntry["path"]>]: z.ZodOptional<z.ZodObject<{ [E in Extract<NestedEntry, { path: `${H}.${string}` }> as Tail<E["path"]>]: Optional_<E> }>>;
};

/** The typed fields as a z.object shape: top-level fields, and nested ones (address.street) under their object. */
export function leadFieldsShape(fields: readonly LeadFieldDef[]): Record<string, z.ZodType> {
  const top: Record<string, z.ZodType> = {};
  const nested: Record<string, Record<string, z.ZodType>> = {};
  for (const f of fields) {
    if (!f.input) continue;
    const [head, ...rest] = f.path.split(".");
    if (!rest.length) top[head] = inputSchemaOf(f as Typed);
    else (nested[head] ??= {})[rest.join(".")] = inputSchemaOf(f as Typed);
  }
  for (const [head, shape] of Object.entries(nested)) top[head] = z.object(shape).optional();
  return top;
}

/** The lead's typed fields, from the registry. */
export const LEAD_FIELDS_SHAPE = leadFieldsShape(fieldsWith("input")) as unknown as LeadFieldsShape;

/** The top-level names the typed fields are sent under ("address" for address.street). */
export const LEAD_INPUT_KEYS = Object.keys(LEAD_FIELDS_SHAPE) as (keyof LeadFieldsShape)[];

// Field schemas shared by the forms (react-hook-form resolver) and the server. Form inputs are
// strings: empty strings mean "not given", numbers are coerced explicitly, and only strings are
// accepted where text is expected (so `{ "$ne": "" }` never reaches a query).
import { z } from "zod";
import { EMAIL_MESSAGE, isEmail, normalizeEmail } from "@/lib/validation/email";
import { readNumber, type NumberKind } from "@/lib/validation/number";
import { normalizePhone, PHONE_MESSAGE } from "@/lib/validation/phone";
import { customFieldsProblem } from "@/lib/validation/custom-fields";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

export const nameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be 1 to 100 characters");

export const phoneSchema = z
  .string({ error: "Phone is required" })
  .trim()
  .min(1, "Phone is required")
  .max(40, PHONE_MESSAGE)
  .transform((value, ctx) => {
    const e164 = normalizePhone(value);
    if (!e164) {
      ctx.addIssue({ code: "custom", message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return e164;
  });

/** An e-mail address, ASCII or internationalised, in its stored form (lib/validation/email.ts). */
export const emailSchema = z
  .string()
  .overwrite(normalizeEmail)
  .max(254, "E-mail must be at most 254 characters")
  .refine(isEmail, EMAIL_MESSAGE);

export const shortText = (label: string, max: number) => z.string().trim().max(max, `${label} must be at most ${max} characters`);

/**
 * A number typed into a form, read like an imported cell ("1,450", "$95,000", "250K", "2,5"): a
 * mark before exactly three digits groups thousands, except in a measure such as bathrooms.
 * Text that is not one number goes on to the check, which refuses it with the field's message.
 */
const numberText = (kind: NumberKind) => (v: unknown) => {
  if (typeof v !== "string" || v.trim() === "") return v;
  // "0.25 acres" typed where square feet are asked is not 0.25: refused, not misread.
  if (/\d\s*(acres?|ac)$/i.test(v.trim())) return v;
  return readNumber(v, { kind }) ?? v;
};

/** A non-negative amount of money typed into a form ("250,000", "$250000", "$1.2M"). */
export const amountSchema = (label: string) =>
  z.preprocess(
    numberText("amount"),
    z.coerce.number({ error: `${label} must be a number` }).finite(`${label} must be a number`).min(0, `${label} cannot be negative`).max(1e12, `${label} is too large`),
  );

/** A non-negative count or measure typed into a form ("1,450" square feet, "2.5" or "2,5" bathrooms). */
export const countSchema = (label: string, max: number, kind: NumberKind = "count") =>
  z.preprocess(
    numberText(kind),
    z.coerce.number({ error: `${label} must be a number` }).finite(`${label} must be a number`).min(0, `${label} cannot be negative`).max(max, `${label} must be at most ${max.toLocaleString("en-US")}`),
  );

/** A whole calendar year typed into a form ("1962"), within [min, max]. */
export const yearSchema = (label: string, min: number, max: number) =>
  z.preprocess(
    numberText("count"),
    z.coerce.number({ error: `${label} must be a number` }).int(`${label} must be a whole year`).min(min, `${label} must be ${min} or later`).max(max, `${label} must be ${max} or earlier`),
  );

/** A US ZIP code: 5 digits or ZIP+4. */
export const zipSchema = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{5}(-?\d{4})?$/, `${label} must be 5 digits (or ZIP+4)`);

export const dateSchema = (label: string) =>
  z.coerce.date({ error: `${label} must be a date` }).refine((d) => !Number.isNaN(d.getTime()), `${label} must be a date`);

export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, "Invalid id");

export const customFieldsSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.date()]))
  .superRefine((value, ctx) => {
    const problem = customFieldsProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

// Field schemas shared by the forms (react-hook-form resolver) and the server. Form inputs are
// strings: empty strings mean "not given", numbers are coerced explicitly, and only strings are
// accepted where text is expected (so `{ "$ne": "" }` never reaches a query).
import { z } from "zod";
import { EMAIL_MESSAGE, EMAIL_PATTERN } from "@/lib/validation/email";
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

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "E-mail must be at most 254 characters")
  .regex(EMAIL_PATTERN, EMAIL_MESSAGE);

export const shortText = (label: string, max: number) => z.string().trim().max(max, `${label} must be at most ${max} characters`);

/** A whole, non-negative number typed into a form ("250,000" and "$250000" are accepted). */
export const amountSchema = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[$,\s]/g, "") : v),
    z.coerce.number({ error: `${label} must be a number` }).finite(`${label} must be a number`).min(0, `${label} cannot be negative`).max(1e12, `${label} is too large`),
  );

export const countSchema = (label: string, max: number) =>
  z.coerce.number({ error: `${label} must be a number` }).finite(`${label} must be a number`).min(0, `${label} cannot be negative`).max(max, `${label} must be at most ${max}`);

export const dateSchema = (label: string) =>
  z.coerce.date({ error: `${label} must be a date` }).refine((d) => !Number.isNaN(d.getTime()), `${label} must be a date`);

export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, "Invalid id");

export const customFieldsSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.date()]))
  .superRefine((value, ctx) => {
    const problem = customFieldsProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

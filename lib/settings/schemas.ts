// Zod schemas for workspace settings, shared by the forms and the server.
import { z } from "zod";
import { emailSchema, objectIdSchema, optional, shortText } from "@/lib/zod/fields";
import { PLANS } from "@/models/tenant";
import { FEATURE_KEYS } from "./feature-keys";
import { SETTING_VALUE_TYPES } from "./setting-values";

export const companyProfileSchema = z.object({
  name: z.string({ error: "Company name is required" }).trim().min(1, "Company name is required").max(100, "Company name must be at most 100 characters"),
  contact_name: optional(shortText("Billing contact", 100)),
  contact_email: optional(z.string().pipe(emailSchema)),
  billing_address: optional(shortText("Billing address", 400)),
});

export const subdomainSchema = z.object({ subdomain: z.string({ error: "Subdomain is required" }).trim().toLowerCase().min(1, "Subdomain is required").max(63, "Use at most 63 characters") });

export const customDomainSchema = z.object({ domain: z.string().trim().toLowerCase().max(253, "Use at most 253 characters").default("") });

/** A checkbox: present in the form data ("on") is true, absent is false. */
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const featureSwitchesSchema = z.object(
  Object.fromEntries(FEATURE_KEYS.map((k) => [k, checkbox])) as unknown as Record<(typeof FEATURE_KEYS)[number], typeof checkbox>,
);

export const planSchema = z.object({ plan: z.enum(PLANS, { error: `Choose a plan: ${PLANS.join(", ")}` }) });

const categorySchema = z
  .string({ error: "Category is required" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,49}$/, "Category: lower-case letters, digits or _, starting with a letter (up to 50)");
const keySchema = z
  .string({ error: "Key is required" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, "Key: lower-case letters, digits or _, starting with a letter (up to 64)");

const settingValueFields = {
  type: z.enum(SETTING_VALUE_TYPES, { error: "Choose a type: text, number, true/false or JSON" }),
  value: z.string().max(50_000, "The value is too long").default(""),
  description: optional(shortText("Description", 500)),
};

export const createSettingSchema = z.object({ category: categorySchema, key: keySchema, ...settingValueFields });
export const updateSettingSchema = z.object({ id: objectIdSchema, ...settingValueFields });
export const settingIdSchema = z.object({ id: objectIdSchema });
export const repsSeeAllLeadsSchema = z.object({ enabled: checkbox });

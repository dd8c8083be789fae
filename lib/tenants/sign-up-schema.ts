// The sign-up form, shared by the browser (react-hook-form) and the server action.
import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { subdomainProblem } from "@/lib/core/tenancy/host";
import { emailSchema, nameSchema } from "@/lib/zod/fields";
import type { Plan } from "./plans";

// Spelled out here because this module runs in the browser too (plans.ts reads the Mongoose model).
const PLAN_VALUES = ["basic", "professional", "enterprise"] as const satisfies readonly Plan[];
const everyPlanListed: Exclude<Plan, (typeof PLAN_VALUES)[number]> extends never ? true : false = true;
void everyPlanListed;

export const subdomainSchema = z
  .string({ error: "Choose an address for your workspace" })
  .trim()
  .toLowerCase()
  .min(1, "Choose an address for your workspace")
  .max(63, "Use at most 63 characters")
  .superRefine((value, ctx) => {
    const problem = subdomainProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const signUpSchema = z.object({
  company: z
    .string({ error: "Enter your company's name" })
    .trim()
    .min(1, "Enter your company's name")
    .max(100, "Use at most 100 characters"),
  subdomain: subdomainSchema,
  plan: z.enum(PLAN_VALUES, { error: "Choose a plan" }),
  name: nameSchema,
  email: z.string({ error: "Enter your e-mail address" }).pipe(emailSchema),
  password: z
    .string({ error: "Choose a password" })
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(200, "Use at most 200 characters"),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

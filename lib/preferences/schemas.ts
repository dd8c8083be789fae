// Zod schemas for the profile page, shared by the form and the server.
import { z } from "zod";
import { newPasswordSchema } from "@/lib/team/schemas";
import { nameSchema, optional, phoneSchema } from "@/lib/zod/fields";
import { THEMES } from "./theme";

/** The start pages a person may choose: those that are built (buyers is not, yet). */
export const START_PAGES = ["dashboard", "leads"] as const;

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const profileSchema = z
  .object({
    name: nameSchema,
    phone: optional(phoneSchema),
    theme: z.enum(THEMES, { error: "Choose light, dark or automatic" }),
    notify_email: checkbox,
    notify_sms: checkbox,
    notify_push: checkbox,
    default_view: z.enum(START_PAGES, { error: "Choose the dashboard or leads" }),
  })
  .transform(({ notify_email, notify_sms, notify_push, ...rest }) => ({
    ...rest,
    notifications: { email: notify_email, sms: notify_sms, push: notify_push },
  }));

export const changePasswordSchema = z
  .object({
    current: optional(z.string().max(200)),
    next: newPasswordSchema,
    confirm: z.string({ error: "Repeat the new password" }),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "The passwords do not match" });

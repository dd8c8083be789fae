// Zod schemas for the profile page, shared by the form and the server.
import { z } from "zod";
import { newPasswordSchema } from "@/lib/team/schemas";
import { nameSchema, optional, phoneSchema } from "@/lib/zod/fields";
import { DEFAULT_VIEWS } from "@/models/user";
import { THEMES } from "./theme";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const profileSchema = z
  .object({
    name: nameSchema,
    phone: optional(phoneSchema),
    theme: z.enum(THEMES, { error: "Choose light, dark or automatic" }),
    notify_email: checkbox,
    notify_sms: checkbox,
    notify_push: checkbox,
    default_view: z.enum(DEFAULT_VIEWS, { error: "Choose dashboard, leads or buyers" }),
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

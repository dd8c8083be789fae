// Zod schemas for team administration and invitations, shared by the forms and the server.
import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { emailSchema, nameSchema, objectIdSchema } from "@/lib/zod/fields";
import { ROLES } from "@/models/user";

export const roleSchema = z.enum(ROLES, { error: "Choose a role: admin, acquisition rep or disposition manager" });

export const inviteMemberSchema = z.object({
  email: z.string({ error: "E-mail is required" }).pipe(emailSchema),
  role: roleSchema,
});

export const inviteIdSchema = z.object({ inviteId: objectIdSchema });

export const changeRoleSchema = z.object({ userId: objectIdSchema, role: roleSchema });

export const memberIdSchema = z.object({ userId: objectIdSchema });

export const newPasswordSchema = z
  .string({ error: "Password is required" })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "Use at most 200 characters");

/** The invitation link's token, as the accept forms send it back. */
export const inviteTokenSchema = z.object({ token: z.string({ error: "The invitation link is missing its token" }).min(1).max(200) });

/** The accept-invite form: name and password (twice). */
export const acceptInviteFormSchema = z
  .object({
    token: z.string().min(1).max(200),
    name: nameSchema,
    password: newPasswordSchema,
    confirm: z.string({ error: "Repeat the password" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match" });
